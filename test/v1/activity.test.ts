import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertProblem, unknownId } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { assertEachOnce, assertPageQueryRefusals, assertSameAsMissing, readAllPages } from '../support/pages.js';
import { sharedServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// /v1/activity (docs/v1.md#activity): every import, newest first, and its per-prospect outcomes.

async function importAs(server: TestServer, tenant: Tenant, urls: (string | Record<string, unknown>)[], extra: Record<string, unknown> = {}, listId = tenant.listId): Promise<string> {
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(listId, urls, extra) });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.activityId as string;
}

for (const engine of ENGINES) {
  describe(`/v1/activity (${engine})`, () => {
    const shared = sharedServer(engine);

    test('the feed is newest first and filters by origin, list and time', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const n8n = await importAs(server, tenant, [uniqueProfileUrl()], { origin: { name: 'n8n' } });
      const make = await importAs(server, tenant, [uniqueProfileUrl()], { origin: { name: 'make' } }, tenant.lists[1]!.id);
      const zapier = await importAs(server, tenant, [uniqueProfileUrl()], { origin: { name: 'zapier' } });
      const all = await readAllPages(server, '/v1/activity', tenant.fullKey, 100);
      assert.deepEqual(all.map((e) => e.id), [zapier, make, n8n]);
      assert.deepEqual(all.map((e) => e.originLabel), ['Zapier', 'Make', 'n8n']);
      const byOrigin = await readAllPages(server, '/v1/activity?origin=make', tenant.fullKey, 100);
      assert.deepEqual(byOrigin.map((e) => e.id), [make]);
      const byList = await readAllPages(server, `/v1/activity?listId=${tenant.listId}`, tenant.fullKey, 100);
      assert.deepEqual(byList.map((e) => e.id), [zapier, n8n]);
      const stamps = all.map((e) => e.createdAt as string);
      const middle = stamps[1]!;
      const since = await readAllPages(server, `/v1/activity?after=${encodeURIComponent(middle)}`, tenant.fullKey, 100);
      assert.ok(since.every((e) => e.createdAt >= middle) && since.some((e) => e.id === make));
      const until = await readAllPages(server, `/v1/activity?before=${encodeURIComponent(middle)}`, tenant.fullKey, 100);
      assert.ok(until.every((e) => e.createdAt < middle) && !until.some((e) => e.id === make));
      assert.equal(since.length + until.length, 3, 'after and before split the feed');
      const future = await readAllPages(server, '/v1/activity?after=2999-01-01T00:00:00Z', tenant.fullKey, 100);
      assert.deepEqual(future, []);
      for (const query of ['after=yesterday', 'before=2026-13-45']) {
        const bad = await server.request(`/v1/activity?${query}`, { key: tenant.fullKey });
        assertProblem(bad, 400, 'V000400-001');
      }
    });

    test("one import and its outcomes, paged in the order sent and filtered by importCode", async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const repeated = uniqueProfileUrl();
      const urls = [repeated, uniqueProfileUrl(), repeated, uniqueProfileUrl(), repeated];
      const id = await importAs(server, tenant, urls, { campaignId: tenant.campaigns.running.id });
      const one = await server.request(`/v1/activity/${id}`, { key: tenant.fullKey });
      assert.equal(one.status, 200, one.text);
      assert.deepEqual(one.body.counts.importCodes, { success: 3, duplicated_prospect: 2 });
      assert.equal(one.body.campaign.id, tenant.campaigns.running.id);
      const outcomes = await readAllPages(server, `/v1/activity/${id}/outcomes`, tenant.fullKey, 2);
      assert.deepEqual(outcomes.map((o) => o.position), [0, 1, 2, 3, 4]);
      assert.deepEqual(outcomes.map((o) => o.url), urls);
      assert.deepEqual(outcomes.map((o) => o.importCode), ['success', 'success', 'duplicated_prospect', 'success', 'duplicated_prospect']);
      assert.equal(outcomes[0].addToCampaignCode, 'success');
      const duplicates = await readAllPages(server, `/v1/activity/${id}/outcomes?importCode=duplicated_prospect`, tenant.fullKey, 1);
      assert.deepEqual(duplicates.map((o) => o.position), [2, 4]);
      await assertPageQueryRefusals(server, `/v1/activity/${id}/outcomes`, tenant.fullKey);
      const listCursor = (await server.request('/v1/lists?limit=1', { key: tenant.fullKey })).body.nextCursor as string;
      assertProblem(await server.request(`/v1/activity/${id}/outcomes?cursor=${listCursor}`, { key: tenant.fullKey }), 400, 'V000400-001');
    });

    test('outcomes filter to the failures, or to one campaign code', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const existing = uniqueProfileUrl();
      await importAs(server, tenant, [existing], {}, tenant.lists[1]!.id);
      const prospects = [
        { url: uniqueProfileUrl() },
        { url: existing },
        { url: uniqueProfileUrl(), customVariables: [{ label: 'long', value: 'x'.repeat(1001) }] },
        { url: uniqueProfileUrl() },
      ];
      const id = await importAs(server, tenant, prospects, { campaignId: tenant.campaigns.requiresEmail.id });
      const all = await readAllPages(server, `/v1/activity/${id}/outcomes`, tenant.fullKey, 100);
      assert.deepEqual(all.map((o) => [o.importCode, o.addToCampaignCode]), [
        ['success', 'prospect_does_not_match_preconditions'],
        ['duplicated_prospect', null],
        ['custom_variable_exceeds_1000_chars', null],
        ['success', 'prospect_does_not_match_preconditions'],
      ]);
      const failed = await readAllPages(server, `/v1/activity/${id}/outcomes?failed=true`, tenant.fullKey, 1);
      assert.deepEqual(failed.map((o) => o.position), [0, 2, 3], 'a refused enrolment and a refused prospect fail; a duplicate left alone does not');
      const others = await readAllPages(server, `/v1/activity/${id}/outcomes?failed=false`, tenant.fullKey, 1);
      assert.deepEqual(others.map((o) => o.position), [1]);
      const byCampaignCode = await readAllPages(server, `/v1/activity/${id}/outcomes?addToCampaignCode=prospect_does_not_match_preconditions&failed=true`, tenant.fullKey, 1);
      assert.deepEqual(byCampaignCode.map((o) => o.position), [0, 3]);
      assertProblem(await server.request(`/v1/activity/${id}/outcomes?failed=maybe`, { key: tenant.fullKey }), 400, 'V000400-001');
    });

    test("another tenant's import answers exactly like a missing one, and the feed shows only one's own", async () => {
      const server = shared();
      const mine = await createTenant(server.database);
      const theirs = await createTenant(server.database);
      const theirEvent = await importAs(server, theirs, [uniqueProfileUrl()]);
      const missing = unknownId();
      for (const tail of ['', '/outcomes']) {
        const foreign = await server.request(`/v1/activity/${theirEvent}${tail}`, { key: mine.fullKey });
        const absent = await server.request(`/v1/activity/${missing}${tail}`, { key: mine.fullKey });
        assertSameAsMissing(foreign, theirEvent, absent, missing);
      }
      assert.deepEqual(await readAllPages(server, '/v1/activity', mine.fullKey, 100), []);
      assert.deepEqual(await readAllPages(server, `/v1/activity?listId=${theirs.listId}`, mine.fullKey, 100), [], "another tenant's list filters to nothing");
    });

    test('scopes: the feed needs read', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const event = await importAs(server, tenant, [uniqueProfileUrl()]);
      for (const path of ['/v1/activity', `/v1/activity/${event}`, `/v1/activity/${event}/outcomes`]) {
        const answer = await server.request(path, { key: tenant.key });
        assertProblem(answer, 403, 'A000403-003');
        assert.equal(answer.body.scope, 'read');
      }
    });

    test('pages neither skip nor repeat an import while imports arrive between pages', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const before: string[] = [];
      for (let i = 0; i < 7; i++) before.push(await importAs(server, tenant, [uniqueProfileUrl()]));
      const arrived: string[] = [];
      const read = await readAllPages<{ id: string }>(server, '/v1/activity', tenant.fullKey, 3, async () => {
        arrived.push(await importAs(server, tenant, [uniqueProfileUrl()]));
      });
      const ids = read.map((e) => e.id);
      assertEachOnce(ids, before, 'imports');
      assert.deepEqual(ids, [...before].reverse(), 'newest first; imports after the first page are newer than the cursor');
      assert.equal(arrived.length, 2);
      await assertPageQueryRefusals(server, '/v1/activity', tenant.fullKey);
    });
  });
}
