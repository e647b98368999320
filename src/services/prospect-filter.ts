import { tagKey } from '../engine/tag-name.js';
import { validationProblem } from '../problems.js';
import type { ProspectFilter as FilterInput } from '../schemas/prospects.js';
import type { ProspectFilter } from '../store/prospect-queries.js';

const INSTANT_FIELDS = ['createdAfter', 'createdBefore', 'updatedAfter', 'updatedBefore'] as const;

/**
 * The store's filter from the request's (docs/v1.md#prospects): each date, in any ISO-8601 form,
 * becomes the UTC instant the rows store; one that does not parse is a 400 naming its field
 * (`at` is where the filter sits in the request, e.g. "querystring" or "/filter").
 */
export function readFilter(input: FilterInput, at: string): ProspectFilter {
  const filter: ProspectFilter = { ...input };
  const errors = [];
  for (const field of INSTANT_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    const time = Date.parse(value);
    if (Number.isNaN(time)) errors.push({ path: `${at}/${field}`, message: 'is not an ISO-8601 date or date-time' });
    else filter[field] = new Date(time).toISOString();
  }
  if (input.variableValue !== undefined && input.variable === undefined) errors.push({ path: `${at}/variableValue`, message: 'needs variable, the label whose value it is' });
  if (errors.length > 0) throw validationProblem(errors);
  if (input.tag !== undefined) filter.tag = tagKey(input.tag.trim());
  return filter;
}
