import type { ImportJobOptions, ProspectInput } from '../api-types.js';

// Which column of a CSV feeds which profile field (guessed from the header names, then chosen on the
// screen), the other columns as custom variables: as the import job's `mapping` (docs/v1.md#import-jobs),
// and as the prospects the first rows become, for the preview.

/** The fields a column can feed, in the screen's order; their names are in the catalogue (importPage.fields). */
export const FIELDS = [
  { key: 'url', guess: /linkedin|profile|url/i },
  { key: 'firstName', guess: /^first|prénom|prenom|given/i },
  { key: 'lastName', guess: /^last|surname|family|^nom$/i },
  { key: 'occupation', guess: /occupation|title|job|position|headline/i },
  { key: 'email', guess: /e-?mail/i },
  { key: 'company', guess: /company|organi[sz]ation|entreprise|société/i },
  { key: 'region', guess: /region|location|city|country/i },
] as const;
export type FieldKey = (typeof FIELDS)[number]['key'];

/** The column index feeding each field; -1: not imported. */
export type Mapping = Record<FieldKey, number>;

/** An import job's limits on variable columns (src/schemas/import-jobs.ts): 50 headers of at most 100 characters. */
const MAX_VARIABLES = 50;
const MAX_LABEL = 100;

/** The server's field of each of the screen's fields. */
const JOB_FIELD = { url: 'url', firstName: 'firstName', lastName: 'lastName', occupation: 'occupation', email: 'email', company: 'company.name', region: 'region' } as const;

type JobMapping = NonNullable<ImportJobOptions['mapping']>;

/** Each field takes the first column, not yet taken, whose header looks like it. */
export function guessMapping(headers: readonly string[]): Mapping {
  const mapping = {} as Mapping;
  const used = new Set<number>();
  for (const field of FIELDS) {
    const index = headers.findIndex((h, i) => !used.has(i) && field.guess.test(h));
    mapping[field.key] = index;
    if (index >= 0) used.add(index);
  }
  return mapping;
}

const PROFILE_TEXT = ['firstName', 'lastName', 'occupation', 'email', 'region'] as const;

/** The columns that become custom variables: unmapped, with a header the job can name (trimmed, 100 characters at most), the first 50. */
function variableColumns(headers: readonly string[], mapping: Mapping, withVariables: boolean): number[] {
  if (!withVariables) return [];
  const mapped = new Set(Object.values(mapping));
  const named = headers.flatMap((header, i) => (!mapped.has(i) && header.trim() && header.trim().length <= MAX_LABEL && headers.findIndex((h) => h.trim() === header.trim()) === i ? [i] : []));
  return named.slice(0, MAX_VARIABLES);
}

/**
 * The job's mapping: every named column explicitly, so the server's own guesses from the header
 * names never differ from what the screen showed — a field, a custom variable, or ignored.
 */
export function jobMapping(headers: readonly string[], mapping: Mapping, withVariables: boolean): JobMapping {
  const names = headers.map((h) => h.trim());
  const variables = variableColumns(headers, mapping, withVariables);
  const columns: NonNullable<JobMapping['columns']> = {};
  names.forEach((name, i) => {
    if (name && !variables.includes(i) && names.indexOf(name) === i) columns[name] = 'ignore';
  });
  for (const field of FIELDS) if (mapping[field.key] >= 0 && names[mapping[field.key]]) columns[names[mapping[field.key]]!] = JOB_FIELD[field.key];
  return { columns, ...(variables.length > 0 ? { variableColumns: variables.map((i) => names[i]!) } : {}) };
}

/** One prospect per data row as the job will read it: cells trimmed, empty cells left out. */
export function toProspects(headers: readonly string[], rows: readonly string[][], mapping: Mapping, withVariables: boolean): ProspectInput[] {
  const cell = (row: readonly string[], index: number) => (index >= 0 ? (row[index] ?? '').trim() : '');
  const variables = variableColumns(headers, mapping, withVariables);
  return rows.map((row) => {
    const profile: NonNullable<ProspectInput['customProfile']> = {};
    for (const field of PROFILE_TEXT) if (cell(row, mapping[field])) profile[field] = cell(row, mapping[field]);
    if (cell(row, mapping.company)) profile.company = { name: cell(row, mapping.company) };
    const prospect: ProspectInput = { url: cell(row, mapping.url) };
    if (Object.keys(profile).length > 0) prospect.customProfile = profile;
    const values = variables.flatMap((i) => (cell(row, i) ? [{ label: headers[i]!.trim(), value: cell(row, i) }] : []));
    if (values.length > 0) prospect.customVariables = values;
    return prospect;
  });
}

/** A short line of a prospect's profile for the preview table ("firstName: Jane · company: Acme"). */
export function describeProfile(prospect: ProspectInput): string {
  return Object.entries(prospect.customProfile ?? {})
    .map(([key, value]) => `${key}: ${value !== null && typeof value === 'object' && 'name' in value ? String(value.name) : String(value)}`)
    .join(' · ');
}
