import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCampaign } from '../../src/store/campaigns.js';
import { assertProblem, unknownId } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { assertEachOnce, assertPageQueryRefusals, assertSameAsMissing, readAllPages } from '../support/pages.js';
import { sharedServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

// /v1/campaigns (docs/v1.md#campaigns-and-enrolments); their enrolments: enrolments.test.ts.

for (const engine of ENGINES) {
  describe(`/v1/campaigns (${engine})`, () => {
    const shared = sharedServer(engine);

    test('create, read, rename, change the precondition; filter by state', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const created = await server.request('/v1/campaigns', { key: tenant.fullKey, body: { name: ' Q1 ', requiresEmail: true } });
      assert.equal(created.status, 201, created.text);
      assert.deepEqual([created.body.name, created.body.state, created.body.requiresEmail, created.body.enrolled, created.body.active], ['Q1', 'running', true, 0, 0]);
      const changed = await server.request(`/v1/campaigns/${created.body.id}`, { key: tenant.fullKey, method: 'PATCH', body: { name: 'Q1 EMEA', requiresEmail: false } });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual([changed.body.name, changed.body.requiresEmail], ['Q1 EMEA', false]);
      assert.deepEqual((await server.request(`/v1/campaigns/${created.body.id}`, { key: tenant.fullKey })).body, changed.body);
      const running = await readAllPages(server, '/v1/campaigns?state=running', tenant.fullKey, 100);
      assert.deepEqual(running.map((c) => c.name), ['Running', 'Needs email', 'Q1 EMEA']);
      const archived = await readAllPages(server, '/v1/campaigns?state=archived', tenant.fullKey, 100);
      assert.deepEqual(archived.map((c) => c.id), [tenant.campaigns.archived.id]);
      assertProblem(await server.request('/v1/campaigns?state=finished', { key: tenant.fullKey }), 400, 'V000400-001');
    });

    test('state changes: pause, resume, archive (ending its enrolments), and an archived campaign stays archived', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const id = tenant.campaigns.running.id;
      const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl(), uniqueProfileUrl()], { campaignId: id }) });
      assert.equal(imported.status, 200, imported.text);
      const paused = await server.request(`/v1/campaigns/${id}/state`, { key: tenant.fullKey, body: { state: 'paused' } });
      assert.deepEqual([paused.body.state, paused.body.active], ['paused', 2]);
      const resumed = await server.request(`/v1/campaigns/${id}/state`, { key: tenant.fullKey, body: { state: 'running' } });
      assert.equal(resumed.body.state, 'running');
      const started = await server.request(`/v1/campaigns/${tenant.campaigns.draft.id}/state`, { key: tenant.fullKey, body: { state: 'running' } });
      assert.equal(started.body.state, 'running', 'a draft starts');
      const archived = await server.request(`/v1/campaigns/${id}/state`, { key: tenant.fullKey, body: { state: 'archived' } });
      assert.deepEqual([archived.body.state, archived.body.enrolled, archived.body.active], ['archived', 2, 0]);
      for (const state of ['running', 'paused']) {
        const refused = await server.request(`/v1/campaigns/${id}/state`, { key: tenant.fullKey, body: { state } });
        assertProblem(refused, 409, 'R000409-001');
        assert.equal(refused.body.state, 'archived');
      }
      assertProblem(await server.request(`/v1/campaigns/${id}/state`, { key: tenant.fullKey, body: { state: 'draft' } }), 400, 'V000400-001');
      const again = await server.request(`/v1/campaigns/${id}/state`, { key: tenant.fullKey, body: { state: 'archived' } });
      assert.equal(again.status, 200, 'archiving an archived campaign changes nothing');
    });

    test('bad bodies are refused with the field at fault', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const id = tenant.campaigns.running.id;
      const cases: [string, string, unknown, string][] = [
        ['POST', '/v1/campaigns', { name: '' }, '/name'],
        ['POST', '/v1/campaigns', { name: 'x', requiresEmail: 'yes' }, '/requiresEmail'],
        ['POST', '/v1/campaigns', { name: 'x', state: 'paused' }, '/state'],
        ['POST', '/v1/campaigns', { name: 'x', executorId: '' }, '/executorId'],
        ['PATCH', `/v1/campaigns/${id}`, { name: ' ' }, '/name'],
        ['POST', `/v1/campaigns/${id}/state`, { state: 'finished' }, '/state'],
        ['POST', `/v1/campaigns/${id}/state`, {}, ''],
      ];
      for (const [method, path, body, field] of cases) {
        const answer = await server.request(path, { key: tenant.fullKey, method, body });
        assertProblem(answer, 400, 'V000400-001');
        if (field) assert.ok(answer.body.errors.some((e: { path: string }) => e.path.startsWith(field)), `${JSON.stringify(body)}: ${answer.text}`);
      }
      assert.equal((await readAllPages(server, '/v1/campaigns', tenant.fullKey, 100)).length, 5, 'nothing created');
    });

    test("another tenant's campaign answers exactly like a missing one, and stays as it was", async () => {
      const server = shared();
      const mine = await createTenant(server.database);
      const theirs = await createTenant(server.database);
      const theirId = theirs.campaigns.running.id;
      const missing = unknownId();
      const calls: [string, string, unknown][] = [
        ['GET', '', undefined],
        ['PATCH', '', { name: 'stolen' }],
        ['POST', '/state', { state: 'archived' }],
        ['GET', '/enrolments', undefined],
        ['POST', '/enrolments', { prospectIds: [unknownId()] }],
        ['DELETE', `/enrolments/${unknownId()}`, undefined],
      ];
      for (const [method, tail, body] of calls) {
        const foreign = await server.request(`/v1/campaigns/${theirId}${tail}`, { key: mine.fullKey, method, body });
        const absent = await server.request(`/v1/campaigns/${missing}${tail}`, { key: mine.fullKey, method, body });
        assertSameAsMissing(foreign, theirId, absent, missing);
      }
      const still = await server.request(`/v1/campaigns/${theirId}`, { key: theirs.fullKey });
      assert.deepEqual([still.body.name, still.body.state], ['Running', 'running']);
      const listed = await readAllPages(server, '/v1/campaigns', mine.fullKey, 100);
      assert.deepEqual(listed.map((c) => c.id), Object.values(mine.campaigns).map((c) => c.id), 'only my campaigns, oldest first');
    });

    test('scopes: reading needs read, every change needs write', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const id = tenant.campaigns.running.id;
      const reader = (await server.request('/v1/keys', { key: tenant.fullKey, body: { name: 'reader', scopes: ['read'] } })).body.secret as string;
      const importer = tenant.key;
      const refusals: [string, string, string, unknown, string][] = [
        [importer, 'GET', '/v1/campaigns', undefined, 'read'],
        [importer, 'GET', `/v1/campaigns/${id}`, undefined, 'read'],
        [importer, 'GET', `/v1/campaigns/${id}/enrolments`, undefined, 'read'],
        [reader, 'POST', '/v1/campaigns', { name: 'n' }, 'write'],
        [reader, 'PATCH', `/v1/campaigns/${id}`, { name: 'n' }, 'write'],
        [reader, 'POST', `/v1/campaigns/${id}/state`, { state: 'paused' }, 'write'],
        [reader, 'POST', `/v1/campaigns/${id}/enrolments`, { prospectIds: [unknownId()] }, 'write'],
        [reader, 'DELETE', `/v1/campaigns/${id}/enrolments/${unknownId()}`, undefined, 'write'],
      ];
      for (const [key, method, path, body, scope] of refusals) {
        const answer = await server.request(path, { key, method, body });
        assertProblem(answer, 403, 'A000403-003');
        assert.equal(answer.body.scope, scope, `${method} ${path}`);
      }
      const still = await server.request(`/v1/campaigns/${id}`, { key: reader });
      assert.deepEqual([still.body.name, still.body.state], ['Running', 'running'], 'nothing changed');
    });

    test('pages neither skip nor repeat a campaign while campaigns are created between pages', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const expected = Object.values(tenant.campaigns).map((c) => c.id);
      const added: string[] = [];
      const read = await readAllPages<{ id: string }>(server, '/v1/campaigns', tenant.fullKey, 2, async (page) => {
        added.push((await createCampaign(server.database.db, tenant.user.id, { name: `Added ${page}` })).id);
      });
      const ids = read.map((c) => c.id);
      assertEachOnce(ids, [...expected, ...added], 'campaigns');
      assert.equal(ids.length, expected.length + added.length, 'the ones created behind the cursor come on a later page');
      await assertPageQueryRefusals(server, '/v1/campaigns', tenant.fullKey);
    });
  });
}
