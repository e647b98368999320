import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { purgeExpiredIdempotencyKeys } from '../../src/store/idempotency-keys.js';
import { nowIso } from '../../src/store/time.js';
import { activityRows, assertProblem, IMPORT_PATH, prospectRows, unknownId } from '../support/compatible-api.js';
import { assertCountsExact } from '../support/invariants.js';
import { ENGINES } from '../support/engines.js';
import { send, startServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

// docs/api.md#idempotency-key: Idempotency-Key on imports.
for (const engine of ENGINES) {
  describe(`Idempotency-Key (${engine})`, () => {
    test('a retry with the same key and body replays the first answer byte for byte and imports nothing more', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const body = importBody(tenant.listId, [uniqueProfileUrl(), uniqueProfileUrl()]);
      const headers = { 'idempotency-key': 'retry-1' };
      const first = await server.request(IMPORT_PATH, { key: tenant.key, body, headers });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      assert.deepEqual(first.body.result.map((r: any) => r.importCode), ['success', 'success']);
      // Same body with its keys in another order: same request.
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      for (const again of [body, reordered]) {
        const retry = await server.request(IMPORT_PATH, { key: tenant.key, body: again, headers });
        assert.equal(retry.status, 200);
        assert.equal(retry.text, first.text, 'byte for byte');
        assert.equal(retry.headers.get('content-type'), first.headers.get('content-type'));
        assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      }
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 2);
      assert.equal((await activityRows(server.database, tenant.user.id)).length, 1);
      await assertCountsExact(server, tenant);
    });

    test('the same key with another body (or another dryRun flag) answers 422 I000422-001 and writes nothing', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const headers = { 'idempotency-key': 'k-422' };
      const url = uniqueProfileUrl();
      assert.equal((await server.request(IMPORT_PATH, { key: tenant.key, body: importBody(tenant.listId, [url]), headers })).status, 200);
      const other = await server.request(IMPORT_PATH, { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl()]), headers });
      assertProblem(other, 422, 'I000422-001');
      const dry = await server.request(`${IMPORT_PATH}?dryRun=true`, { key: tenant.key, body: importBody(tenant.listId, [url]), headers });
      assertProblem(dry, 422, 'I000422-001');
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 1);
    });

    test('keys are per user: another user may use the same key string', async (t) => {
      const server = await startServer(t, engine);
      const alice = await createTenant(server.database);
      const bob = await createTenant(server.database);
      const headers = { 'idempotency-key': 'shared-name' };
      const a = await server.request(IMPORT_PATH, { key: alice.key, body: importBody(alice.listId, [uniqueProfileUrl()]), headers });
      const b = await server.request(IMPORT_PATH, { key: bob.key, body: importBody(bob.listId, [uniqueProfileUrl()]), headers });
      assert.equal(a.status, 200);
      assert.equal(b.status, 200);
      assert.equal(b.headers.get('idempotent-replayed'), null);
      assert.equal((await prospectRows(server.database, bob.user.id)).length, 1);
    });

    test('concurrent requests with one key import once and all answer the same bytes', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const body = importBody(tenant.listId, Array.from({ length: 50 }, () => uniqueProfileUrl()));
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => server.request(IMPORT_PATH, { key: tenant.key, body, headers: { 'idempotency-key': 'race' } })),
      );
      for (const answer of answers) {
        assert.equal(answer.status, 200, answer.text);
        assert.equal(answer.text, answers[0]!.text);
      }
      assert.equal(answers.filter((a) => a.headers.get('idempotent-replayed') === null).length, 1, 'exactly one original answer');
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 50);
      assert.equal((await activityRows(server.database, tenant.user.id)).length, 1);
      await assertCountsExact(server, tenant);
    });

    test('a 4xx decided by the import is stored and replayed too', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const body = importBody(unknownId(), [uniqueProfileUrl()]);
      const headers = { 'idempotency-key': 'four-oh-four' };
      const first = await server.request(IMPORT_PATH, { key: tenant.key, body, headers });
      assertProblem(first, 404, 'R000404-002');
      const retry = await server.request(IMPORT_PATH, { key: tenant.key, body, headers });
      assert.equal(retry.status, 404);
      assert.equal(retry.text, first.text);
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      assert.match(retry.headers.get('content-type') ?? '', /^application\/problem\+json/);
    });

    test('a malformed key answers V000400-001 and imports nothing', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      for (const bad of ['x'.repeat(256), 'tab\there', 'é-non-ascii']) {
        const answer = await server.request(IMPORT_PATH, { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl()]), headers: { 'idempotency-key': bad } });
        const problem = assertProblem(answer, 400, 'V000400-001');
        assert.equal(problem.errors[0].path, 'headers/idempotency-key');
      }
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 0);
      const longest = await server.request(IMPORT_PATH, { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl()]), headers: { 'idempotency-key': 'k'.repeat(255) } });
      assert.equal(longest.status, 200);
    });

    test('an expired key is taken over by a new request, and the purge deletes expired rows', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const headers = { 'idempotency-key': 'old' };
      assert.equal((await server.request(IMPORT_PATH, { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl()]), headers })).status, 200);
      const past = nowIso(Date.now() - 1000);
      await server.database.db.updateTable('idempotency_keys').set({ expires_at: past }).where('user_id', '=', tenant.user.id).execute();
      const fresh = await server.request(IMPORT_PATH, { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl()]), headers });
      assert.equal(fresh.status, 200, fresh.text);
      assert.equal(fresh.headers.get('idempotent-replayed'), null);
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 2);

      const row = await server.database.db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', tenant.user.id).executeTakeFirstOrThrow();
      const hours = (Date.parse(row.expires_at) - Date.parse(row.created_at)) / 3_600_000;
      assert.equal(hours, server.config.idempotencyTtlHours, 'kept for IDEMPOTENCY_TTL_HOURS');
      await server.database.db.updateTable('idempotency_keys').set({ expires_at: past }).where('user_id', '=', tenant.user.id).execute();
      assert.equal(await purgeExpiredIdempotencyKeys(server.database.db, nowIso()), 1);
      assert.equal((await server.database.db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', tenant.user.id).execute()).length, 0);
    });

    test('the stored answer holds across instances: a second app on the same database replays it', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const other = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: server.databaseUrl }), database: server.database });
      await other.listen({ port: 0, host: '127.0.0.1' });
      t.after(() => other.close());
      const otherUrl = `http://127.0.0.1:${(other.server.address() as { port: number }).port}`;
      const body = importBody(tenant.listId, [uniqueProfileUrl()]);
      const headers = { 'idempotency-key': 'two-instances' };
      const first = await server.request(IMPORT_PATH, { key: tenant.key, body, headers });
      const retry = await send(otherUrl, IMPORT_PATH, { key: tenant.key, body, headers });
      assert.equal(retry.text, first.text);
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    });
  });
}
