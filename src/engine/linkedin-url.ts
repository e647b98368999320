// Turns whatever a user pasted as a LinkedIn profile URL into the identity that names the profile
// (contract §2 "Identity"). Pure and hand-parsed in a few linear scans: the WHATWG `URL` parser would
// silently resolve dot segments and re-encode percent escapes, hiding exactly what §2 says to reject,
// and this runs for up to 1,000 URLs per request.

export type IdentityKind = 'publicIdentifier' | 'memberId' | 'salesMemberId';

export interface LinkedInIdentity {
  kind: IdentityKind;
  /** publicIdentifier: lowercased, percent-decoded once, Unicode NFC. memberId/salesMemberId: as given (case-sensitive). */
  value: string;
  /** canonical https://www.linkedin.com/... URL for this identity */
  canonicalUrl: string;
}

export type UrlRejectCode =
  | 'empty'
  | 'not_a_url'
  | 'not_http'
  | 'credentials'
  | 'not_linkedin_host'
  | 'non_default_port'
  | 'short_link'
  | 'company_page'
  | 'school_page'
  | 'showcase_page'
  | 'post'
  | 'job'
  | 'search'
  | 'recruiter'
  | 'feed'
  | 'not_a_profile'
  | 'legacy_profile'
  | 'self_profile'
  | 'no_identifier'
  | 'invalid_identifier'
  | 'dot_segments'
  | 'double_encoding'
  | 'malformed_encoding'
  | 'too_long';

export type ParsedUrl =
  | { ok: true; identity: LinkedInIdentity }
  | { ok: false; code: UrlRejectCode; reason: string };

/** Longer input is refused before any work, so a hostile batch costs little (contract §2). */
const MAX_URL_LENGTH = 2048;

const PROFILE_HINT = "send the person's https://www.linkedin.com/in/… URL";
const AS_SHOWN = 'copy the URL again from the browser address bar';

/** One actionable reason per code; each starts with the short phrase users and fixtures know. */
const REASONS: Record<UrlRejectCode, string> = {
  empty: `empty: ${PROFILE_HINT}`,
  not_a_url: `not a URL: ${PROFILE_HINT}`,
  not_http: `not an http(s) URL: ${PROFILE_HINT}`,
  credentials: 'credentials in the URL: remove the "user:password@" part',
  not_linkedin_host: `not a linkedin.com host: ${PROFILE_HINT}`,
  non_default_port: 'a non-default port: remove the ":<port>" after linkedin.com',
  short_link: 'a short link: expand it to the profile URL first (open it and send the /in/… URL it leads to)',
  company_page: `a company page, not a person's profile: ${PROFILE_HINT}`,
  school_page: `a school page, not a person's profile: ${PROFILE_HINT}`,
  showcase_page: `a showcase page, not a person's profile: ${PROFILE_HINT}`,
  post: "a post, not a profile: send the author's https://www.linkedin.com/in/… URL",
  job: `a job, not a profile: ${PROFILE_HINT}`,
  search: 'a search, not a profile: open a result and send its profile URL',
  recruiter: `a LinkedIn Recruiter URL, not a public profile: ${PROFILE_HINT}`,
  feed: `not a profile (this is the feed): ${PROFILE_HINT}`,
  not_a_profile: `not a profile: ${PROFILE_HINT}`,
  legacy_profile: 'an old-style profile URL: open it and send the /in/… URL it leads to',
  self_profile: `/in/me means whoever is signed in, not a profile: ${PROFILE_HINT}`,
  no_identifier: 'no profile identifier: the URL must go on after /in/ with the profile name',
  invalid_identifier: `characters a LinkedIn profile identifier cannot contain: ${AS_SHOWN}`,
  dot_segments: `dot segments ("." or "..") in the path: ${AS_SHOWN}`,
  double_encoding: `double percent-encoding (e.g. %25C3): ${AS_SHOWN}`,
  malformed_encoding: `malformed percent-encoding (a % without two hex digits of UTF-8): ${AS_SHOWN}`,
  too_long: `too long (over ${MAX_URL_LENGTH} characters): ${PROFILE_HINT}`,
};

