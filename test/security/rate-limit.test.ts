import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { updatePlan } from '../../src/store/plans.js';
import { assertProblem } from '../support/compatible-api.js';
import { send, startServer } from '../support/server.js';
import { createTenant } from '../support/tenant.js';

// docs/limits.md: per-key limits from the plan, per-IP limits on failed authentication, draft-ietf
// RateLimit-* headers, 429 L000429-001 with Retry-After, memory or Redis store, RATE_LIMIT=off.
const PATH = '/integrations/test';

describe('rate limits', () => {
  test('a key gets its plan rate per minute, with RateLimit headers, then 429 with Retry-After; other keys are unaffected', async (t) => {
    const server = await startServer(t, 'sqlite');
    await updatePlan(server.database.db, 'business', { rateLimitPerMinute: 5 });
    const alice = await createTenant(server.database);
    const bob = await createTenant(server.database);
    for (let i = 1; i <= 5; i++) {
      const answer = await server.request(PATH, { key: alice.key });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('ratelimit-limit'), '5');
      assert.equal(answer.headers.get('ratelimit-remaining'), String(5 - i));
      assert.ok(Number(answer.headers.get('ratelimit-reset')) > 0);
    }
    const limited = await server.request(PATH, { key: alice.key });
    const problem = assertProblem(limited, 429, 'L000429-001');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal(limited.headers.get('ratelimit-remaining'), '0');
    assert.match(problem.detail, /5 requests per minute/);
    // The limit is per key, and covers every API route (the import too).
    const importLimited = await server.request('/prospects/addProspectFromIntegration', { key: alice.key, body: {} });
    assertProblem(importLimited, 429, 'L000429-001');
    assert.equal((await server.request(PATH, { key: bob.key })).status, 200);
  });

  test('failed authentications are limited per IP; the limit answers 429 before looking the key up', async (t) => {
    const server = await startServer(t, 'sqlite', { RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: '3' });
    const bogus = `ph_live_${'x'.repeat(32)}`;
    for (let i = 0; i < 3; i++) assertProblem(await server.request(PATH, { key: bogus }), 401, 'A000401-002');
    const limited = await server.request(PATH, { key: bogus });
    assertProblem(limited, 429, 'L000429-001');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assertProblem(await server.request(PATH, { headers: { authorization: 'Basic abc' } }), 429, 'L000429-001');
  });

  test('successful requests do not use up the per-IP budget of failures', async (t) => {
    const server = await startServer(t, 'sqlite', { RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: '2' });
    const tenant = await createTenant(server.database);
    for (let i = 0; i < 10; i++) assert.equal((await server.request(PATH, { key: tenant.key })).status, 200);
    assertProblem(await server.request(PATH, { key: 'nope' }), 401, 'A000401-002');
  });

  test('RATE_LIMIT=off disables every limit (benchmarks)', async (t) => {
    const server = await startServer(t, 'sqlite', { RATE_LIMIT: 'off', RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: '1' });
    await updatePlan(server.database.db, 'business', { rateLimitPerMinute: 1 });
    const tenant = await createTenant(server.database);
    for (let i = 0; i < 5; i++) {
      const answer = await server.request(PATH, { key: tenant.key });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('ratelimit-limit'), null);
      assert.equal((await server.request(PATH, { key: 'bad' })).status, 401);
    }
  });

  test('with REDIS_URL the budget is shared by every instance', async (t) => {
    const env = { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: `ph-test-${randomBytes(6).toString('hex')}:` };
    const server = await startServer(t, 'sqlite', env);
    await updatePlan(server.database.db, 'business', { rateLimitPerMinute: 4 });
    const tenant = await createTenant(server.database);
    const other = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: server.databaseUrl, ...env }), database: server.database });
    await other.listen({ port: 0, host: '127.0.0.1' });
    t.after(() => other.close());
    const otherUrl = `http://127.0.0.1:${(other.server.address() as { port: number }).port}`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await server.request(PATH, { key: tenant.key })).status);
    const last = await send(otherUrl, PATH, { key: tenant.key });
    assert.equal(last.headers.get('ratelimit-remaining'), '0', 'the other instance saw the first three');
    statuses.push(last.status);
    assert.deepEqual(statuses, [200, 200, 200, 200]);
    assertProblem(await send(otherUrl, PATH, { key: tenant.key }), 429, 'L000429-001');
    assertProblem(await server.request(PATH, { key: tenant.key }), 429, 'L000429-001');
  });
});
