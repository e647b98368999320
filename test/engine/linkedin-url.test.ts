// docs/api.md#linkedin-urls: every fixture URL resolves to its identity or its reject reason, and
// property tests check that URL dressing never changes the identity and that the parser never throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseLinkedInUrl, type IdentityKind, type LinkedInIdentity, type ParsedUrl } from '../../src/engine/linkedin-url.js';

interface AcceptCase {
  url: string;
  kind: IdentityKind;
  value: string;
}
interface RejectCase {
  url: string;
  reason: string;
  code?: string;
}
interface Fixture {
  accept: AcceptCase[];
  reject: RejectCase[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/linkedin-urls.json', import.meta.url), 'utf8'),
) as Fixture;

/** Subtest names must stay readable: show invisible characters as \u escapes and cut very long URLs. */
function label(url: string): string {
  const shown = JSON.stringify(url).replace(
    /[^\x20-\x7e\u00c0-\u024f\u3400-\u9fff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return shown.length > 120 ? `${shown.slice(0, 100)}… (${url.length} chars)` : shown;
}

function identityOf(parsed: ParsedUrl, url: string): LinkedInIdentity {
  if (!parsed.ok) assert.fail(`${label(url)} was rejected: ${parsed.code} (${parsed.reason})`);
  return parsed.identity;
}

test('fixture: accepted URLs resolve to their identity', async (t) => {
  for (const { url, kind, value } of fixture.accept) {
    await t.test(label(url), () => {
      const identity = identityOf(parseLinkedInUrl(url), url);
      assert.equal(identity.kind, kind);
      assert.equal(identity.value, value);
      assertBrowserSeesLinkedIn(url);
      // The canonical URL names the same profile.
      assert.deepEqual(identityOf(parseLinkedInUrl(identity.canonicalUrl), identity.canonicalUrl), identity);
    });
  }
});

test('fixture: rejected URLs give their code and a reason a person can act on', async (t) => {
  for (const { url, reason, code } of fixture.reject) {
    await t.test(label(url), () => {
      const parsed = parseLinkedInUrl(url);
      assert.equal(parsed.ok, false, `${label(url)} was accepted`);
      if (parsed.ok) return;
      if (code !== undefined) assert.equal(parsed.code, code);
      assert.ok(parsed.reason.startsWith(reason), `reason ${JSON.stringify(parsed.reason)} should start with ${JSON.stringify(reason)}`);
    });
  }
});

test('canonical URLs have the documented shapes', () => {
  const id = 'ACwAAB1234567890abcdefghijklmnopqrstuv';
  const cases: Array<[string, string]> = [
    ['linkedin.com/in/Jos%C3%A9-Garc%C3%ADa/', 'https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa'],
    [`fr.linkedin.com/sales/people/${id},NAME_SEARCH`, `https://www.linkedin.com/sales/lead/${id}`],
    [`m.linkedin.com/in/ACoAA${id.slice(5)}`, `https://www.linkedin.com/in/ACoAA${id.slice(5)}`],
  ];
  for (const [url, canonicalUrl] of cases) assert.equal(identityOf(parseLinkedInUrl(url), url).canonicalUrl, canonicalUrl);
});

// ---------------------------------------------------------------- property tests

const PROPERTY_RUNS = { seed: 42, numRuns: 500 };

/** Lowercase letters whose upper case maps back one to one (no ß, no dotless i), in several scripts. */
const SLUG_CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789-_', ...'éüñøåçłжд张伟'];
const BASE64URL_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];

const slugArb = fc
  .array(fc.constantFrom(...SLUG_CHARS), { minLength: 1, maxLength: 30 })
  .map((chars) => chars.join(''))
  // "me" is the signed-in user, and a slug spelled like an id could be cased into one.
  .filter((slug) => slug !== 'me' && !slug.startsWith('acoaa') && !slug.startsWith('acwaa'));

const memberIdArb = fc
  .tuple(fc.constantFrom('ACoAA', 'ACwAA'), fc.array(fc.constantFrom(...BASE64URL_CHARS), { minLength: 10, maxLength: 40 }))
  .map(([prefix, rest]) => prefix + rest.join(''));

/** Upper-cases a random subset of characters (a mask bit per character). */
function withCase(text: string, mask: boolean[]): string {
  return [...text].map((char, i) => (mask[i % mask.length] ? char.toUpperCase() : char)).join('');
}

/** Percent-encodes a random subset of characters, in upper- or lower-case hex. */
function withEscapes(text: string, mask: boolean[], lowerHex: boolean): string {
  return [...text]
    .map((char, i) => {
      if (!mask[i % mask.length]) return char;
      const escaped = encodeURIComponent(char) === char ? `%${char.charCodeAt(0).toString(16).padStart(2, '0')}` : encodeURIComponent(char);
      return lowerHex ? escaped.toLowerCase() : escaped.toUpperCase();
    })
    .join('');
}

const maskArb = fc.array(fc.boolean(), { minLength: 1, maxLength: 8 });

/** Everything around the identifier that docs/api.md#linkedin-urls says must not matter. */
const dressingArb = fc.record({
  scheme: fc.constantFrom('', 'http://', 'https://', 'HTTPS://', 'Http://', '//'),
  subdomain: fc.constantFrom('', 'www.', 'fr.', 'de.', 'm.', 'touch.'),
  hostCase: maskArb,
  defaultPort: fc.boolean(),
  extraPath: fc.constantFrom('', '/', '//', '/details/experience/', '/recent-activity/all/', '/overlay/contact-info'),
  query: fc.constantFrom('', '?', '?trk=public_profile', '?originalSubdomain=fr&utm_source=share', '?x=%ZZ&y=..%2F'),
  fragment: fc.constantFrom('', '#', '#experience', '#../..'),
  padding: fc.constantFrom('', ' ', '\t', '\n ', '\u200b'),
});
type Dressing = typeof dressingArb extends fc.Arbitrary<infer T> ? T : never;

function dress(pathWithIdentifier: string, d: Dressing): string {
  const host = withCase(`${d.subdomain}linkedin.com`, d.hostCase);
  const port = d.defaultPort ? (d.scheme.toLowerCase() === 'http://' ? ':80' : ':443') : '';
  return `${d.padding}${d.scheme}${host}${port}${pathWithIdentifier}${d.extraPath}${d.query}${d.fragment}${d.padding}`;
}

function assertResolvesTo(url: string, kind: IdentityKind, value: string): void {
  const identity = identityOf(parseLinkedInUrl(url), url);
  assertBrowserSeesLinkedIn(url);
  assert.equal(identity.kind, kind, label(url));
  assert.equal(identity.value, value, label(url));
  assert.deepEqual(identityOf(parseLinkedInUrl(identity.canonicalUrl), identity.canonicalUrl), identity);
}

test('property: any dressing of a public identifier resolves to the same identity', () => {
  fc.assert(
    fc.property(
      slugArb,
      dressingArb,
      fc.record({ letterCase: maskArb, escapes: maskArb, lowerHex: fc.boolean(), decomposed: fc.boolean() }),
      fc.constantFrom('/in/', '/IN/', '/mwlite/in/', '/mwlite/profile/in/', '/m/in/'),
      (slug, dressing, spelling, prefix) => {
        let written = withCase(slug, spelling.letterCase);
        if (spelling.decomposed) written = written.normalize('NFD'); // "é" as "e" + U+0301
        written = withEscapes(written, spelling.escapes, spelling.lowerHex);
        assertResolvesTo(dress(prefix + written, dressing), 'publicIdentifier', slug);
      },
    ),
    PROPERTY_RUNS,
  );
});

test('property: any dressing of a member id resolves to the same identity, its kind set by its prefix', () => {
  fc.assert(
    fc.property(
      memberIdArb,
      dressingArb,
      fc.constantFrom('/in/', '/mwlite/in/', '/sales/lead/', '/sales/people/'),
      fc.constantFrom('', ',NAME_SEARCH,AbCd', '%2CNAME_SEARCH%2Cx'),
      (id, dressing, prefix, salesSuffix) => {
        const identifier = prefix.startsWith('/sales/') ? id + salesSuffix : id;
        const kind: IdentityKind = id.startsWith('ACoAA') ? 'memberId' : 'salesMemberId';
        assertResolvesTo(dress(prefix + identifier, dressing), kind, id);
      },
    ),
    PROPERTY_RUNS,
  );
});

const NEVER_THROWS_RUNS = { seed: 42, numRuns: 2000 };

/** What a browser would open: an accepted URL must never lead a WHATWG parser to another host. */
function assertBrowserSeesLinkedIn(input: string): void {
  const trimmed = input.trim().replace(/^\u200b+|\u200b+$/g, '');
  const withScheme = /^https?:/i.test(trimmed) ? trimmed : trimmed.startsWith('//') ? `https:${trimmed}` : `https://${trimmed}`;
  const hostname = new URL(withScheme).hostname.replace(/\.$/, '');
  assert.ok(hostname === 'linkedin.com' || hostname.endsWith('.linkedin.com'), `${label(input)} opens ${hostname}`);
}

/** Whatever comes in, the answer is a well-formed ParsedUrl, and an accepted URL's canonical form is stable. */
function assertWellFormed(input: string): void {
  const parsed = parseLinkedInUrl(input);
  if (parsed.ok) {
    assertBrowserSeesLinkedIn(input);
    assert.deepEqual(identityOf(parseLinkedInUrl(parsed.identity.canonicalUrl), parsed.identity.canonicalUrl), parsed.identity);
  } else {
    assert.equal(typeof parsed.code, 'string');
    assert.ok(parsed.reason.length > 0);
  }
}

test('property: never throws on arbitrary strings', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), assertWellFormed), NEVER_THROWS_RUNS);
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), assertWellFormed), NEVER_THROWS_RUNS);
  fc.assert(fc.property(fc.string({ maxLength: 3000 }), assertWellFormed), { seed: 42, numRuns: 200 });
});

test('property: never throws on URL-shaped strings around a LinkedIn path', () => {
  const urlPiece = fc.string({ unit: fc.constantFrom(...'/%.:@?#\\,-_aAé2eEcC ', '\u0301', '\ud800', '\u{1F600}'), maxLength: 60 });
  fc.assert(
    fc.property(
      fc.constantFrom('', 'https://', 'http://www.', 'https://fr.', '//'),
      fc.constantFrom('linkedin.com', 'LinkedIn.com', 'lnkd.in', 'linkedin.com:443', 'x@linkedin.com'),
      fc.constantFrom('/in/', '/sales/lead/', '/sales/people/ACwAA', '/in/ACoAA', '/mwlite/profile/in/', '/'),
      urlPiece,
      (scheme, host, path, rest) => assertWellFormed(scheme + host + path + rest),
    ),
    NEVER_THROWS_RUNS,
  );
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (slug) => assertWellFormed(`https://www.linkedin.com/in/${slug}`)),
    NEVER_THROWS_RUNS,
  );
});