const CANONICAL_ORIGIN = 'https://www.linkedin.com';
/** Member ids are chosen by prefix, not by path (contract §2): ACoAA… member, ACwAA… Sales Navigator. */
const MEMBER_ID_PREFIX = 'ACoAA';
const SALES_MEMBER_ID_PREFIX = 'ACwAA';

export function parseLinkedInUrl(input: string): ParsedUrl {
  if (typeof input !== 'string') return reject('not_a_url');
  if (input.length > MAX_URL_LENGTH) return reject('too_long');
  const url = trimInvisible(input);
  if (url.length === 0) return reject('empty');
  // WHATWG strips tabs/newlines inside URLs ("linked\nin.com"); refusing them keeps our reading honest.
  if (hasSpaceOrControl(url)) return reject('not_a_url');

  const scheme = readScheme(url);
  if (typeof scheme === 'string') return reject(scheme);

  const authorityEnd = endOfAuthority(url, scheme.authorityStart);
  const authority = url.slice(scheme.authorityStart, authorityEnd);
  if (authority.includes('@')) return reject('credentials');

  const colon = authority.lastIndexOf(':');
  const host = (colon === -1 ? authority : authority.slice(0, colon)).toLowerCase();
  const hostProblem = checkHost(host, scheme.name !== '');
  if (hostProblem) return reject(hostProblem);
  if (colon !== -1) {
    const portProblem = checkPort(authority.slice(colon + 1), scheme.name);
    if (portProblem) return reject(portProblem);
  }

  const pathEnd = endOfPath(url, authorityEnd);
  return parsePath(url.slice(authorityEnd, pathEnd));
}

// ---------------------------------------------------------------- scheme, host, port

interface SchemeFound {
  /** 'http', 'https', or '' when the user left the scheme out (contract §2 accepts that). */
  name: '' | 'http' | 'https';
  authorityStart: number;
}

function readScheme(url: string): SchemeFound | UrlRejectCode {
  if (url.startsWith('//')) return { name: '', authorityStart: 2 };
  let end = 0;
  while (end < url.length && isSchemeChar(url.charCodeAt(end), end === 0)) end++;
  if (end === 0 || url.charCodeAt(end) !== 0x3a /* : */) return { name: '', authorityStart: 0 };

  const name = url.slice(0, end).toLowerCase();
  const hasSlashes = url.startsWith('//', end + 1);
  if (name === 'http' || name === 'https') return hasSlashes ? { name, authorityStart: end + 3 } : 'not_a_url';
  // "www.linkedin.com:443/in/x" has no scheme: a dotted name followed by a port is a host.
  if (!hasSlashes && name.includes('.')) return isPortThenPath(url, end + 1) ? { name: '', authorityStart: 0 } : 'not_a_url';
  return 'not_http';
}

function isSchemeChar(code: number, first: boolean): boolean {
  const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (first) return letter;
  return letter || isDigit(code) || code === 0x2b || code === 0x2d || code === 0x2e; // + - .
}

function isPortThenPath(url: string, start: number): boolean {
  let i = start;
  while (i < url.length && isDigit(url.charCodeAt(i))) i++;
  return endOfAuthority(url, i) === i;
}

/** linkedin.com or any subdomain of it; lnkd.in is LinkedIn's redirector (contract §2). */
function checkHost(host: string, hadScheme: boolean): UrlRejectCode | undefined {
  const name = host.endsWith('.') ? host.slice(0, -1) : host; // "linkedin.com." is the same DNS name
  if (name.length === 0) return 'not_a_url';
  if (!isDnsName(name)) return hadScheme ? 'not_linkedin_host' : 'not_a_url';
  // Without a scheme, a dotless word ("john-doe") was never meant as a URL.
  if (!hadScheme && !name.includes('.')) return 'not_a_url';
  if (name === 'lnkd.in' || name.endsWith('.lnkd.in')) return 'short_link';
  if (name === 'linkedin.com' || name.endsWith('.linkedin.com')) return undefined;
  return 'not_linkedin_host';
}

