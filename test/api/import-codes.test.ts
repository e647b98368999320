import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { ENGINES } from '../support/engines.js';
import { assertCountsExact } from '../support/invariants.js';
import { sharedServer } from '../support/server.js';
import { createTenant, importBody } from '../support/tenant.js';
import { assertObjectId, postImport, profileUrl, prospectRows, randomSlug } from '../support/compatible-api.js';

// The importCode table of docs/api.md: every code that is not reserved, produced exactly when the table says.

for (const engine of ENGINES) {
  describe(`importCode contract (${engine})`, () => {
    const shared = sharedServer(engine);

    test('success: a new profile is created in the list, with its _id and stored profile', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const slug = randomSlug('john');
      const [item] = await postImport(server, tenant, importBody(tenant.listId, [{ url: profileUrl(slug), customProfile: { firstName: 'John', lastName: 'Doe' } }]));
      assert.equal(item.importCode, 'success');
      assert.equal(item.message, null);
      assert.ok(!('addToCampaignCode' in item), 'no campaignId, no addToCampaignCode');
      assertObjectId(item.prospect._id);
      assert.equal(item.prospect.profile.firstName, 'John');
      assert.equal(item.prospect.profile.lastName, 'Doe');
      assert.equal(item.prospect.profile.publicIdentifier, slug);
      assert.ok(!('memberId' in item.prospect.profile) && !('salesMemberId' in item.prospect.profile), 'an identity field that is not known is left out');
      const rows = await prospectRows(server.database, tenant.user.id);
      assert.deepEqual(rows.map((r) => [r.id, r.list_id, r.public_identifier]), [[item.prospect._id, tenant.listId, slug]]);
      await assertCountsExact(server, tenant);
    });

    test('success: a permitted duplicate copy is a second prospect in the target list', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { plan: 'business' });
      const url = profileUrl(randomSlug());
      const [first] = await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url }]));
      const [copy] = await postImport(server, tenant, importBody(tenant.listId, [{ url }], { canCreateDuplicates: true }));
      assert.equal(copy.importCode, 'success');
      assert.notEqual(copy.prospect._id, first.prospect._id);
      assert.equal(copy.prospect.listId, tenant.listId);
      const rows = await prospectRows(server.database, tenant.user.id);
      assert.equal(rows.length, 2);
      assert.equal(rows.find((r) => r.id === copy.prospect._id)!.duplicate_of, first.prospect._id);
      const totals = await assertCountsExact(server, tenant);
      assert.equal(totals[tenant.listId], 1);
      assert.equal(totals[tenant.lists[1]!.id], 1);
    });

    test('duplicated_prospect: already in this list, with the existing _id', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      const [first] = await postImport(server, tenant, importBody(tenant.listId, [{ url }]));
      // Even the flags that move or copy change nothing for a profile already in the target list.
      const [again] = await postImport(server, tenant, importBody(tenant.listId, [{ url }], { moveDuplicatesToOtherList: true, canCreateDuplicates: true }));
      assert.equal(again.importCode, 'duplicated_prospect');
      assert.equal(again.prospect._id, first.prospect._id);
      assert.match(again.message, /this list/);
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 1);
      await assertCountsExact(server, tenant);
    });

    test('duplicated_prospect: in another list and no flag allows moving or copying it', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      const [first] = await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url }]));
      const [again] = await postImport(server, tenant, importBody(tenant.listId, [{ url }]));
      assert.equal(again.importCode, 'duplicated_prospect');
      assert.equal(again.prospect._id, first.prospect._id);
      assert.equal(again.prospect.listId, tenant.lists[1]!.id);
      assert.ok(again.message.includes(tenant.lists[1]!.name), `message names the list: ${again.message}`);
      const rows = await prospectRows(server.database, tenant.user.id);
      assert.deepEqual(rows.map((r) => r.list_id), [tenant.lists[1]!.id]);
      await assertCountsExact(server, tenant);
    });

    test("duplicated_prospect: in a teammate's CRM when the team deduplicates", async () => {
      const server = shared();
      const team = `team-${randomBytes(4).toString('hex')}`;
      const mate = await createTenant(server.database, { team });
      const caller = await createTenant(server.database, { team });
      const url = profileUrl(randomSlug());
      await postImport(server, mate, importBody(mate.listId, [{ url, customProfile: { firstName: 'Theirs', lastName: 'Stored', occupation: 'Secret' } }]));
      const [item] = await postImport(server, caller, importBody(caller.listId, [{ url, customProfile: { firstName: 'Sent' } }]));
      assert.equal(item.importCode, 'duplicated_prospect');
      // A teammate's prospect is not shown: only what the caller sent and the URL say.
      assert.deepEqual(item.prospect, { profile: { firstName: 'Sent', lastName: null, publicIdentifier: url.split('/in/')[1], linkedinUrl: url } });
      assert.match(item.message, /teammate/);
      assert.equal((await prospectRows(server.database, caller.user.id)).length, 0);
      await assertCountsExact(server, caller);
    });

    test('prospect_successfully_moved_to_another_list: the same prospect changes list', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      const [first] = await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url }]));
      const [moved] = await postImport(server, tenant, importBody(tenant.listId, [{ url }], { moveDuplicatesToOtherList: true }));
      assert.equal(moved.importCode, 'prospect_successfully_moved_to_another_list');
      assert.equal(moved.prospect._id, first.prospect._id);
      assert.equal(moved.prospect.listId, tenant.listId);
      assert.ok(moved.message.includes(tenant.lists[1]!.name), `message names the former list: ${moved.message}`);
      const rows = await prospectRows(server.database, tenant.user.id);
      assert.deepEqual(rows.map((r) => [r.id, r.list_id]), [[first.prospect._id, tenant.listId]]);
      const totals = await assertCountsExact(server, tenant);
      assert.equal(totals[tenant.listId], 1);
      assert.equal(totals[tenant.lists[1]!.id], 0);
    });

    test("failed_to_change_prospect_list: a move asked for a profile in a teammate's CRM", async () => {
      const server = shared();
      const team = `team-${randomBytes(4).toString('hex')}`;
      const mate = await createTenant(server.database, { team });
      const caller = await createTenant(server.database, { team });
      const url = profileUrl(randomSlug());
      const [theirs] = await postImport(server, mate, importBody(mate.listId, [{ url }]));
      const [item] = await postImport(server, caller, importBody(caller.listId, [{ url }], { moveDuplicatesToOtherList: true }));
      assert.equal(item.importCode, 'failed_to_change_prospect_list');
      assert.deepEqual(item.prospect, { profile: { lastName: null, publicIdentifier: url.split('/in/')[1], linkedinUrl: url } });
      assert.equal(typeof item.message, 'string');
      // The teammate's prospect stays where it was, and nothing is created for the caller.
      const mateRows = await prospectRows(server.database, mate.user.id);
      assert.deepEqual(mateRows.map((r) => [r.id, r.list_id]), [[theirs.prospect._id, mate.listId]]);
      assert.equal((await prospectRows(server.database, caller.user.id)).length, 0);
      await assertCountsExact(server, caller);
      await assertCountsExact(server, mate);
    });

    test("a teammate's profile with move and canCreateDuplicates: the permitted copy is created, nothing moves", async () => {
      // Decision: a teammate's prospect can never be moved, so "move first" does not apply and the
      // permitted copy wins (docs/api.md, teams: duplicated unless canCreateDuplicates is set).
      const server = shared();
      const team = `team-${randomBytes(4).toString('hex')}`;
      const mate = await createTenant(server.database, { team });
      const caller = await createTenant(server.database, { team, plan: 'business' });
      const url = profileUrl(randomSlug());
      const [theirs] = await postImport(server, mate, importBody(mate.listId, [{ url }]));
      const [item] = await postImport(server, caller, importBody(caller.listId, [{ url }], { moveDuplicatesToOtherList: true, canCreateDuplicates: true }));
      assert.equal(item.importCode, 'success');
      assert.notEqual(item.prospect._id, theirs.prospect._id);
      assert.deepEqual((await prospectRows(server.database, mate.user.id)).map((r) => r.list_id), [mate.listId]);
      await assertCountsExact(server, caller);
    });

    test('failed_to_change_prospect_list is not produced for a move inside the caller\'s own CRM', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.lists[2]!.id, [{ url }]));
      const result = await postImport(server, tenant, importBody(tenant.listId, [{ url }, { url: profileUrl(randomSlug()) }], { moveDuplicatesToOtherList: true }));
      assert.deepEqual(result.map((r) => r.importCode), ['prospect_successfully_moved_to_another_list', 'success']);
    });

    test('max_limit_crm: a new prospect past the CRM limit is refused, the rest are imported', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { crmLimit: 2 });
      const urls = [randomSlug(), randomSlug(), randomSlug()].map(profileUrl);
      const result = await postImport(server, tenant, importBody(tenant.listId, urls.map((url) => ({ url }))));
      assert.deepEqual(result.map((r) => r.importCode), ['success', 'success', 'max_limit_crm']);
      assert.deepEqual(result[2].prospect, { profile: { lastName: null, publicIdentifier: urls[2]!.split('/in/')[1], linkedinUrl: urls[2] } }, 'nothing stored, no _id');
      assert.match(result[2].message, /limit/);
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 2);
      await assertCountsExact(server, tenant);
    });

    test('max_limit_crm is not produced when nothing new is needed (duplicate, move) at the limit', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { crmLimit: 1 });
      const url = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url }]));
      const [skip] = await postImport(server, tenant, importBody(tenant.listId, [{ url }]));
      assert.equal(skip.importCode, 'duplicated_prospect');
      const [moved] = await postImport(server, tenant, importBody(tenant.listId, [{ url }], { moveDuplicatesToOtherList: true }));
      assert.equal(moved.importCode, 'prospect_successfully_moved_to_another_list');
      const [same] = await postImport(server, tenant, importBody(tenant.listId, [{ url }]));
      assert.equal(same.importCode, 'duplicated_prospect');
      // A permitted copy is a new prospect: it counts against the limit.
      const [copy] = await postImport(server, tenant, importBody(tenant.lists[2]!.id, [{ url }], { canCreateDuplicates: true }));
      assert.equal(copy.importCode, 'max_limit_crm');
      await assertCountsExact(server, tenant);
    });

    test('custom_variable_exceeds_1000_chars: that prospect is not imported; 1000 characters are fine', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const over = profileUrl(randomSlug());
      const exact = profileUrl(randomSlug());
      const result = await postImport(
        server,
        tenant,
        importBody(tenant.listId, [
          { url: over, customVariables: [{ label: 'ok', value: 'x' }, { label: 'long', value: 'y'.repeat(1001) }] },
          { url: exact, customVariables: [{ label: 'long', value: 'y'.repeat(1000) }] },
        ]),
      );
      assert.deepEqual(result.map((r) => r.importCode), ['custom_variable_exceeds_1000_chars', 'success']);
      assert.deepEqual(result[0].prospect, { profile: { lastName: null, publicIdentifier: over.split('/in/')[1], linkedinUrl: over } }, 'nothing stored, no _id');
      assert.match(result[0].message, /1000/);
      const rows = await prospectRows(server.database, tenant.user.id);
      assert.deepEqual(rows.map((r) => r.id), [result[1].prospect._id]);
      assert.equal(JSON.parse(rows[0]!.custom_variables)[0].value.length, 1000);
      await assertCountsExact(server, tenant);
    });

    test('custom_variable_exceeds_1000_chars on an existing prospect leaves it untouched', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      const [first] = await postImport(server, tenant, importBody(tenant.listId, [{ url, customVariables: [{ label: 'a', value: '1' }] }]));
      const before = await prospectRows(server.database, tenant.user.id);
      const [item] = await postImport(
        server,
        tenant,
        importBody(tenant.listId, [{ url, customProfile: { email: 'new@example.test' }, customVariables: [{ label: 'b', value: 'z'.repeat(1001) }] }], {
          shouldOverwriteCustomProfileData: true,
        }),
      );
      assert.equal(item.importCode, 'custom_variable_exceeds_1000_chars');
      // The profile is in the CRM, so the answer links to it (docs/api.md, the import answer).
      assert.equal(item.prospect._id, first.prospect._id);
      assert.deepEqual(await prospectRows(server.database, tenant.user.id), before);
    });
  });
}
