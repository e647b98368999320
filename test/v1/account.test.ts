import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { updateUser } from '../../src/store/users.js';
import { signIn, setPassword } from '../support/app-session.js';
import { assertProblem } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer, startServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

// GET /v1/account (docs/v1.md#account).

for (const engine of ENGINES) {
  describe(`/v1/account (${engine})`, () => {
    const shared = sharedServer(engine);

    test("a key sees its user, plan, permissions, team, exact CRM usage and its own rate-limit budget", async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { team: `team-${uniqueProfileUrl().slice(-6)}` });
      const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl(), uniqueProfileUrl()]) });
      assert.equal(imported.status, 200, imported.text);
      const answer = await server.request('/v1/account', { key: tenant.fullKey });
      assert.equal(answer.status, 200, answer.text);
      const { user, plan, permissions, team, crm, rateLimit } = answer.body;
      assert.deepEqual(user, { id: tenant.user.id, email: tenant.user.email, name: tenant.user.name, language: 'en' });
      assert.deepEqual(plan, { id: 'business', name: 'Business', apiAccess: true, crmLimit: 200_000, rateLimitPerMinute: 1200 });
      assert.deepEqual(permissions, ['import_duplicates']);
      assert.equal(team.id, tenant.user.team_id);
      assert.equal(team.dedup, true);
      assert.deepEqual(crm, { used: 2, limit: 200_000 });
      assert.equal(rateLimit.limit, 1200);
      assert.ok(rateLimit.remaining < 1200 && rateLimit.remaining >= 0, JSON.stringify(rateLimit));
      assert.ok(rateLimit.resetSeconds >= 0 && rateLimit.resetSeconds <= 60);
      const next = await server.request('/v1/account', { key: tenant.fullKey });
      assert.equal(next.body.rateLimit.remaining, rateLimit.remaining - 1, 'each request spends one');
    });

    test("the user's own CRM limit and permissions override and add to the plan's; the session has no key budget", async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { plan: 'advanced' });
      await updateUser(server.database.db, tenant.user.id, { crmLimit: 5, permissions: ['import_duplicates'] });
      await setPassword(server.database, tenant.user.id);
      const session = await signIn(server, tenant.user.email);
      const answer = await session.request('/v1/account');
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.plan, { id: 'advanced', name: 'Advanced', apiAccess: true, crmLimit: 50_000, rateLimitPerMinute: 600 });
      assert.deepEqual(answer.body.permissions, ['import_duplicates']);
      assert.deepEqual(answer.body.crm, { used: 0, limit: 5 });
      assert.equal(answer.body.team, null);
      assert.equal(answer.body.rateLimit, null);
    });

    test('scopes: any key with read; a key without it is refused', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const other = await createTenant(server.database);
      const refused = await server.request('/v1/account', { key: tenant.key });
      assertProblem(refused, 403, 'A000403-003');
      assert.equal(refused.body.scope, 'read');
      const theirs = await server.request('/v1/account', { key: other.fullKey });
      assert.equal(theirs.body.user.id, other.user.id, 'a key only ever sees its own account');
      assertProblem(await server.request('/v1/account'), 401, 'A000401-003');
    });

    test('without rate limits the budget is null', async (t) => {
      const server = await startServer(t, engine, { RATE_LIMIT: 'off' });
      const tenant = await createTenant(server.database);
      const answer = await server.request('/v1/account', { key: tenant.fullKey });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.rateLimit, null);
    });
  });
}
