import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDisplayName } from '../../src/engine/display-name.js';
import { assertProblem } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer } from '../support/server.js';
import { createTenant } from '../support/tenant.js';

// Names of lists, campaigns and keys are trimmed, never empty, cannot hide what they show, and are
// unique per user (case and spelling ignored).

test('a name is trimmed; empty, control, zero-width and bidi characters are refused with the character named', () => {
  assert.deepEqual(checkDisplayName('  Webinar leads '), { ok: true, name: 'Webinar leads' });
  assert.deepEqual(checkDisplayName('Zoë Łukasz 李'), { ok: true, name: 'Zoë Łukasz 李' });
  for (const [raw, shown] of [['abc\u202Eevil', 'U+202E'], ['a\u200Bb', 'U+200B'], ['tab\there', 'U+0009'], ['iso\u2066late', 'U+2066'], ['b\uFEFFom', 'U+FEFF']]) {
    const checked = checkDisplayName(raw!);
    assert.equal(checked.ok, false, raw);
    assert.deepEqual(checked, { ok: false, fault: { rule: 'hidden_character', character: shown } }, raw);
  }
  assert.equal(checkDisplayName(' \u3000 ').ok, false, 'only spaces, ideographic included');
});

for (const engine of ENGINES) {
  describe(`names of lists, campaigns and keys (${engine})`, () => {
    const shared = sharedServer(engine);

    test('every create and rename refuses a hidden character with 400 naming the field, and stores nothing', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const key = tenant.fullKey;
      const bad = 'abc\u202Eevil';
      const calls: [string, string, unknown][] = [
        ['POST', '/v1/lists', { name: bad }],
        ['PATCH', `/v1/lists/${tenant.listId}`, { name: bad }],
        ['POST', '/v1/campaigns', { name: bad }],
        ['PATCH', `/v1/campaigns/${tenant.campaigns.running.id}`, { name: bad }],
        ['POST', '/v1/keys', { name: bad }],
      ];
      for (const [method, path, body] of calls) {
        const answer = await server.request(path, { method, body, key });
        assertProblem(answer, 400, 'V000400-001');
        assert.deepEqual(answer.body.errors.map((e: { path: string }) => e.path), ['/name'], `${method} ${path}`);
        assert.match(answer.body.errors[0].message, /U\+202E/);
        assert.equal(answer.body.errors[0].rule, 'hidden_character', 'a rule a client can say in its own words');
        assert.equal(answer.body.errors[0].character, 'U+202E');
      }
      const lists = await server.request('/v1/lists', { key });
      assert.deepEqual(lists.body.data.map((l: { name: string }) => l.name), tenant.lists.map((l) => l.name));
      const created = await server.request('/v1/lists', { method: 'POST', body: { name: '  Spaced  ' }, key });
      assert.equal(created.body.name, 'Spaced');
    });

    test('each field at fault carries a rule a client can word itself: required, too long, empty', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const key = tenant.fullKey;
      const faults = async (path: string, body: unknown) => {
        const answer = await server.request(path, { method: 'POST', body, key });
        return assertProblem(answer, 400, 'V000400-001').errors.map(({ path, rule, limit }: Record<string, unknown>) => ({ path, rule, limit }));
      };
      assert.deepEqual(await faults('/v1/lists', {}), [{ path: '/name', rule: 'required', limit: undefined}]);
      assert.deepEqual(await faults('/v1/lists', { name: 'x'.repeat(101) }), [{ path: '/name', rule: 'too_long', limit: 100}]);
      assert.deepEqual(await faults('/v1/campaigns', { name: ' \t ' }), [{ path: '/name', rule: 'empty', limit: undefined}]);
      assert.deepEqual(await faults('/v1/lists', { name: '' }), [{ path: '/name', rule: 'empty', limit: undefined }]);
      assert.deepEqual(await faults('/v1/keys', { name: 'ok', scopes: [] }), [{ path: '/scopes', rule: 'too_few', limit: 1 }]);
    });

    test('a name already in use (case and spelling ignored) is refused on create and rename with 409 naming the field and the holder; a key revoked frees its name; another user may use it', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const other = await createTenant(server.database);
      const key = tenant.fullKey;
      const taken = (answer: Awaited<ReturnType<typeof server.request>>, holder: { id: string; name: string }) => {
        const problem = assertProblem(answer, 409, 'R000409-060');
        assert.equal(problem.field, 'name');
        assert.deepEqual(problem.existing, holder);
        assert.deepEqual(problem.errors.map((e: { path: string }) => e.path), ['/name']);
        assert.match(problem.detail, new RegExp(`already named “${holder.name}”`));
      };
      const founders = (await server.request('/v1/lists', { method: 'POST', body: { name: 'Café Founders' }, key })).body;
      taken(await server.request('/v1/lists', { method: 'POST', body: { name: '  cafe\u0301 FOUNDERS ' }, key }), { id: founders.id, name: 'Café Founders' });
      taken(await server.request(`/v1/lists/${tenant.listId}`, { method: 'PATCH', body: { name: 'café founders' }, key }), { id: founders.id, name: 'Café Founders' });
      const recased = await server.request(`/v1/lists/${founders.id}`, { method: 'PATCH', body: { name: 'CAFÉ FOUNDERS' }, key });
      assert.equal(recased.status, 200, 'a list may be renamed to its own name in another case');
      assert.equal((await server.request('/v1/lists', { method: 'POST', body: { name: 'Café Founders' }, key: other.fullKey })).status, 201, "another user's names are theirs");
      const lists = (await server.request('/v1/lists', { key })).body.data.map((l: { name: string }) => l.name);
      assert.deepEqual(lists, ['List 1', 'List 2', 'List 3', 'CAFÉ FOUNDERS'], 'nothing stored by a refusal');
      assertProblem(await server.request(`/v1/lists/${other.listId}`, { method: 'PATCH', body: { name: 'List 2' }, key }), 404, 'R000404-001');

      taken(await server.request('/v1/campaigns', { method: 'POST', body: { name: 'running' }, key }), { id: tenant.campaigns.running.id, name: 'Running' });
      taken(await server.request(`/v1/campaigns/${tenant.campaigns.paused.id}`, { method: 'PATCH', body: { name: 'DRAFT' }, key }), { id: tenant.campaigns.draft.id, name: 'Draft' });
      assert.equal((await server.request(`/v1/campaigns/${tenant.campaigns.paused.id}`, { method: 'PATCH', body: { name: 'Paused' }, key })).status, 200);

      const zapier = (await server.request('/v1/keys', { method: 'POST', body: { name: 'Zapier' }, key })).body.key;
      taken(await server.request('/v1/keys', { method: 'POST', body: { name: 'zapier' }, key }), { id: zapier.id, name: 'Zapier' });
      assert.equal((await server.request(`/v1/keys/${zapier.id}`, { method: 'DELETE', key })).status, 200);
      assert.equal((await server.request('/v1/keys', { method: 'POST', body: { name: 'zapier' }, key })).status, 201, 'a revoked key frees its name');
    });

    test("a list's icon letter follows a rename unless it was chosen by hand", async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const key = tenant.fullKey;
      const auto = await server.request('/v1/lists', { method: 'POST', body: { name: 'alpha' }, key });
      assert.equal(auto.body.iconLabel, 'A');
      const renamed = await server.request(`/v1/lists/${auto.body.id}`, { method: 'PATCH', body: { name: 'beta' }, key });
      assert.equal(renamed.body.iconLabel, 'B');
      const chosen = await server.request('/v1/lists', { method: 'POST', body: { name: 'gamma', iconLabel: 'Z' }, key });
      const kept = await server.request(`/v1/lists/${chosen.body.id}`, { method: 'PATCH', body: { name: 'delta' }, key });
      assert.equal(kept.body.iconLabel, 'Z');
    });
  });
}
