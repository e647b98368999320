import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createAccount } from '../../src/services/accounts.js';
import { createApiKey } from '../../src/store/api-keys.js';
import { setCampaignState } from '../../src/store/campaigns.js';
import type { Database } from '../../src/store/database.js';
import { createList } from '../../src/store/lists.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer } from '../support/server.js';
import { createTenant, importBody } from '../support/tenant.js';
import { assertObjectId, postImport, profileUrl, randomSlug } from '../support/compatible-api.js';

// docs/api.md#endpoints: the three GET answers, field for field.

const LIST_FIELDS = ['_id', 'createdAt', 'iconColor', 'iconLabel', 'name', 'totalProspects', 'updatedAt', 'user'];
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The key of a user with no list and no campaign. */
async function bareUserKey(database: Database): Promise<string> {
  const user = await createAccount(database.db, { email: `bare-${randomBytes(4).toString('hex')}@example.test`, plan: 'advanced' });
  return (await createApiKey(database.db, user.id, 'bare')).secret;
}

for (const engine of ENGINES) {
  describe(`compatible read endpoints (${engine})`, () => {
    const shared = sharedServer(engine);

    test('GET /integrations/test answers the bare JSON literal true', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const answer = await server.request('/integrations/test', { key: tenant.key });
      assert.equal(answer.status, 200);
      assert.equal(answer.text, 'true');
      assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
      assert.ok(answer.headers.get('x-request-id'), 'every answer carries a request id');
    });

    test("GET /prospectLists/getProspectLists: a bare array of the caller's lists, exactly these fields", async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const stranger = await createTenant(server.database);
      const custom = await createList(server.database.db, tenant.user.id, { name: 'Événements 2026', iconColor: '#ff0000', iconLabel: 'É' });
      await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url: profileUrl(randomSlug()) }, { url: profileUrl(randomSlug()) }]));

      const answer = await server.request('/prospectLists/getProspectLists', { key: tenant.key });
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
      const lists = answer.body as any[];
      assert.ok(Array.isArray(lists), 'a bare array, not wrapped');
      assert.deepEqual(lists.map((l) => l._id).sort(), [...tenant.lists.map((l) => l.id), custom.id].sort());
      for (const list of lists) {
        assert.deepEqual(Object.keys(list).sort(), LIST_FIELDS);
        assertObjectId(list._id);
        assert.equal(list.user, tenant.user.id);
        assert.equal(typeof list.name, 'string');
        assert.ok(Number.isInteger(list.totalProspects));
        assert.equal(typeof list.iconColor, 'string');
        assert.equal(typeof list.iconLabel, 'string');
        assert.match(list.createdAt, ISO_DATE_TIME);
        assert.match(list.updatedAt, ISO_DATE_TIME);
        assert.ok(list.updatedAt >= list.createdAt);
        assert.ok(!stranger.lists.some((l) => l.id === list._id), "never another user's list");
      }
      const byId = new Map(lists.map((l) => [l._id, l]));
      assert.equal(byId.get(tenant.lists[1]!.id).totalProspects, 2);
      assert.equal(byId.get(tenant.listId).totalProspects, 0);
      assert.deepEqual(
        { name: byId.get(custom.id).name, iconColor: byId.get(custom.id).iconColor, iconLabel: byId.get(custom.id).iconLabel },
        { name: 'Événements 2026', iconColor: '#ff0000', iconLabel: 'É' },
      );
    });

    test('GET /prospectLists/getProspectLists for a user without lists is []', async () => {
      const server = shared();
      const key = await bareUserKey(server.database);
      const answer = await server.request('/prospectLists/getProspectLists', { key });
      assert.equal(answer.status, 200);
      assert.equal(answer.text, '[]');
    });

    test('GET /campaigns/getAll: {total, campaigns:[{_id, name, state}]} with only running and paused campaigns', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const stranger = await createTenant(server.database);
      const answer = await server.request('/campaigns/getAll', { key: tenant.key });
      assert.equal(answer.status, 200);
      assert.deepEqual(Object.keys(answer.body).sort(), ['campaigns', 'total']);
      const { total, campaigns } = answer.body;
      assert.equal(total, campaigns.length);
      for (const campaign of campaigns) {
        assert.deepEqual(Object.keys(campaign).sort(), ['_id', 'name', 'state']);
        assertObjectId(campaign._id);
        assert.ok(['running', 'paused'].includes(campaign.state), campaign.state);
      }
      const expected = [tenant.campaigns.running, tenant.campaigns.paused, tenant.campaigns.requiresEmail];
      assert.deepEqual(
        campaigns.map((c: any) => [c._id, c.name, c.state]).sort(),
        expected.map((c) => [c.id, c.name, c.state]).sort(),
      );
      assert.ok(!campaigns.some((c: any) => Object.values(stranger.campaigns).some((s) => s.id === c._id)), "never another user's campaign");

      // A state change shows at the next read.
      await setCampaignState(server.database.db, tenant.campaigns.running.id, 'archived', tenant.user.id);
      await setCampaignState(server.database.db, tenant.campaigns.draft.id, 'running', tenant.user.id);
      const after = (await server.request('/campaigns/getAll', { key: tenant.key })).body;
      assert.equal(after.total, 3);
      assert.deepEqual(
        after.campaigns.map((c: any) => c._id).sort(),
        [tenant.campaigns.draft.id, tenant.campaigns.paused.id, tenant.campaigns.requiresEmail.id].sort(),
      );
    });

    test('GET /campaigns/getAll for a user without campaigns is {total: 0, campaigns: []}', async () => {
      const server = shared();
      const answer = await server.request('/campaigns/getAll', { key: await bareUserKey(server.database) });
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { total: 0, campaigns: [] });
    });
  });
}
