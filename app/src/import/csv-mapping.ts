import type { ProspectInput } from '../api-types.js';

// From a parsed CSV table to the prospects an import sends: which column feeds which profile field
// (guessed from the header names, then chosen on the screen), and the other columns as custom variables.

export const FIELDS = [
  { key: 'url', label: 'LinkedIn URL', guess: /linkedin|profile|url/i },
  { key: 'firstName', label: 'First name', guess: /^first|prénom|prenom|given/i },
  { key: 'lastName', label: 'Last name', guess: /^last|surname|family|^nom$/i },
  { key: 'occupation', label: 'Occupation', guess: /occupation|title|job|position|headline/i },
  { key: 'email', label: 'Email', guess: /e-?mail/i },
  { key: 'company', label: 'Company', guess: /company|organi[sz]ation|entreprise|société/i },
  { key: 'region', label: 'Region', guess: /region|location|city|country/i },
] as const;
export type FieldKey = (typeof FIELDS)[number]['key'];

/** The column index feeding each field; -1: not imported. */
export type Mapping = Record<FieldKey, number>;

/** The import's limits on custom variables (src/schemas/import.ts). */
const MAX_VARIABLES = 50;
const MAX_LABEL = 100;

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

/**
 * One prospect per data row, cells trimmed, empty cells left out. With `withVariables`, every
 * unmapped column with a header becomes a custom variable (label cut to 100 characters, at most 50).
 */
export function toProspects(headers: readonly string[], rows: readonly string[][], mapping: Mapping, withVariables: boolean): ProspectInput[] {
  const mapped = new Set(Object.values(mapping).filter((i) => i >= 0));
  const cell = (row: readonly string[], index: number) => (index >= 0 ? (row[index] ?? '').trim() : '');
  return rows.map((row) => {
    const profile: NonNullable<ProspectInput['customProfile']> = {};
    for (const field of PROFILE_TEXT) if (cell(row, mapping[field])) profile[field] = cell(row, mapping[field]);
    if (cell(row, mapping.company)) profile.company = { name: cell(row, mapping.company) };
    const prospect: ProspectInput = { url: cell(row, mapping.url) };
    if (Object.keys(profile).length > 0) prospect.customProfile = profile;
    if (withVariables) {
      const variables = headers.flatMap((header, i) =>
        !mapped.has(i) && header.trim() && cell(row, i) ? [{ label: header.trim().slice(0, MAX_LABEL), value: cell(row, i) }] : [],
      );
      if (variables.length > 0) prospect.customVariables = variables.slice(0, MAX_VARIABLES);
    }
    return prospect;
  });
}

/** A short line of a prospect's profile for the preview table ("firstName: Jane · company: Acme"). */
export function describeProfile(prospect: ProspectInput): string {
  return Object.entries(prospect.customProfile ?? {})
    .map(([key, value]) => `${key}: ${value !== null && typeof value === 'object' && 'name' in value ? String(value.name) : String(value)}`)
    .join(' · ');
}