/** ASCII labels of letters, digits and hyphens, none empty: anything else cannot be linkedin.com. */
function isDnsName(name: string): boolean {
  let labelLength = 0;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === 0x2e /* . */) {
      if (labelLength === 0) return false;
      labelLength = 0;
    } else if (isDigit(code) || (code >= 0x61 && code <= 0x7a) || code === 0x2d) {
      labelLength++;
    } else {
      return false;
    }
  }
  return labelLength > 0;
}

function checkPort(port: string, scheme: SchemeFound['name']): UrlRejectCode | undefined {
  if (port.length === 0) return undefined; // "linkedin.com:/in/x" means the default port
  let value = 0;
  for (let i = 0; i < port.length; i++) {
    const code = port.charCodeAt(i);
    if (!isDigit(code)) return 'not_a_url';
    value = value * 10 + (code - 0x30);
    if (value > 65535) return 'not_a_url';
  }
  const isDefault = scheme === 'http' ? value === 80 : scheme === 'https' ? value === 443 : value === 80 || value === 443;
  return isDefault ? undefined : 'non_default_port';
}

// ---------------------------------------------------------------- path

/** First path segment (lowercased) → why that page is not a person's profile. A Map, so "constructor" is just a word. */
const NOT_A_PROFILE = new Map<string, UrlRejectCode>([
  ['company', 'company_page'],
  ['company-beta', 'company_page'],
  ['school', 'school_page'],
  ['edu', 'school_page'],
  ['showcase', 'showcase_page'],
  ['posts', 'post'],
  ['pulse', 'post'], // articles
  ['embed', 'post'],
  ['jobs', 'job'],
  ['jobs-guest', 'job'],
  ['search', 'search'],
  ['talent', 'recruiter'],
  ['recruiter', 'recruiter'],
  ['slink', 'short_link'],
  ['pub', 'legacy_profile'], // /pub/dir/… and other /pub/ pages that are not /pub/<name>/<a>/<b>/<c>
  ['profile', 'legacy_profile'], // /profile/view?id=…
]);

/** The longest prefix we read: "", "pub", "<name>", "<a>", "<b>", "<c>"; later segments never matter. */
const SEGMENTS_READ = 6;

/** Mobile sites put the profile path under a prefix: /mwlite/in/x, /m/in/x, /mwlite/profile/in/x. */
const MOBILE_PREFIXES = new Set(['mwlite', 'm']);

function parsePath(path: string): ParsedUrl {
  if (path.includes('\\')) return reject('not_a_url');
  // Browsers resolve "/in/a/../../feed" to "/feed": whatever follows the slug, a dot segment is refused.
  if (hasDotSegment(path)) return reject('dot_segments');
  const segments = path.split('/', SEGMENTS_READ);

  let next = 1; // segments[0] is the empty string before the leading "/"
  if (MOBILE_PREFIXES.has(lower(segments[next]))) next++;
  if (lower(segments[next]) === 'profile' && lower(segments[next + 1]) === 'in') next++;

  const section = lower(segments[next]);
  if (section === 'in') return parseProfileSegment(segments[next + 1]);
  if (section === 'pub' && next === 1) {
    const legacy = legacyPublicSlug(segments);
    if (legacy !== undefined) return parseProfileSegment(legacy);
  }
  if (section === 'sales') return parseSalesPath(segments, next + 1);
  if (section === 'feed') return reject(lower(segments[next + 1]) === 'update' ? 'post' : 'feed');
  return reject(NOT_A_PROFILE.get(section) ?? 'not_a_profile');
}

