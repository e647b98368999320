import type { ProspectFilter } from '../api-types.js';

// The prospect table's filters as they travel in the page's URL: the same names and values as the
// query string of GET /v1/prospects (docs/v1.md#prospects), so a URL can be shared and reloaded, and
// is the API query as is. Pure, unit-tested in test/app-unit/prospect-table.test.ts.

export type TableFilter = ProspectFilter;

const TEXT_FIELDS = ['q', 'listId', 'origin', 'importId', 'campaignId', 'company', 'variable', 'variableValue', 'createdAfter', 'createdBefore', 'tag'] as const;
const ENROLMENT = ['active', 'ended', 'none'] as const;

export function filterFromSearch(search: URLSearchParams): TableFilter {
  const filter: TableFilter = {};
  for (const field of TEXT_FIELDS) {
    const value = search.get(field)?.trim();
    if (value) filter[field] = value;
  }
  const hasEmail = search.get('hasEmail');
  if (hasEmail === 'true' || hasEmail === 'false') filter.hasEmail = hasEmail === 'true';
  const enrolment = search.get('enrolment');
  const state = ENROLMENT.find((s) => s === enrolment);
  if (state) filter.enrolment = state;
  if (filter.variableValue !== undefined && filter.variable === undefined) delete filter.variableValue;
  return filter;
}

/** The query string of a filter, in a fixed order (so equal filters give equal strings). */
export function searchOfFilter(filter: TableFilter): URLSearchParams {
  const search = new URLSearchParams();
  for (const field of TEXT_FIELDS) {
    const value = filter[field];
    if (value) search.set(field, value);
  }
  if (filter.hasEmail !== undefined) search.set('hasEmail', String(filter.hasEmail));
  if (filter.enrolment) search.set('enrolment', filter.enrolment);
  return search;
}

/** How many filters are set, besides the search and the list the page is about. */
export function activeFilterCount(filter: TableFilter): number {
  const { q: _q, listId: _list, variableValue: _value, ...rest } = filter;
  return Object.values(rest).filter((v) => v !== undefined).length;
}

/** A day picked in a date input, as the exclusive bounds of createdAfter / createdBefore (local time). */
export function dayStartBound(day: string): string | undefined {
  const start = localMidnight(day);
  return start === undefined ? undefined : new Date(start - 1).toISOString();
}

export function dayEndBound(day: string): string | undefined {
  const start = localMidnight(day);
  if (start === undefined) return undefined;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
}

/** The day a bound was made from, for the date input (undefined: no bound). */
export function dayOfStartBound(bound: string | undefined): string {
  return bound ? localDay(new Date(Date.parse(bound) + 1)) : '';
}

export function dayOfEndBound(bound: string | undefined): string {
  return bound ? localDay(new Date(Date.parse(bound) - 1)) : '';
}

function localMidnight(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

function localDay(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
