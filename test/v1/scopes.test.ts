import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertProblem } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer } from '../support/server.js';
import { createTenant } from '../support/tenant.js';

// Keys carry scopes (docs/api.md#scopes): import, read, write, admin. The matrix over every /v1 route
// is in test/security/tenant-isolation.test.ts; these are the rules themselves.

for (const engine of ENGINES) {
  describe(`API key scopes (${engine})`, () => {
    const shared = sharedServer(engine);

    test('an admin key creates a read-only key: it reads, and is refused every other scope by name', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const created = await server.request('/v1/keys', { key: tenant.fullKey, body: { name: 'dashboard', scopes: ['read'] } });
      assert.equal(created.status, 201, created.text);
      assert.deepEqual(created.body.key.scopes, ['read']);
      const reader = created.body.secret as string;
      assert.equal((await server.request('/v1/lists', { key: reader })).status, 200);
      const refusals: [string, { method?: string; body?: unknown }, string][] = [
        ['/v1/lists', { body: { name: 'new' } }, 'write'],
        ['/v1/keys', {}, 'admin'],
        ['/integrations/test', {}, 'import'],
      ];
      for (const [path, init, scope] of refusals) {
        const answer = await server.request(path, { ...init, key: reader });
        assertProblem(answer, 403, 'A000403-003');
        assert.equal(answer.body.scope, scope, path);
        assert.match(answer.body.detail, new RegExp(`"${scope}" scope`));
      }
      const lists = await server.request('/v1/lists', { key: tenant.fullKey });
      assert.equal(lists.body.data.length, tenant.lists.length, 'the refused write changed nothing');
    });

    test('a key made without scopes, or stored before scopes existed, keeps the compatible endpoints only', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      await server.database.db.updateTable('api_keys').set({ scopes: null }).where('id', '=', tenant.keyId).execute();
      assert.equal((await server.request('/integrations/test', { key: tenant.key })).status, 200);
      assertProblem(await server.request('/v1/lists', { key: tenant.key }), 403, 'A000403-003');
      const listed = await server.request('/v1/keys', { key: tenant.fullKey });
      assert.deepEqual(listed.body.find((k: { id: string }) => k.id === tenant.keyId).scopes, ['import']);
    });

    test('unknown or repeated scopes are refused with the field at fault, and nothing is created', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      for (const scopes of [['root'], ['read', 'read'], []]) {
        const answer = await server.request('/v1/keys', { key: tenant.fullKey, body: { name: 'bad', scopes } });
        assertProblem(answer, 400, 'V000400-001');
        assert.ok(answer.body.errors.some((e: { path: string }) => e.path.startsWith('/scopes')), JSON.stringify(answer.body.errors));
      }
      const listed = await server.request('/v1/keys', { key: tenant.fullKey });
      assert.equal(listed.body.length, 2);
    });
  });
}
