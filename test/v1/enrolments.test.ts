import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertProblem, enrolmentRows, unknownId } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { assertEachOnce, assertPageQueryRefusals, assertSameAsMissing, readAllPages } from '../support/pages.js';
import { sharedServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// /v1/campaigns/:id/enrolments (docs/v1.md#campaigns-and-enrolments): the import's campaign rules
// and codes (docs/api.md#campaign-codes), one prospect at a time.

/** Imports prospects (with an email when asked) and answers their ids, in order. */
async function prospectIds(server: TestServer, tenant: Tenant, count: number, withEmail = false, extra: Record<string, unknown> = {}): Promise<string[]> {
  const prospects = Array.from({ length: count }, () => (withEmail ? { url: uniqueProfileUrl(), customProfile: { email: 'someone@example.com' } } : uniqueProfileUrl()));
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, prospects, extra) });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.result.map((r: { prospect: { _id: string } }) => r.prospect._id);
}

for (const engine of ENGINES) {
  describe(`/v1/campaigns/:id/enrolments (${engine})`, () => {
    const shared = sharedServer(engine);

    test('enrol answers the import codes per prospect with exact counts: one active campaign, the precondition, unknown ids', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [free, busy, noEmail] = await prospectIds(server, tenant, 3);
      const [withEmail] = await prospectIds(server, tenant, 1, true);
      const running = tenant.campaigns.running.id;
      const first = await server.request(`/v1/campaigns/${running}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [busy!] } });
      assert.deepEqual(first.body, { results: [{ prospectId: busy, addToCampaignCode: 'success', problemCode: null }], counts: { success: 1 } });
      const missing = unknownId();
      const theirs = await createTenant(server.database);
      const [theirProspect] = await prospectIds(server, theirs, 1);
      const needsEmail = tenant.campaigns.requiresEmail.id;
      const answer = await server.request(`/v1/campaigns/${needsEmail}/enrolments`, {
        key: tenant.fullKey,
        body: { prospectIds: [withEmail!, busy!, noEmail!, missing, theirProspect!, withEmail!] },
      });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.results, [
        { prospectId: withEmail, addToCampaignCode: 'success', problemCode: null },
        { prospectId: busy, addToCampaignCode: 'already_in_campaign', problemCode: null },
        { prospectId: noEmail, addToCampaignCode: 'prospect_does_not_match_preconditions', problemCode: null },
        { prospectId: missing, addToCampaignCode: null, problemCode: 'R000404-001' },
        { prospectId: theirProspect, addToCampaignCode: null, problemCode: 'R000404-001' },
      ]);
      assert.deepEqual(answer.body.counts, { success: 1, already_in_campaign: 1, prospect_does_not_match_preconditions: 1, notFound: 2 });
      const paused = await server.request(`/v1/campaigns/${tenant.campaigns.paused.id}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [free!] } });
      assert.deepEqual(paused.body.counts, { success: 1 }, 'a paused campaign enrols');
      const rows = await enrolmentRows(server.database, tenant.user.id);
      assert.deepEqual(rows.map((r) => [r.prospect_id, r.active]), [[busy, 1], [withEmail, 1], [free, 1]]);
      assert.equal((await enrolmentRows(server.database, theirs.user.id)).length, 0, "another tenant's prospect was not enrolled");
    });

    test('a draft or archived campaign refuses enrolment (409) and enrols nobody; bad bodies are 400', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [id] = await prospectIds(server, tenant, 1);
      for (const campaign of [tenant.campaigns.draft, tenant.campaigns.archived]) {
        const refused = await server.request(`/v1/campaigns/${campaign.id}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [id!] } });
        assertProblem(refused, 409, 'R000409-001');
        assert.equal(refused.body.state, campaign.state);
      }
      const path = `/v1/campaigns/${tenant.campaigns.running.id}/enrolments`;
      for (const body of [{ prospectIds: [] }, { prospectIds: Array.from({ length: 1001 }, () => id!) }, { ids: [id!] }, { prospectIds: [id!], campaignId: 'x' }]) {
        assertProblem(await server.request(path, { key: tenant.fullKey, body }), 400, 'V000400-001');
      }
      assert.equal((await enrolmentRows(server.database, tenant.user.id)).length, 0);
    });

    test('unenrol ends the active enrolment and frees the prospect for another campaign', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const running = tenant.campaigns.running.id;
      const [id] = await prospectIds(server, tenant, 1, false, { campaignId: running });
      const busy = await server.request(`/v1/campaigns/${tenant.campaigns.paused.id}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [id!] } });
      assert.deepEqual(busy.body.counts, { already_in_campaign: 1 }, 'one active campaign at a time');
      const ended = await server.request(`/v1/campaigns/${running}/enrolments/${id}`, { key: tenant.fullKey, method: 'DELETE' });
      assert.equal(ended.status, 200, ended.text);
      assert.deepEqual([ended.body.prospectId, ended.body.active], [id, false]);
      const campaign = await server.request(`/v1/campaigns/${running}`, { key: tenant.fullKey });
      assert.deepEqual([campaign.body.enrolled, campaign.body.active], [1, 0]);
      const again = await server.request(`/v1/campaigns/${running}/enrolments/${id}`, { key: tenant.fullKey, method: 'DELETE' });
      assert.deepEqual([again.status, again.body.active], [200, false], 'ending an ended enrolment changes nothing');
      const elsewhere = await server.request(`/v1/campaigns/${tenant.campaigns.paused.id}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [id!] } });
      assert.deepEqual(elsewhere.body.counts, { success: 1 }, 'free for another campaign');
      const back = await server.request(`/v1/campaigns/${running}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [id!] } });
      assert.deepEqual(back.body.counts, { already_in_campaign: 1 }, 'once enrolled in a campaign, as the import says');
      const active = await readAllPages(server, `/v1/campaigns/${tenant.campaigns.paused.id}/enrolments?active=true`, tenant.fullKey, 10);
      assert.deepEqual(active.map((e) => e.prospectId), [id]);
      const never = unknownId();
      const notEnrolled = await server.request(`/v1/campaigns/${tenant.campaigns.archived.id}/enrolments/${id}`, { key: tenant.fullKey, method: 'DELETE' });
      assertProblem(notEnrolled, 404, 'R000404-001');
      const theirs = await createTenant(server.database);
      const [theirProspect] = await prospectIds(server, theirs, 1, false, { campaignId: theirs.campaigns.running.id });
      const foreign = await server.request(`/v1/campaigns/${running}/enrolments/${theirProspect}`, { key: tenant.fullKey, method: 'DELETE' });
      const absent = await server.request(`/v1/campaigns/${running}/enrolments/${never}`, { key: tenant.fullKey, method: 'DELETE' });
      assertSameAsMissing(foreign, theirProspect!, absent, never);
      assert.equal((await enrolmentRows(server.database, theirs.user.id))[0]!.active, 1, "another tenant's enrolment is untouched");
    });

    test('the enrolment list filters by active and pages in enrolment order, neither skipping nor repeating while prospects enrol', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const running = tenant.campaigns.running.id;
      const first = await prospectIds(server, tenant, 5, false, { campaignId: running });
      const later = await prospectIds(server, tenant, 3);
      const ended = first[0]!;
      await server.request(`/v1/campaigns/${running}/enrolments/${ended}`, { key: tenant.fullKey, method: 'DELETE' });
      let next = 0;
      const read = await readAllPages<{ prospectId: string }>(server, `/v1/campaigns/${running}/enrolments`, tenant.fullKey, 2, async () => {
        if (next < later.length) await server.request(`/v1/campaigns/${running}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [later[next++]!] } });
      });
      const ids = read.map((e) => e.prospectId);
      assertEachOnce(ids, [...first, ...later.slice(0, next)], 'enrolments');
      assert.deepEqual(ids.slice(0, first.length), first, 'in enrolment order');
      const active = await readAllPages<{ prospectId: string; active: boolean }>(server, `/v1/campaigns/${running}/enrolments?active=true`, tenant.fullKey, 100);
      assert.ok(!active.some((e) => e.prospectId === ended) && active.every((e) => e.active));
      const inactive = await readAllPages<{ prospectId: string }>(server, `/v1/campaigns/${running}/enrolments?active=false`, tenant.fullKey, 100);
      assert.deepEqual(inactive.map((e) => e.prospectId), [ended]);
      assertProblem(await server.request(`/v1/campaigns/${running}/enrolments?active=maybe`, { key: tenant.fullKey }), 400, 'V000400-001');
      await assertPageQueryRefusals(server, `/v1/campaigns/${running}/enrolments`, tenant.fullKey);
    });
  });
}
