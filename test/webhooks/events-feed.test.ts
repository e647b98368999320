import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EventsPage } from '../../src/http/routes/v1/events.js';
import { assertProblem } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer, startServerOn, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// The events feed (docs/webhooks.md#the-feed): written in the transaction of the change, read after
// a per-user position that commits in order.

async function page(server: TestServer, tenant: Tenant, query: string): Promise<EventsPage> {
  const answer = await server.request(`/v1/events?${query}`, { key: tenant.fullKey });
  assert.equal(answer.status, 200, answer.text);
  return answer.body as EventsPage;
}

for (const engine of ENGINES) {
  describe(`events feed (${engine})`, () => {
    const shared = sharedServer(engine);

    test('a reader polling from after=0 while two instances write sees every event exactly once, in commit order', async (t) => {
      const server = shared();
      // A second instance on the same database: its own connection pool (its own SQLite connection).
      const second = await startServerOn(t, server.databaseUrl);
      const instances = [server, second];
      const tenant = await createTenant(server.database);
      const seen: number[] = [];
      const types: string[] = [];
      let cursor = '0';
      let writing = true;
      const poll = async () => {
        const { data, nextCursor } = await page(instances[seen.length % 2]!, tenant, `after=${cursor}&limit=7`);
        for (const event of data) {
          seen.push(event.position);
          types.push(event.type);
        }
        assert.ok(nextCursor !== null);
        cursor = nextCursor;
        return data.length;
      };
      const reader = (async () => {
        while (writing) await poll();
        while ((await poll()) > 0);
      })();
      const lists = Array.from({ length: 12 }, (_, i) => instances[i % 2]!.request('/v1/lists', { key: tenant.fullKey, body: { name: `concurrent ${i}` } }));
      const imports = Array.from({ length: 4 }, (_, i) => instances[i % 2]!.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl(), uniqueProfileUrl()]) }));
      for (const answer of await Promise.all([...lists, ...imports])) assert.ok(answer.status < 300, answer.text);
      writing = false;
      await reader;
      // 3 lists of the tenant, 12 lists, 4 imports of 2 created prospects and their import.completed.
      const expected = 3 + 12 + 4 * 3;
      assert.deepEqual(seen, Array.from({ length: expected }, (_, i) => i + 1), 'every position once, none skipped, in order');
      assert.equal(types.filter((t) => t === 'import.completed').length, 4);
      assert.equal(types.filter((t) => t === 'prospect.created').length, 8);
      assert.equal(types.filter((t) => t === 'list.created').length, 15);
    });

    test('import.completed carries the counts per code, the activity id and the origin; a dry run records nothing', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const start = (await page(server, tenant, 'after=0')).nextCursor!;
      const url = uniqueProfileUrl();
      const dry = await server.request('/prospects/addProspectFromIntegration?dryRun=true', { key: tenant.key, body: importBody(tenant.listId, [url]) });
      assert.equal(dry.status, 200, dry.text);
      assert.deepEqual((await page(server, tenant, `after=${start}`)).data, []);
      const body = importBody(tenant.listId, [url, url], { origin: { name: 'n8n' } });
      const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body });
      assert.equal(imported.status, 200, imported.text);
      const { data } = await page(server, tenant, `after=${start}&types=import.completed`);
      assert.equal(data.length, 1);
      assert.deepEqual(data[0]!.data, {
        activityId: imported.body.activityId,
        listId: tenant.listId,
        campaignId: null,
        origin: 'n8n',
        prospectCount: 2,
        importCodes: { success: 1, duplicated_prospect: 1 },
        addToCampaignCodes: {},
      });
    });

    test('changes made through /v1 are in the feed; another tenant sees none of them; an unknown type is refused', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const other = await createTenant(server.database);
      const start = (await page(server, tenant, 'after=0')).nextCursor!;
      const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl()]) });
      const prospectId = imported.body.result[0].prospect._id as string;
      const changes: [string, unknown][] = [
        ['/v1/prospects/bulk', { action: 'move', ids: [prospectId], listId: tenant.lists[1]!.id }],
        ['/v1/prospects/bulk', { action: 'enrol', ids: [prospectId], campaignId: tenant.campaigns.running.id }],
        [`/v1/campaigns/${tenant.campaigns.running.id}/state`, { state: 'paused' }],
        [`/v1/prospects/${prospectId}`, { profile: { occupation: 'CTO' } }],
        ['/v1/prospects/bulk', { action: 'delete', ids: [prospectId] }],
      ];
      for (const [path, body] of changes) {
        const method = path === `/v1/prospects/${prospectId}` ? 'PATCH' : 'POST';
        assert.ok((await server.request(path, { key: tenant.fullKey, body, method })).status < 300, path);
      }
      assert.equal((await server.request(`/v1/lists/${tenant.lists[2]!.id}`, { key: tenant.fullKey, method: 'DELETE' })).status, 200);
      const { data } = await page(server, tenant, `after=${start}&types=prospect.moved,campaign.prospect_enrolled,campaign.state_changed,prospect.updated,prospect.deleted,list.deleted`);
      assert.deepEqual(
        data.map((e) => [e.type, e.data]),
        [
          ['prospect.moved', { prospectId, fromListId: tenant.listId, toListId: tenant.lists[1]!.id }],
          ['campaign.prospect_enrolled', { campaignId: tenant.campaigns.running.id, prospectId }],
          ['campaign.state_changed', { campaignId: tenant.campaigns.running.id, state: 'paused' }],
          ['prospect.updated', { prospectId, listId: tenant.lists[1]!.id, origin: 'api' }],
          ['prospect.deleted', { prospectId, listId: tenant.lists[1]!.id }],
          ['list.deleted', { listId: tenant.lists[2]!.id, deletedProspects: 0 }],
        ],
      );
      const others = await page(server, other, 'after=0');
      assert.deepEqual(others.data.map((e) => e.type), ['list.created', 'list.created', 'list.created'], 'only its own lists');
      assertProblem(await server.request('/v1/events?types=prospect.exploded', { key: tenant.fullKey }), 400, 'V000400-001');
    });
  });
}
