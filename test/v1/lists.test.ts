import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createList } from '../../src/store/lists.js';
import { assertProblem, unknownId } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { assertCountsExact } from '../support/invariants.js';
import { assertEachOnce, assertPageQueryRefusals, assertSameAsMissing, readAllPages } from '../support/pages.js';
import { sharedServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// /v1/lists (docs/v1.md#lists).

async function importInto(server: TestServer, tenant: Tenant, listId: string, urls: string[], extra: Record<string, unknown> = {}) {
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(listId, urls, extra) });
  assert.equal(answer.status, 200, answer.text);
  return answer.body;
}

for (const engine of ENGINES) {
  describe(`/v1/lists (${engine})`, () => {
    const shared = sharedServer(engine);

    test('create, read one, rename, recolour, relabel: the answer is the list as stored', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const created = await server.request('/v1/lists', { key: tenant.fullKey, body: { name: '  Founders  ', iconColor: '#112233' } });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.name, 'Founders');
      assert.equal(created.body.iconLabel, 'F');
      assert.equal(created.body.totalProspects, 0);
      const changed = await server.request(`/v1/lists/${created.body.id}`, { key: tenant.fullKey, method: 'PATCH', body: { name: 'Founders Lyon', iconColor: '#445566', iconLabel: 'FL' } });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual([changed.body.name, changed.body.iconColor, changed.body.iconLabel], ['Founders Lyon', '#445566', 'FL']);
      const one = await server.request(`/v1/lists/${created.body.id}`, { key: tenant.fullKey });
      assert.deepEqual(one.body, changed.body);
      await importInto(server, tenant, created.body.id, [uniqueProfileUrl(), uniqueProfileUrl()]);
      assert.equal((await server.request(`/v1/lists/${created.body.id}`, { key: tenant.fullKey })).body.totalProspects, 2);
    });

    test('bad bodies are refused with the field at fault and change nothing', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const cases: [string, string, unknown, string][] = [
        ['POST', '/v1/lists', { name: '' }, '/name'],
        ['POST', '/v1/lists', { name: '   ' }, '/name'],
        ['POST', '/v1/lists', { name: 'x', iconColor: 'red' }, '/iconColor'],
        ['POST', '/v1/lists', { name: 'x', extra: 1 }, ''],
        ['PATCH', `/v1/lists/${tenant.listId}`, { iconLabel: 'ABC' }, '/iconLabel'],
        ['PATCH', `/v1/lists/${tenant.listId}`, { name: 'x'.repeat(101) }, '/name'],
      ];
      for (const [method, path, body, field] of cases) {
        const answer = await server.request(path, { key: tenant.fullKey, method, body });
        assertProblem(answer, 400, 'V000400-001');
        if (field) assert.ok(answer.body.errors.some((e: { path: string }) => e.path.startsWith(field)), `${JSON.stringify(body)}: ${answer.text}`);
      }
      const lists = await readAllPages(server, '/v1/lists', tenant.fullKey, 100);
      assert.deepEqual(lists.map((l) => l.name), ['List 1', 'List 2', 'List 3']);
    });

    test("another tenant's list answers exactly like a missing one, and stays as it was", async () => {
      const server = shared();
      const mine = await createTenant(server.database);
      const theirs = await createTenant(server.database);
      await importInto(server, theirs, theirs.listId, [uniqueProfileUrl()]);
      const missing = unknownId();
      const calls: [string, unknown][] = [
        ['GET', undefined],
        ['PATCH', { name: 'stolen' }],
        ['DELETE', undefined],
      ];
      for (const [method, body] of calls) {
        const foreign = await server.request(`/v1/lists/${theirs.listId}`, { key: mine.fullKey, method, body });
        const absent = await server.request(`/v1/lists/${missing}`, { key: mine.fullKey, method, body });
        assertSameAsMissing(foreign, theirs.listId, absent, missing);
      }
      const still = await server.request(`/v1/lists/${theirs.listId}`, { key: theirs.fullKey });
      assert.deepEqual([still.body.name, still.body.totalProspects], ['List 1', 1]);
      const listed = await readAllPages(server, '/v1/lists', mine.fullKey, 100);
      assert.deepEqual(listed.map((l) => l.id), mine.lists.map((l) => l.id), 'only my lists');
    });

    test('scopes: reading needs read, changing needs write', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const reader = (await server.request('/v1/keys', { key: tenant.fullKey, body: { name: 'reader', scopes: ['read'] } })).body.secret as string;
      const writer = (await server.request('/v1/keys', { key: tenant.fullKey, body: { name: 'writer', scopes: ['write'] } })).body.secret as string;
      assert.equal((await server.request(`/v1/lists/${tenant.listId}`, { key: reader })).status, 200);
      const refusals: [string, string, string, unknown, string][] = [
        [writer, 'GET', '/v1/lists', undefined, 'read'],
        [writer, 'GET', `/v1/lists/${tenant.listId}`, undefined, 'read'],
        [reader, 'POST', '/v1/lists', { name: 'n' }, 'write'],
        [reader, 'PATCH', `/v1/lists/${tenant.listId}`, { name: 'n' }, 'write'],
        [reader, 'DELETE', `/v1/lists/${tenant.listId}`, undefined, 'write'],
      ];
      for (const [key, method, path, body, scope] of refusals) {
        const answer = await server.request(path, { key, method, body });
        assertProblem(answer, 403, 'A000403-003');
        assert.equal(answer.body.scope, scope);
      }
      assert.equal((await server.request(`/v1/lists/${tenant.listId}`, { key: reader })).body.name, 'List 1', 'nothing changed');
    });

    test('pages neither skip nor repeat a list while lists are created between pages', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { lists: 7 });
      const expected = tenant.lists.map((l) => l.id);
      const added: string[] = [];
      const read = await readAllPages<{ id: string }>(server, '/v1/lists', tenant.fullKey, 2, async (page) => {
        added.push((await createList(server.database.db, tenant.user.id, { name: `Added ${page}` })).id);
      });
      const ids = read.map((l) => l.id);
      assertEachOnce(ids, expected, 'lists');
      assert.deepEqual(ids.slice(0, expected.length), expected, 'oldest first');
      assert.ok(added.every((id) => ids.includes(id)), 'lists created behind the cursor come on a later page');
      await assertPageQueryRefusals(server, '/v1/lists', tenant.fullKey);
    });

    test('deleting a list answers what happened to its prospects: deleted with it, a copy elsewhere promoted, counts exact', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [a, b] = tenant.lists.map((l) => l.id) as [string, string];
      const both = uniqueProfileUrl();
      await importInto(server, tenant, a, [both, uniqueProfileUrl()], { campaignId: tenant.campaigns.running.id });
      await importInto(server, tenant, b, [both], { canCreateDuplicates: true });
      const deleted = await server.request(`/v1/lists/${a}`, { key: tenant.fullKey, method: 'DELETE' });
      assert.equal(deleted.status, 200, deleted.text);
      assert.deepEqual(deleted.body, { deletedProspects: 2, promotedCopies: 1 });
      await assertCountsExact(server, tenant);
      const campaign = await server.request(`/v1/campaigns/${tenant.campaigns.running.id}`, { key: tenant.fullKey });
      assert.deepEqual([campaign.body.enrolled, campaign.body.active], [0, 0], 'their enrolments went with them');
      assertProblem(await server.request(`/v1/lists/${a}`, { key: tenant.fullKey }), 404, 'R000404-001');
      assertProblem(await server.request(`/v1/lists/${a}`, { key: tenant.fullKey, method: 'DELETE' }), 404, 'R000404-001');
      const empty = await server.request(`/v1/lists/${b}`, { key: tenant.fullKey, method: 'DELETE' });
      assert.deepEqual(empty.body, { deletedProspects: 1, promotedCopies: 0 });
    });
  });
}
