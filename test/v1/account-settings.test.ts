import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApiKey } from '../../src/store/api-keys.js';
import { createAccount } from '../../src/services/accounts.js';
import { signIn, setPassword, TEST_PASSWORD } from '../support/app-session.js';
import { assertProblem } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

// The account page's routes (docs/v1.md#account): name and language, password, team members; and
// the dashboard's imports per day (docs/v1.md#activity).

for (const engine of ENGINES) {
  describe(`/v1/account changes, members and imports by day (${engine})`, () => {
    const shared = sharedServer(engine);

    test('PATCH /v1/account changes the name (cleaned) and the language; the session and the account answer them', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      await setPassword(server.database, tenant.user.id);
      const session = await signIn(server, tenant.user.email);
      assert.equal((await session.request('/v1/session')).body.user.language, 'en', 'English until chosen');
      const changed = await session.request('/v1/account', { method: 'PATCH', body: { name: '  Ada Lovelace ', language: 'fr' } });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual(changed.body.user, { id: tenant.user.id, email: tenant.user.email, name: 'Ada Lovelace', language: 'fr' });
      assert.deepEqual((await session.request('/v1/session')).body.user, changed.body.user);
      const again = await signIn(server, tenant.user.email);
      assert.equal((await again.request('/v1/session')).body.user.language, 'fr', 'kept on the user, not the session');
      assertProblem(await session.request('/v1/account', { method: 'PATCH', body: { language: 'de' } }), 400, 'V000400-001');
      for (const name of ['   ', 'abc\u202Eevil']) {
        const refused = assertProblem(await session.request('/v1/account', { method: 'PATCH', body: { name } }), 400, 'V000400-001');
        assert.equal(refused.errors[0].path, '/name', JSON.stringify(name));
      }
      assertProblem(await session.request('/v1/account', { method: 'PATCH', body: {} }), 400, 'V000400-001');
      assertProblem(await session.request('/v1/account', { method: 'PATCH', body: { email: 'x@example.test' } }), 400, 'V000400-001');
      assert.equal((await session.request('/v1/account')).body.user.name, 'Ada Lovelace', 'refused changes change nothing');
    });

    test('PATCH /v1/account with a key needs the admin scope, and changes only its own user', async () => {
      const server = shared();
      const alice = await createTenant(server.database);
      const bob = await createTenant(server.database);
      const reader = await createApiKey(server.database.db, alice.user.id, 'reader', ['read', 'write']);
      const refused = await server.request('/v1/account', { method: 'PATCH', body: { language: 'fr' }, key: reader.secret });
      assertProblem(refused, 403, 'A000403-003');
      assert.equal(refused.body.scope, 'admin');
      const ok = await server.request('/v1/account', { method: 'PATCH', body: { name: 'Alice' }, key: alice.fullKey });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.user.id, alice.user.id);
      const theirs = await server.request('/v1/account', { key: bob.fullKey });
      assert.equal(theirs.body.user.name, bob.user.name, "another user's name is untouched");
    });

    test('POST /v1/account/password: the current password is checked, the new one signs in, other sessions end', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      await setPassword(server.database, tenant.user.id);
      const session = await signIn(server, tenant.user.email);
      const elsewhere = await signIn(server, tenant.user.email);
      const wrong = await session.request('/v1/account/password', { body: { currentPassword: 'not it', newPassword: 'a brand new passphrase' } });
      assertProblem(wrong, 403, 'A000403-070');
      assert.equal(wrong.body.errors[0].path, '/currentPassword');
      assertProblem(await session.request('/v1/account/password', { body: { currentPassword: TEST_PASSWORD, newPassword: 'short' } }), 400, 'V000400-001');
      assert.equal((await elsewhere.request('/v1/session')).status, 200, 'a refused change ends nothing');
      const changed = await session.request('/v1/account/password', { body: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' } });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual(changed.body, { endedSessions: 1 });
      assert.equal((await session.request('/v1/session')).status, 200, 'this session stays');
      assertProblem(await elsewhere.request('/v1/session'), 401, 'A000401-003');
      assertProblem(await server.request('/v1/session', { body: { email: tenant.user.email, password: TEST_PASSWORD } }), 401, 'A000401-004');
      assert.equal((await server.request('/v1/session', { body: { email: tenant.user.email, password: 'a brand new passphrase' } })).status, 200);
    });

    test('POST /v1/account/password refuses every API key: a key never takes over its account', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      await setPassword(server.database, tenant.user.id);
      const answer = await server.request('/v1/account/password', { body: { currentPassword: TEST_PASSWORD, newPassword: 'taken over by a key' }, key: tenant.fullKey });
      assertProblem(answer, 401, 'A000401-003');
      assert.equal((await server.request('/v1/session', { body: { email: tenant.user.email, password: TEST_PASSWORD } })).status, 200, 'the password is unchanged');
    });

    test('GET /v1/account/members: your team, you included, paged by id; nobody of another team; empty without a team', async () => {
      const server = shared();
      const team = `team-${uniqueProfileUrl().slice(-8)}`;
      const alice = await createTenant(server.database, { team });
      const bob = await createTenant(server.database, { team });
      const carol = await createAccount(server.database.db, { email: `carol-${uniqueProfileUrl().slice(-8)}@example.test`, plan: 'business', team });
      const outsider = await createTenant(server.database, { team: `${team}-other` });
      const loner = await createTenant(server.database);
      const first = await server.request('/v1/account/members?limit=2', { key: alice.fullKey });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.data.length, 2);
      assert.ok(first.body.nextCursor);
      const second = await server.request(`/v1/account/members?limit=2&cursor=${first.body.nextCursor}`, { key: alice.fullKey });
      const members = [...first.body.data, ...second.body.data];
      assert.equal(second.body.nextCursor, null);
      assert.deepEqual(members.map((m: { id: string }) => m.id), [alice.user.id, bob.user.id, carol.id].sort());
      assert.deepEqual(members.filter((m: { you: boolean }) => m.you).map((m: { email: string }) => m.email), [alice.user.email]);
      assert.ok(!members.some((m: { id: string }) => m.id === outsider.user.id));
      assert.deepEqual((await server.request('/v1/account/members', { key: loner.fullKey })).body, { data: [], nextCursor: null });
      assertProblem(await server.request('/v1/account/members', { key: alice.key }), 403, 'A000403-003');
      assertProblem(await server.request('/v1/account/members?cursor=nonsense', { key: alice.fullKey }), 400, 'V000400-001');
    });

    test('GET /v1/activity/by-day counts your imports per day and origin, and nobody else\'s', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const other = await createTenant(server.database);
      const url = uniqueProfileUrl();
      const send = (key: string, listId: string, urls: string[], origin: string) =>
        server.request('/prospects/addProspectFromIntegration', { key, body: importBody(listId, urls, { origin: { name: origin } }) });
      assert.equal((await send(tenant.key, tenant.listId, [url, uniqueProfileUrl()], 'n8n')).status, 200);
      assert.equal((await send(tenant.key, tenant.listId, [url], 'n8n')).status, 200);
      assert.equal((await send(tenant.key, tenant.listId, [uniqueProfileUrl()], 'zapier')).status, 200);
      assert.equal((await send(other.key, other.listId, [uniqueProfileUrl()], 'n8n')).status, 200);
      const answer = await server.request('/v1/activity/by-day?days=7', { key: tenant.fullKey });
      assert.equal(answer.status, 200, answer.text);
      const today = new Date().toISOString().slice(0, 10);
      assert.equal(answer.body.to, today);
      assert.equal(answer.body.from, new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10));
      const labels = (await server.request('/v1/activity', { key: tenant.fullKey })).body.data.map((item: { originLabel: string }) => item.originLabel);
      const [n8n, zapier] = [labels.find((l: string) => /n8n/i.test(l)), labels.find((l: string) => /zapier/i.test(l))];
      assert.deepEqual(answer.body.data, [
        { day: today, origin: n8n, imports: 2, prospects: 3, added: 2 },
        { day: today, origin: zapier, imports: 1, prospects: 1, added: 1 },
      ].sort((a, b) => (a.origin < b.origin ? -1 : 1)));
      assertProblem(await server.request('/v1/activity/by-day?days=0', { key: tenant.fullKey }), 400, 'V000400-001');
      assertProblem(await server.request('/v1/activity/by-day', { key: tenant.key }), 403, 'A000403-003');
    });
  });
}