function parseProfileSegment(segment: string | undefined): ParsedUrl {
  if (!segment) return reject('no_identifier');
  const decoded = decodeOnce(segment);
  if (!decoded.ok) return decoded;
  const memberId = asMemberId(decoded.text);
  if (memberId) return memberId;

  const value = normalizeSlug(decoded.text);
  if (value === 'me') return reject('self_profile');
  if (!isValidSlug(value)) return reject('invalid_identifier');
  const canonicalUrl = `${CANONICAL_ORIGIN}/in/${encodeURIComponent(value)}`;
  return { ok: true, identity: { kind: 'publicIdentifier', value, canonicalUrl } };
}

/**
 * LinkedIn's old public URLs /pub/<name>/<a>/<b>/<c> redirect to /in/<name>-<c><b><a>, with <b> and <c>
 * left-padded with zeros to three hex digits (/pub/clive-goodrum/9/159/486 → /in/clive-goodrum-4861599).
 * Anything else under /pub/ (the /pub/dir/… people directory) is not one person.
 */
function legacyPublicSlug(segments: string[]): string | undefined {
  const [, , name, a, b, c] = segments;
  if (!name || !isShortHex(a) || !isShortHex(b) || !isShortHex(c)) return undefined;
  return `${name}-${c.padStart(3, '0')}${b.padStart(3, '0')}${a}`;
}

function isShortHex(text: string | undefined): text is string {
  if (text === undefined || text.length === 0 || text.length > 3) return false;
  for (let i = 0; i < text.length; i++) if (!isHexDigit(text.charCodeAt(i))) return false;
  return true;
}

/** /sales/lead/<id>,<search>,<token> and /sales/people/<id>,…: only the id before the comma names the person. */
function parseSalesPath(segments: string[], next: number): ParsedUrl {
  const page = lower(segments[next]);
  if (page === 'search') return reject('search');
  if (page === 'company' || page === 'account') return reject('company_page');
  if (page !== 'lead' && page !== 'people') return reject('not_a_profile');

  const segment = segments[next + 1];
  if (!segment) return reject('no_identifier');
  const decoded = decodeOnce(segment);
  if (!decoded.ok) return decoded;
  const comma = decoded.text.indexOf(',');
  const id = comma === -1 ? decoded.text : decoded.text.slice(0, comma);
  return (
    asMemberId(id) ??
    reject('no_identifier', 'no profile identifier: a Sales Navigator URL must hold the ACwAA… id after /lead/')
  );
}

/** An ACoAA…/ACwAA… id keeps its case; its kind comes from the prefix (contract §2). */
function asMemberId(text: string): ParsedUrl | undefined {
  const kind: IdentityKind | undefined = text.startsWith(MEMBER_ID_PREFIX)
    ? 'memberId'
    : text.startsWith(SALES_MEMBER_ID_PREFIX)
      ? 'salesMemberId'
      : undefined;
  if (!kind) return undefined;
  if (text.length === MEMBER_ID_PREFIX.length || !isBase64UrlText(text)) return reject('invalid_identifier');
  const canonicalUrl = `${CANONICAL_ORIGIN}${kind === 'memberId' ? '/in/' : '/sales/lead/'}${text}`;
  return { ok: true, identity: { kind, value: text, canonicalUrl } };
}

/** ".", "..", and their percent-encoded spellings ("%2e", ".%2E", …), which WHATWG resolves the same way. */
function hasDotSegment(path: string): boolean {
  let start = 0;
  while (start <= path.length) {
    const slash = path.indexOf('/', start);
    const end = slash === -1 ? path.length : slash;
    const first = path.charCodeAt(start);
    // Only segments of 1–6 characters starting with "." or "%" can be dot segments: no slice for the rest.
    if (end - start <= 6 && (first === 0x2e || first === 0x25) && isDotSegment(path.slice(start, end))) return true;
    start = end + 1;
  }
  return false;
}

function isDotSegment(segment: string): boolean {
  const s = segment.toLowerCase();
  return s === '.' || s === '..' || s === '%2e' || s === '.%2e' || s === '%2e.' || s === '%2e%2e';
}

// ---------------------------------------------------------------- percent-encoding and slugs

type Decoded = { ok: true; text: string } | { ok: false; code: UrlRejectCode; reason: string };

