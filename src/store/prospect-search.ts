/**
 * The text search of /v1/prospects (docs/v1.md#prospects): one column, `search_text`, holding a
 * prospect's first and last name, company, public identifier and URL, lowercased with accents
 * stripped, so "Zoë" finds "zoe" and "ZOE". Written in the same statement as the row by every write
 * path; indexed by trigrams (migration 2026-12-02-002-prospect-queries).
 */
export function normalizeSearch(text: string): string {
  // Most names are ASCII: skip the decomposition for them (this runs for every imported prospect).
  const plain = NON_ASCII.test(text) ? text.normalize('NFD').replace(/\p{M}/gu, '') : text;
  return plain.toLowerCase();
}

const NON_ASCII = /[^ -~]/;

/** The search_text of a prospect from its searchable fields. */
export function searchTextOf(fields: {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  publicIdentifier?: string | null;
  linkedinUrl: string;
}): string {
  const parts = [fields.firstName, fields.lastName, fields.company, fields.publicIdentifier, readableUrl(fields.linkedinUrl)].filter((part): part is string => part != null && part !== '');
  return normalizeSearch(parts.join(' '));
}

/** The URL as people type it: a canonical URL percent-encodes an identifier's accents. */
function readableUrl(url: string): string {
  if (!url.includes('%')) return url;
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
