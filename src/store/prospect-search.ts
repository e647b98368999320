/**
 * The text search of /v1/prospects (docs/v1.md#prospects): one column, `search_text`, holding a
 * prospect's first and last name, company and profile identifier (its URL without the
 * https://www.linkedin.com/in/ every URL shares), lowercased with accents stripped (and ø, ł, ß… folded to
 * o, l, ss…), so "Zoë" finds "zoe" and "ZOE", "Søren" "soren". Written in the same statement as the row by every write path; indexed by
 * trigrams on PostgreSQL (migration 2026-12-02-002-prospect-queries).
 */
export function normalizeSearch(text: string): string {
  // Most names are ASCII: skip the decomposition for them (this runs for every imported prospect).
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSED, (letter) => FOLDED[letter]!);
}

const NON_ASCII = /[^ -~]/;

/** Letters that Unicode does not decompose into a base letter and an accent ("Søren", "Łukasz"), written as people type them without. */
const FOLDED: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd' };
const UNDECOMPOSED = /[łøđħıßæœþð]/g;

/**
 * What a search looks for: a pasted profile URL is searched by what follows linkedin.com/in/, as
 * people read it (percent-encoded accents decoded, no query string, fragment or trailing slash).
 */
export function searchQuery(q: string): string {
  const text = q.trim();
  if (!URL_PREFIX.test(text.toLowerCase())) return normalizeSearch(text);
  const path = readableUrl(text.replace(/[?#].*$/, '')).replace(/\/+$/, '');
  return normalizeSearch(path).replace(URL_PREFIX, '');
}

const URL_PREFIX = /^(https?:\/\/)?([a-z0-9-]+\.)?linkedin\.com\/(in\/)?/;
const CANONICAL_PREFIX = /^https:\/\/www\.linkedin\.com\/(in\/)?/;

/** The search_text of a prospect from its searchable fields. */
export function searchTextOf(fields: {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  publicIdentifier?: string | null;
  linkedinUrl: string;
}): string {
  const identifier = fields.publicIdentifier ?? readableUrl(fields.linkedinUrl).replace(CANONICAL_PREFIX, '');
  const parts = [fields.firstName, fields.lastName, fields.company, identifier].filter((part): part is string => part != null && part !== '');
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