/** Percent-decodes exactly once (contract §2); a second layer of escapes is a mistake to report. */
function decodeOnce(segment: string): Decoded {
  if (!segment.includes('%')) return { ok: true, text: segment };
  if (!hasOnlyValidEscapes(segment)) return reject('malformed_encoding');
  let text: string;
  try {
    text = decodeURIComponent(segment);
  } catch {
    return reject('malformed_encoding'); // escapes that are not UTF-8, e.g. %C3 alone or %FF
  }
  if (text.includes('%') && hasAnyValidEscape(text)) return reject('double_encoding');
  return { ok: true, text };
}

function hasOnlyValidEscapes(text: string): boolean {
  for (let i = text.indexOf('%'); i !== -1; i = text.indexOf('%', i + 1)) {
    if (!isEscapeAt(text, i)) return false;
  }
  return true;
}

function hasAnyValidEscape(text: string): boolean {
  for (let i = text.indexOf('%'); i !== -1; i = text.indexOf('%', i + 1)) {
    if (isEscapeAt(text, i)) return true;
  }
  return false;
}

function isEscapeAt(text: string, i: number): boolean {
  return isHexDigit(text.charCodeAt(i + 1)) && isHexDigit(text.charCodeAt(i + 2));
}

/** value = NFC(lowercase(decoded)), as contract §2 compares public identifiers. */
function normalizeSlug(decoded: string): string {
  const lowered = decoded.toLowerCase();
  return isAscii(lowered) ? lowered : lowered.normalize('NFC');
}

/**
 * LinkedIn slugs are letters (any script), digits and hyphens; we also let "_" and "." through.
 * Refused: other ASCII punctuation ("/", "?", "%" … would come from escapes), invisible or
 * direction-changing characters (spoofing), and lone surrogates (not text; encodeURIComponent throws).
 */
function isValidSlug(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) {
      if (!(isDigit(code) || (code >= 0x61 && code <= 0x7a) || code === 0x2d || code === 0x5f || code === 0x2e)) {
        return false;
      }
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const low = value.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
      i++; // a valid pair: astral letters and emoji are fine
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    } else if (isInvisible(code)) {
      return false;
    }
  }
  return true;
}

function isInvisible(code: number): boolean {
  return (
    code <= 0xa0 || // C1 controls and no-break space
    code === 0xad || // soft hyphen
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200f) || // spaces, zero-width, LRM/RLM
    (code >= 0x2028 && code <= 0x202f) || // separators, bidi embeddings
    (code >= 0x205f && code <= 0x206f) || // word joiner, bidi isolates
    code === 0x3000 ||
    code === 0xfeff ||
    code >= 0xfff0 // specials, including U+FFFD
  );
}

function isBase64UrlText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    if (!(letter || isDigit(code) || code === 0x2d || code === 0x5f)) return false;
  }
  return true;
}

// ---------------------------------------------------------------- small helpers

function reject(code: UrlRejectCode, reason: string = REASONS[code]): { ok: false; code: UrlRejectCode; reason: string } {
  return { ok: false, code, reason };
}

/** trim() plus the zero-width characters that rich-text copy/paste leaves around a link. */
function trimInvisible(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmable(text.charCodeAt(start))) start++;
  while (end > start && isTrimmable(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isTrimmable(code: number): boolean {
  if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060) return true;
  return code <= 0x20 || code === 0x7f || (code >= 0x80 && String.fromCharCode(code).trim() === '');
}

function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const QUESTION_MARK = 0x3f;
const HASH = 0x23;

/** Where the authority ends: WHATWG also ends it at "\\" for http(s), so we must agree on the host. */
function endOfAuthority(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === SLASH || code === BACKSLASH || code === QUESTION_MARK || code === HASH) return i;
  }
  return text.length;
}

function endOfPath(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUESTION_MARK || code === HASH) return i;
  }
  return text.length;
}

function lower(segment: string | undefined): string {
  return segment === undefined ? '' : segment.toLowerCase();
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}
