import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { setCampaignState } from '../../src/store/campaigns.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer } from '../support/server.js';
import { createTenant, importBody } from '../support/tenant.js';
import { enrolmentRows, postImport, profileUrl, randomSlug, unknownId } from '../support/compatible-api.js';

// docs/api.md#campaign-codes: present only when campaignId was sent and enrolment was attempted;
// attempted for new prospects, for existing ones only with addExistingProspectInCampaign (or its
// alias addDuplicateProspectsToCampaign), never for failed items.

for (const engine of ENGINES) {
  describe(`addToCampaignCode contract (${engine})`, () => {
    const shared = sharedServer(engine);

    test('no campaignId (absent, null or empty): no addToCampaignCode and no enrolment', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      for (const extra of [{}, { campaignId: null }, { campaignId: '' }]) {
        const result = await postImport(server, tenant, importBody(tenant.listId, [{ url }, { url: profileUrl(randomSlug()) }], { ...extra, addExistingProspectInCampaign: true }));
        for (const item of result) assert.ok(!('addToCampaignCode' in item), `no code for ${JSON.stringify(extra)}: ${JSON.stringify(item)}`);
      }
      assert.equal((await enrolmentRows(server.database, tenant.user.id)).length, 0);
    });

    test('success: a new prospect is enrolled in a running or a paused campaign', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const result = await postImport(server, tenant, importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }], { campaignId: tenant.campaigns.running.id }));
      assert.equal(result[0].importCode, 'success');
      assert.equal(result[0].addToCampaignCode, 'success');
      const paused = await postImport(server, tenant, importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }], { campaignId: tenant.campaigns.paused.id }));
      assert.equal(paused[0].addToCampaignCode, 'success');
      const enrolments = await enrolmentRows(server.database, tenant.user.id);
      assert.deepEqual(
        enrolments.map((e) => [e.prospect_id, e.campaign_id, Number(e.active)]),
        [
          [result[0].prospect._id, tenant.campaigns.running.id, 1],
          [paused[0].prospect._id, tenant.campaigns.paused.id, 1],
        ],
      );
    });

    test('already_in_campaign: the prospect is already enrolled in this campaign', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      const campaignId = tenant.campaigns.running.id;
      await postImport(server, tenant, importBody(tenant.listId, [{ url }], { campaignId }));
      const [again] = await postImport(server, tenant, importBody(tenant.listId, [{ url }], { campaignId, addExistingProspectInCampaign: true }));
      assert.equal(again.importCode, 'duplicated_prospect');
      assert.equal(again.addToCampaignCode, 'already_in_campaign');
      assert.equal((await enrolmentRows(server.database, tenant.user.id)).length, 1);
    });

    test('already_in_campaign: active in another campaign; free again once that one is archived', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.listId, [{ url }], { campaignId: tenant.campaigns.running.id }));
      const other = { campaignId: tenant.campaigns.paused.id, addExistingProspectInCampaign: true };
      const [busy] = await postImport(server, tenant, importBody(tenant.listId, [{ url }], other));
      assert.equal(busy.addToCampaignCode, 'already_in_campaign');
      await setCampaignState(server.database.db, tenant.campaigns.running.id, 'archived', tenant.user.id);
      const [free] = await postImport(server, tenant, importBody(tenant.listId, [{ url }], other));
      assert.equal(free.addToCampaignCode, 'success');
      const active = (await enrolmentRows(server.database, tenant.user.id)).filter((e) => Number(e.active) === 1);
      assert.deepEqual(active.map((e) => e.campaign_id), [tenant.campaigns.paused.id]);
    });

    test('cant_add_prospect_campaign_not_exist: unknown id, another user\'s campaign, a draft — the prospect is still imported', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const stranger = await createTenant(server.database);
      for (const campaignId of [unknownId(), 'not-an-id', stranger.campaigns.running.id, tenant.campaigns.draft.id]) {
        const [item] = await postImport(server, tenant, importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }], { campaignId }));
        assert.equal(item.importCode, 'success', campaignId);
        assert.equal(item.addToCampaignCode, 'cant_add_prospect_campaign_not_exist', campaignId);
      }
      assert.equal((await enrolmentRows(server.database, tenant.user.id)).length, 0);
      assert.equal((await enrolmentRows(server.database, stranger.user.id)).length, 0);
    });

    test('cant_add_prospect_campaign_is_archived', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [item] = await postImport(server, tenant, importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }], { campaignId: tenant.campaigns.archived.id }));
      assert.equal(item.importCode, 'success');
      assert.equal(item.addToCampaignCode, 'cant_add_prospect_campaign_is_archived');
      assert.equal((await enrolmentRows(server.database, tenant.user.id)).length, 0);
    });

    test('prospect_does_not_match_preconditions: the campaign needs an email and the prospect has none', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const campaignId = tenant.campaigns.requiresEmail.id;
      const noEmail = profileUrl(randomSlug());
      const result = await postImport(
        server,
        tenant,
        importBody(tenant.listId, [{ url: noEmail, customProfile: { firstName: 'No', email: '' } }, { url: profileUrl(randomSlug()), customProfile: { email: 'a@example.test' } }], { campaignId }),
      );
      assert.deepEqual(result.map((r) => [r.importCode, r.addToCampaignCode]), [
        ['success', 'prospect_does_not_match_preconditions'],
        ['success', 'success'],
      ]);
      // Once an email is known, an existing prospect passes the precondition.
      const [later] = await postImport(server, tenant, importBody(tenant.listId, [{ url: noEmail, customProfile: { email: 'b@example.test' } }], { campaignId, addExistingProspectInCampaign: true }));
      assert.deepEqual([later.importCode, later.addToCampaignCode], ['duplicated_prospect', 'success']);
    });

    test('existing prospects are enrolled only with addExistingProspectInCampaign or its alias', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const inList = profileUrl(randomSlug());
      const elsewhere = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.listId, [{ url: inList }]));
      await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url: elsewhere }]));
      const campaignId = tenant.campaigns.running.id;

      const without = await postImport(server, tenant, importBody(tenant.listId, [{ url: inList }, { url: elsewhere }], { campaignId }));
      assert.deepEqual(without.map((r) => r.importCode), ['duplicated_prospect', 'duplicated_prospect']);
      for (const item of without) assert.ok(!('addToCampaignCode' in item), JSON.stringify(item));
      const explicitFalse = await postImport(server, tenant, importBody(tenant.listId, [{ url: inList }], { campaignId, addExistingProspectInCampaign: false }));
      assert.ok(!('addToCampaignCode' in explicitFalse[0]));
      assert.equal((await enrolmentRows(server.database, tenant.user.id)).length, 0);

      const withAlias = await postImport(server, tenant, importBody(tenant.listId, [{ url: inList }], { campaignId, addDuplicateProspectsToCampaign: true }));
      assert.equal(withAlias[0].addToCampaignCode, 'success');
      const withFlag = await postImport(server, tenant, importBody(tenant.listId, [{ url: elsewhere }], { campaignId: tenant.campaigns.paused.id, addExistingProspectInCampaign: true }));
      assert.deepEqual([withFlag[0].importCode, withFlag[0].addToCampaignCode], ['duplicated_prospect', 'success']);
      assert.equal((await enrolmentRows(server.database, tenant.user.id)).length, 2);
    });

    test('a moved prospect is enrolled only with the flag', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const a = profileUrl(randomSlug());
      const b = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url: a }, { url: b }]));
      const campaignId = tenant.campaigns.running.id;
      const [plain] = await postImport(server, tenant, importBody(tenant.listId, [{ url: a }], { campaignId, moveDuplicatesToOtherList: true }));
      assert.equal(plain.importCode, 'prospect_successfully_moved_to_another_list');
      assert.ok(!('addToCampaignCode' in plain));
      const [flagged] = await postImport(server, tenant, importBody(tenant.listId, [{ url: b }], { campaignId, moveDuplicatesToOtherList: true, addExistingProspectInCampaign: true }));
      assert.deepEqual([flagged.importCode, flagged.addToCampaignCode], ['prospect_successfully_moved_to_another_list', 'success']);
    });

    test('a permitted duplicate copy is a new prospect: enrolled without the flag', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { plan: 'business' });
      const url = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url }]));
      const [copy] = await postImport(server, tenant, importBody(tenant.listId, [{ url }], { canCreateDuplicates: true, campaignId: tenant.campaigns.running.id }));
      assert.deepEqual([copy.importCode, copy.addToCampaignCode], ['success', 'success']);
    });

    test('never for failed items: max_limit_crm, custom_variable_exceeds_1000_chars, failed_to_change_prospect_list, a teammate\'s duplicate', async () => {
      const server = shared();
      const team = `team-${randomBytes(4).toString('hex')}`;
      const mate = await createTenant(server.database, { team });
      const tenant = await createTenant(server.database, { team, crmLimit: 1 });
      const theirs = profileUrl(randomSlug());
      await postImport(server, mate, importBody(mate.listId, [{ url: theirs }]));
      const flags = { campaignId: tenant.campaigns.running.id, addExistingProspectInCampaign: true };
      const result = await postImport(
        server,
        tenant,
        importBody(
          tenant.listId,
          [
            { url: profileUrl(randomSlug()), customVariables: [{ label: 'x', value: 'x'.repeat(1001) }] },
            { url: profileUrl(randomSlug()) },
            { url: profileUrl(randomSlug()) },
            { url: theirs },
          ],
          flags,
        ),
      );
      assert.deepEqual(
        result.map((r) => [r.importCode, r.addToCampaignCode]),
        [
          ['custom_variable_exceeds_1000_chars', undefined],
          ['success', 'success'],
          ['max_limit_crm', undefined],
          ['duplicated_prospect', undefined],
        ],
      );
      const [failed] = await postImport(server, tenant, importBody(tenant.listId, [{ url: theirs }], { ...flags, moveDuplicatesToOtherList: true }));
      assert.equal(failed.importCode, 'failed_to_change_prospect_list');
      assert.ok(!('addToCampaignCode' in failed));
      assert.equal((await enrolmentRows(server.database, tenant.user.id)).length, 1);
    });

    test('a repeat inside one batch: the copy is enrolled only with the flag, and then is already in the campaign', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const slug = randomSlug();
      const urls = [profileUrl(slug), `linkedin.com/in/${slug.toUpperCase()}/`];
      const campaignId = tenant.campaigns.running.id;
      const plain = await postImport(server, tenant, importBody(tenant.listId, urls.map((url) => ({ url })), { campaignId }));
      assert.deepEqual(plain.map((r) => [r.importCode, r.addToCampaignCode]), [['success', 'success'], ['duplicated_prospect', undefined]]);
      const slug2 = randomSlug();
      const flagged = await postImport(server, tenant, importBody(tenant.listId, [{ url: profileUrl(slug2) }, { url: profileUrl(slug2) + '?trk=x' }], { campaignId, addExistingProspectInCampaign: true }));
      assert.deepEqual(flagged.map((r) => [r.importCode, r.addToCampaignCode]), [['success', 'success'], ['duplicated_prospect', 'already_in_campaign']]);
      assert.equal((await enrolmentRows(server.database, tenant.user.id)).length, 2);
    });
  });
}
