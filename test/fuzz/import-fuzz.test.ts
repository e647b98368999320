import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { PROBLEMS } from '../../src/problems.js';
import { revokeApiKey, createApiKey } from '../../src/store/api-keys.js';
import type { Engine } from '../../src/store/database.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/engines.js';
import { assertDatabaseInvariants } from '../support/invariants.js';
import { createTenant, type Tenant } from '../support/tenant.js';

/**
 * docs/security.md ("Garbage never breaks the service"): hostile bodies and headers at every API endpoint. Every answer must be a 2xx or a
 * problem+json whose code is in PROBLEMS with its status; never a 5xx; and afterwards the database
 * invariants hold and the CRM holds exactly the prospects the 200 answers said were created.
 * Seeded and reproducible: FUZZ_SEED=<n> replays a run, FUZZ_RUNS=<n> changes its size.
 * Most requests go through app.inject (the same code path in-process, fast); a sample over real HTTP.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS: Record<Engine, number> = { sqlite: Number(process.env.FUZZ_RUNS ?? 10_000), postgres: Number(process.env.FUZZ_RUNS ?? 1_500) };
const HTTP_RUNS = 300;
const IMPORT_PATH = '/prospects/addProspectFromIntegration';

const HOSTILE_STRINGS = [
  '', ' ', '\t\n', 'NaN', 'Infinity', '-Infinity', '1e309', '-0', 'null', 'undefined', 'true', '[]', '{}',
  '__proto__', 'constructor', 'prototype', '\u0000', '\u0007bell', '\u202eevil', '\ud800', '\uffff', '\u200b',
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'file:///etc/passwd',
  'https://linkedin.com.evil.com/in/john', 'https://www.linkedın.com/in/john', 'https://www.linkedin.com:8443/in/john',
  'https://xn--linkedn-ewa.com/in/john', 'https://www.linkedin.com@evil.com/in/john', 'https://evil.com/https://www.linkedin.com/in/john',
  'lnkd.in/abc', 'https://www.linkedin.com/in/../company/x', 'https://www.linkedin.com/in/%2e%2e', 'https://www.linkedin.com/in/%252e',
  'https://www.linkedin.com/in/%zz', 'https://www.linkedin.com/in/', 'https://www.linkedin.com/in/me', 'https://www.linkedin.com/company/acme',
  'https://www.linkedin.com/in/caf\u00e9', 'https://www.linkedin.com/in/cafe\u0301', 'https://www.linkedin.com/in/ACoAAA', 'https://fr.linkedin.com/in/x/',
  '<script>alert(1)</script>', "'; drop table prospects; --", '${jndi:ldap://x}', '%s%s%n', '../../etc/passwd',
];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 10 }) },
  { weight: 1, arbitrary: fc.constantFrom(65, 201, 321, 1001, 2049, 100_001).map((n) => 'x'.repeat(n)) },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map((s) => `https://www.linkedin.com/in/${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('NFC', 'NFD', 'NFKC', 'NFKD').map((form) => `https://www.linkedin.com/in/${'Åmélie-ﬁ'.normalize(form)}`) },
);
const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'url', 'prospects', 'origin'), fc.string({ maxLength: 10 }));
const { value: hostileValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
  ),
}));

interface Fixture {
  tenant: Tenant;
  other: Tenant;
  revokedKey: string;
}

/** A hostile import body: a valid-looking skeleton with any part replaced by garbage. */
function importBody(f: Fixture) {
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: hostileValue });
  const url = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 40 }).map((n) => `https://www.linkedin.com/in/fuzz-${n}`) }, { weight: 2, arbitrary: hostileString });
  const profile = fc.record(
    {
      firstName: maybe(hostileString),
      email: maybe(hostileString),
      phoneNumbers: maybe(fc.array(fc.record({ number: hostileString, type: fc.constantFrom('mobile', 'work', 'fax') }), { maxLength: 12 })),
      birthday: maybe(fc.record({ day: fc.integer({ min: -1, max: 40 }), month: fc.integer({ min: 0, max: 13 }) })),
      company: maybe(fc.record({ name: hostileString, website: hostileString }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  );
  const prospect = fc.record(
    { url: maybe(url), customProfile: maybe(profile), customVariables: maybe(fc.array(fc.record({ label: hostileString, value: hostileString }), { maxLength: 55 })) },
    { requiredKeys: ['url'] },
  );
  return fc.record(
    {
      prospectListId: maybe(fc.constantFrom(f.tenant.listId, f.tenant.lists[1]!.id, f.other.listId, '')),
      origin: maybe(fc.record({ name: hostileString })),
      prospects: maybe(fc.array(prospect, { minLength: 0, maxLength: 5 })),
      campaignId: maybe(fc.constantFrom(f.tenant.campaigns.running.id, f.tenant.campaigns.archived.id, f.other.campaigns.running.id)),
      canCreateDuplicates: maybe(fc.boolean()),
      moveDuplicatesToOtherList: maybe(fc.boolean()),
      shouldOverwriteCustomProfileData: maybe(fc.boolean()),
      addDuplicateProspectsToCampaign: maybe(fc.boolean()),
      [`extra`]: hostileValue,
    },
    { requiredKeys: ['prospectListId', 'origin', 'prospects'] },
  );
}

/** The body as text, sometimes damaged: truncated, duplicate keys, deep nesting, prototype keys. */
function rawBody(f: Fixture) {
  return fc.tuple(importBody(f), fc.nat(), fc.constantFrom('as-is', 'as-is', 'as-is', 'truncate', 'duplicate-keys', 'deep', 'proto', 'garbage', 'empty')).map(([body, n, damage]) => {
    const text = JSON.stringify(body);
    switch (damage) {
      case 'truncate':
        return text.slice(0, n % Math.max(1, text.length));
      case 'duplicate-keys':
        return `{"prospectListId":"${f.other.listId}","prospects":"x",${text.slice(1)}`;
      case 'deep':
        return `{"prospects":${'['.repeat(20 + (n % 5000))}${']'.repeat(20 + (n % 5000))}}`;
      case 'proto':
        return `{"__proto__":{"polluted":true},${text.slice(1)}`;
      case 'garbage':
        return String.fromCharCode(...Array.from({ length: n % 64 }, (_, i) => (n * (i + 7)) % 256));
      case 'empty':
        return '';
      default:
        return text;
    }
  });
}

/** Header values as a real client could send them (Latin-1, no CR/LF/NUL). */
const headerValue = hostileString.map((s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '').slice(0, 4000));

function request(f: Fixture) {
  const authorization = fc.oneof(
    { weight: 6, arbitrary: fc.constant(`Bearer ${f.tenant.key}`) },
    { weight: 1, arbitrary: fc.constant(`Bearer ${f.other.key}`) },
    { weight: 1, arbitrary: fc.constant(`Bearer ${f.revokedKey}`) },
    { weight: 1, arbitrary: headerValue.map((s) => `Bearer ${s}`) },
    { weight: 1, arbitrary: headerValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    { weight: 3, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/problem+json', 'application/json; charset=latin1', '', 'x') },
    { weight: 1, arbitrary: headerValue },
  );
  const target = fc.oneof(
    { weight: 8, arbitrary: fc.record({ method: fc.constant('POST'), url: fc.constantFrom(IMPORT_PATH, `${IMPORT_PATH}?dryRun=true`, `${IMPORT_PATH}?dryRun=maybe`, `${IMPORT_PATH}?dryRun=true&dryRun=false`) }) },
    { weight: 2, arbitrary: fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'), url: fc.constantFrom('/integrations/test', '/prospectLists/getProspectLists', '/campaigns/getAll', IMPORT_PATH, '/healthz', '/readyz', '/nope', '/prospects/../integrations/test', '/%00', '/integrations/test?x=%zz') }) },
  );
  return fc.record({
    target,
    authorization,
    contentType,
    body: rawBody(f),
    idempotencyKey: fc.option(fc.oneof(fc.constantFrom('k1', 'k2', 'k3'), headerValue), { freq: 3 }),
    integrationOrigin: fc.option(headerValue),
    requestId: fc.option(headerValue),
  });
}

type Sample = fc.Arbitrary<ReturnType<typeof request> extends fc.Arbitrary<infer T> ? T : never> extends fc.Arbitrary<infer T> ? T : never;

function headersOf(r: Sample): Record<string, string> {
  const headers: Record<string, string> = {};
  if (r.authorization !== undefined) headers.authorization = r.authorization;
  if (r.target.method !== 'GET' && r.target.method !== 'HEAD') headers['content-type'] = r.contentType;
  if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
  if (r.integrationOrigin !== null) headers['x-req-integration-origin'] = r.integrationOrigin;
  if (r.requestId !== null) headers['x-request-id'] = r.requestId;
  return headers;
}

/** Checks one answer; returns the prospects it says were created (for the final exact count). */
function check(status: number, contentType: string, text: string, replayed: boolean, r: Sample): number {
  assert.ok(status < 500, `5xx: ${status} ${text}`);
  if (status >= 400) {
    assert.match(contentType, /^application\/problem\+json/, `problem content type for ${status}: ${text}`);
    if (r.target.method === 'HEAD') return 0; // no body to read
    const problem = JSON.parse(text);
    const known = PROBLEMS[problem.code as keyof typeof PROBLEMS];
    assert.ok(known, `unknown code ${problem.code}`);
    assert.equal(known.status, status);
    return 0;
  }
  assert.ok(status >= 200 && status < 300 || status === 204, `unexpected status ${status}`);
  if (r.target.url.startsWith(IMPORT_PATH) && r.target.method === 'POST' && status === 200 && !replayed) {
    const answer = JSON.parse(text);
    if (answer.dryRun) return 0;
    return (answer.result as { importCode: string }[]).filter((i) => i.importCode === 'success').length;
  }
  return 0;
}

for (const engine of ENGINES) {
  describe(`fuzzing the API (${engine})`, () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let fixture: Fixture;
    let created = 0;

    before(async () => {
      database = await freshDatabase(engine);
      app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: database.url, RATE_LIMIT: 'off' }), database: database.database });
      const tenant = await createTenant(database.database);
      const other = await createTenant(database.database);
      const revoked = await createApiKey(database.database.db, tenant.user.id, 'revoked');
      await revokeApiKey(database.database.db, revoked.row.id);
      fixture = { tenant, other, revokedKey: revoked.secret };
    });
    after(async () => {
      await app.close();
      await database.drop();
    });

    test(`${RUNS[engine]} hostile requests in-process: only 2xx or known problems, never a 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(request(fixture), async (r) => {
          const answer = await app.inject({ method: r.target.method as 'GET', url: r.target.url, headers: headersOf(r), payload: r.target.method === 'GET' || r.target.method === 'HEAD' ? undefined : r.body });
          created += check(answer.statusCode, String(answer.headers['content-type'] ?? ''), answer.body, answer.headers['idempotent-replayed'] === 'true', r);
        }),
        { numRuns: RUNS[engine], seed: SEED, endOnFailure: true },
      );
    });

    test(`${HTTP_RUNS} hostile requests over real HTTP`, async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      await fc.assert(
        fc.asyncProperty(request(fixture), async (r) => {
          const hasBody = r.target.method !== 'GET' && r.target.method !== 'HEAD';
          let response: Response;
          try {
            response = await fetch(base + r.target.url, { method: r.target.method, headers: headersOf(r), body: hasBody ? r.body : undefined });
          } catch (error) {
            // The client itself refused the request (e.g. a header value fetch will not send): not an answer.
            if (error instanceof TypeError) return;
            throw error;
          }
          const text = await response.text();
          created += check(response.status, response.headers.get('content-type') ?? '', text, response.headers.get('idempotent-replayed') === 'true', r);
        }),
        { numRuns: HTTP_RUNS, seed: SEED + 1, endOnFailure: true },
      );
    });

    test('afterwards the invariants hold and the CRM holds exactly what the answers created', async () => {
      await assertDatabaseInvariants(database.database);
      const rows = await database.database.db.selectFrom('prospects').select((e) => e.fn.countAll().as('n')).where('user_id', '=', fixture.tenant.user.id).executeTakeFirstOrThrow();
      assert.equal(Number(rows.n), created, 'prospects in the CRM = successes answered');
      const polluted = ({} as Record<string, unknown>).polluted;
      assert.equal(polluted, undefined, 'Object.prototype untouched');
    });
  });
}
