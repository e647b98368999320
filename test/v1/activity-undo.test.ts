import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { undoImports } from '../../src/services/undo-import.js';
import { purgeImportJournalBefore } from '../../src/store/import-journal.js';
import { assertProblem, unknownId } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { assertCountsExact } from '../support/invariants.js';
import { assertSameAsMissing } from '../support/pages.js';
import { sharedServer, startServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// POST /v1/activity/{id}/undo (docs/v1.md#undo-an-import).

async function importAs(server: TestServer, tenant: Tenant, prospects: (string | Record<string, unknown>)[], extra: Record<string, unknown> = {}, listId = tenant.listId) {
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(listId, prospects, extra) });
  assert.equal(answer.status, 200, answer.text);
  return { activityId: answer.body.activityId as string, result: answer.body.result as { importCode: string; prospect: { _id: string } | null }[] };
}

function undo(server: TestServer, tenant: Tenant, activityId: string, dryRun = false) {
  return server.request(`/v1/activity/${activityId}/undo${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', key: tenant.fullKey });
}

async function prospectRow(server: TestServer, id: string) {
  return server.database.db.selectFrom('prospects').selectAll().where('id', '=', id).executeTakeFirst();
}

async function enrolmentsOf(server: TestServer, tenant: Tenant) {
  const rows = await server.database.db.selectFrom('enrolments').select(['prospect_id', 'campaign_id']).where('user_id', '=', tenant.user.id).orderBy('prospect_id').execute();
  return rows.map((r) => `${r.prospect_id}:${r.campaign_id}`);
}

async function eventsAfter(server: TestServer, tenant: Tenant, position: number) {
  const rows = await server.database.db.selectFrom('events').select(['type', 'data', 'position']).where('user_id', '=', tenant.user.id).where('position', '>', position).orderBy('position').execute();
  return rows.map((r) => ({ type: r.type, data: JSON.parse(r.data) as Record<string, unknown> }));
}

async function lastEventPosition(server: TestServer, tenant: Tenant): Promise<number> {
  const row = await server.database.db.selectFrom('users').select('event_seq').where('id', '=', tenant.user.id).executeTakeFirstOrThrow();
  return Number(row.event_seq);
}

const person = (url: string, firstName: string, extra: Record<string, unknown> = {}) => ({ url, customProfile: { firstName, lastName: 'Lovelace', ...extra } });

for (const engine of ENGINES) {
  describe(`undo of an import (${engine})`, () => {
    const shared = sharedServer(engine);

    test('removes what it created, moves back what it moved, restores what it overwrote, removes its enrolments; a dry run first tells exactly that', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [list1, list2] = [tenant.lists[0]!.id, tenant.lists[1]!.id];
      const [moved, overwritten, fresh1, fresh2] = [uniqueProfileUrl(), uniqueProfileUrl(), uniqueProfileUrl(), uniqueProfileUrl()];
      const first = await importAs(server, tenant, [person(moved, 'Ada', { email: 'ada@example.com' }), person(overwritten, 'Grace')], {}, list1);
      const movedId = first.result[0]!.prospect!._id;
      const overwrittenId = first.result[1]!.prospect!._id;
      // The overwritten one sits in list 2 already, so the import below merges into it there.
      await server.request(`/v1/prospects/${overwrittenId}`, { method: 'PATCH', key: tenant.fullKey, body: { listId: list2 } });
      const before = { moved: await prospectRow(server, movedId), overwritten: await prospectRow(server, overwrittenId) };
      const countsBefore = await assertCountsExact(server, tenant);
      const enrolmentsBefore = await enrolmentsOf(server, tenant);

      const second = await importAs(
        server,
        tenant,
        [person(moved, 'Augusta', { occupation: 'Mathematician' }), person(overwritten, 'Amazing Grace'), person(fresh1, 'New'), person(fresh2, 'Newer')],
        { moveDuplicatesToOtherList: true, shouldOverwriteCustomProfileData: true, campaignId: tenant.campaigns.running.id },
        list2,
      );
      assert.deepEqual(second.result.map((r) => r.importCode), ['prospect_successfully_moved_to_another_list', 'duplicated_prospect', 'success', 'success']);
      const createdIds = second.result.slice(2).map((r) => r.prospect!._id);
      const activity = await server.request(`/v1/activity/${second.activityId}`, { key: tenant.fullKey });
      assert.equal(activity.body.revertedAt, null);
      assert.ok(activity.body.undoableUntil > activity.body.createdAt, 'undoable for the window');

      const expected = { removed: 2, movedBack: 1, restored: 2, unenrolled: 2, notUndone: 0 };
      const afterImport = await assertCountsExact(server, tenant);
      const position = await lastEventPosition(server, tenant);
      const dry = await undo(server, tenant, second.activityId, true);
      assert.equal(dry.status, 200, dry.text);
      assert.deepEqual(dry.body, { activityId: second.activityId, dryRun: true, revertedAt: null, counts: expected, notUndone: [] });
      assert.deepEqual(await assertCountsExact(server, tenant), afterImport, 'a dry run changes nothing');
      assert.equal(await lastEventPosition(server, tenant), position, 'a dry run records no event');
      assert.equal((await server.request(`/v1/activity/${second.activityId}`, { key: tenant.fullKey })).body.revertedAt, null);

      const done = await undo(server, tenant, second.activityId);
      assert.equal(done.status, 200, done.text);
      assert.deepEqual({ ...done.body, revertedAt: typeof done.body.revertedAt }, { activityId: second.activityId, dryRun: false, revertedAt: 'string', counts: expected, notUndone: [] });

      assert.deepEqual(await assertCountsExact(server, tenant), countsBefore, 'list totals and the CRM count as before the import');
      for (const id of createdIds) assert.equal(await prospectRow(server, id), undefined, 'created prospects are gone');
      for (const [name, id] of [['moved', movedId], ['overwritten', overwrittenId]] as const) {
        const row = (await prospectRow(server, id))!;
        const was = before[name]!;
        assert.deepEqual([row.list_id, JSON.parse(row.profile), row.first_name, row.occupation, row.custom_variables], [was.list_id, JSON.parse(was.profile), was.first_name, was.occupation, was.custom_variables], name);
      }
      assert.deepEqual(await enrolmentsOf(server, tenant), enrolmentsBefore, 'its enrolments are removed');

      const events = await eventsAfter(server, tenant, position);
      const types = events.map((e) => e.type).sort();
      assert.deepEqual(types, [
        'campaign.prospect_unenrolled',
        'campaign.prospect_unenrolled',
        'import.reverted',
        'prospect.deleted',
        'prospect.deleted',
        'prospect.moved',
        'prospect.updated',
        'prospect.updated',
      ]);
      assert.deepEqual(events.find((e) => e.type === 'prospect.moved')!.data, { prospectId: movedId, fromListId: list2, toListId: list1 });
      assert.deepEqual(events.find((e) => e.type === 'import.reverted')!.data, { activityId: second.activityId, ...expected });

      const shown = await server.request(`/v1/activity/${second.activityId}`, { key: tenant.fullKey });
      assert.equal(shown.body.revertedAt, done.body.revertedAt);
      assert.deepEqual(shown.body.undo, expected);
      assert.equal(shown.body.undoableUntil, null);
      const again = await undo(server, tenant, second.activityId);
      assertProblem(again, 409, 'R000409-020');
      assert.equal(again.body.revertedAt, done.body.revertedAt);
      assertProblem(await undo(server, tenant, second.activityId, true), 409, 'R000409-020');
    });

    test('a created or changed prospect that changed since is kept, each with its reason, and the counts say exactly what was done', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [list1, list2, list3] = tenant.lists.map((l) => l.id) as [string, string, string];
      const urls = Array.from({ length: 8 }, () => uniqueProfileUrl());
      // Before the import: a prospect in list 1, one in list 3, one in list 2 (the import's target).
      const setup1 = await importAs(server, tenant, [person(urls[0]!, 'Moves'), person(urls[1]!, 'Blocked')], {}, list1);
      const setup3 = await importAs(server, tenant, [person(urls[2]!, 'ListGone')], {}, list3);
      const setup2 = await importAs(server, tenant, [person(urls[3]!, 'Edited')], {}, list2);
      const [movesId, blockedId] = setup1.result.map((r) => r.prospect!._id) as [string, string];
      const listGoneId = setup3.result[0]!.prospect!._id;
      const editedId = setup2.result[0]!.prospect!._id;

      const imported = await importAs(
        server,
        tenant,
        [person(urls[0]!, 'M2'), person(urls[1]!, 'B2'), person(urls[2]!, 'L2'), person(urls[3]!, 'E2'), person(urls[4]!, 'Changed'), person(urls[5]!, 'Deleted'), person(urls[6]!, 'Enrolled'), person(urls[7]!, 'Kept')],
        { moveDuplicatesToOtherList: true, shouldOverwriteCustomProfileData: true },
        list2,
      );
      const id = (i: number) => imported.result[i]!.prospect!._id;
      // Later changes, each the reason one change stays.
      assert.equal((await server.request(`/v1/prospects/${movesId}`, { method: 'PATCH', key: tenant.fullKey, body: { profile: { occupation: 'Later' } } })).status, 200);
      const copy = await importAs(server, tenant, [urls[1]!], { canCreateDuplicates: true }, list1);
      assert.equal(copy.result[0]!.importCode, 'success', 'a copy of the moved profile lands in its old list');
      assert.equal((await server.request(`/v1/lists/${list3}`, { method: 'DELETE', key: tenant.fullKey })).status, 200);
      assert.equal((await server.request(`/v1/prospects/${editedId}`, { method: 'PATCH', key: tenant.fullKey, body: { profile: { lastName: 'Later' }, overwrite: true } })).status, 200);
      assert.equal((await server.request(`/v1/prospects/${id(4)}`, { method: 'PATCH', key: tenant.fullKey, body: { profile: { email: 'later@example.com' } } })).status, 200);
      assert.equal((await server.request(`/v1/prospects/${id(5)}`, { method: 'DELETE', key: tenant.fullKey })).status, 204);
      const enrol = await server.request(`/v1/campaigns/${tenant.campaigns.running.id}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [id(6)] } });
      assert.equal(enrol.status, 200, enrol.text);

      const dry = await undo(server, tenant, imported.activityId, true);
      const done = await undo(server, tenant, imported.activityId);
      assert.equal(done.status, 200, done.text);
      assert.deepEqual(dry.body.counts, done.body.counts, 'the dry run foretold it');
      assert.deepEqual(dry.body.notUndone, done.body.notUndone);
      const rows = (done.body.notUndone as { position: number; prospectId: string; change: string; reason: string; message: string }[])
        .map((r) => `${r.position} ${r.prospectId} ${r.change} ${r.reason}`)
        .sort();
      assert.deepEqual(
        rows,
        [
          `0 ${movesId} moved prospect_changed`,
          `1 ${blockedId} moved already_in_list`,
          `2 ${listGoneId} moved list_deleted`,
          `3 ${editedId} updated prospect_changed`,
          `4 ${id(4)} created prospect_changed`,
          `5 ${id(5)} created prospect_deleted`,
          `6 ${id(6)} created enrolled_since`,
        ].sort(),
      );
      assert.ok(done.body.notUndone.every((r: { message: string }) => r.message.length > 0));
      // Only the untouched one went; blocked and list-gone keep their list but get their data back.
      assert.deepEqual(done.body.counts, { removed: 1, movedBack: 0, restored: 2, unenrolled: 0, notUndone: 7 });
      assert.equal(await prospectRow(server, id(7)), undefined);
      for (const kept of [4, 6]) assert.ok(await prospectRow(server, id(kept)));
      const blocked = (await prospectRow(server, blockedId))!;
      assert.deepEqual([blocked.list_id, blocked.first_name], [list2, 'Blocked']);
      const listGone = (await prospectRow(server, listGoneId))!;
      assert.deepEqual([listGone.list_id, listGone.first_name], [list2, 'ListGone']);
      assert.equal((await prospectRow(server, movesId))!.first_name, 'M2', 'changed since: left as it is');
      await assertCountsExact(server, tenant);
    });

    test('an enrolment that ended or went since is left, with its reason', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const campaign = tenant.campaigns.running.id;
      const imported = await importAs(server, tenant, [uniqueProfileUrl(), uniqueProfileUrl(), uniqueProfileUrl()], { campaignId: campaign });
      const [ended, gone, kept] = imported.result.map((r) => r.prospect!._id) as [string, string, string];
      assert.equal((await server.request(`/v1/campaigns/${campaign}/enrolments/${ended}`, { method: 'DELETE', key: tenant.fullKey })).status, 200);
      await server.database.db.deleteFrom('enrolments').where('prospect_id', '=', gone).execute();
      const done = await undo(server, tenant, imported.activityId);
      assert.equal(done.status, 200, done.text);
      const rows = (done.body.notUndone as { prospectId: string; change: string; reason: string }[]).map((r) => `${r.prospectId} ${r.change} ${r.reason}`).sort();
      assert.deepEqual(rows, [`${ended} created enrolled_since`, `${ended} enrolled enrolment_changed`, `${gone} enrolled enrolment_removed`].sort());
      assert.deepEqual(done.body.counts, { removed: 2, movedBack: 0, restored: 0, unenrolled: 1, notUndone: 3 });
      assert.ok(await prospectRow(server, ended));
      for (const id of [gone, kept]) assert.equal(await prospectRow(server, id), undefined);
      await assertCountsExact(server, tenant);
    });

    test('several imports undone as one, newest first: a prospect a later import changed is judged by its state before it', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = uniqueProfileUrl();
      const first = await importAs(server, tenant, [person(url, 'First')]);
      const second = await importAs(server, tenant, [person(url, 'Second')], { shouldOverwriteCustomProfileData: true });
      assert.equal(second.result[0]!.importCode, 'duplicated_prospect');
      const id = first.result[0]!.prospect!._id;
      const dry = await undoImports(server.database, tenant.user.id, [first.activityId, second.activityId], { dryRun: true, windowDays: 7 });
      assert.deepEqual(dry.counts, { removed: 1, movedBack: 0, restored: 1, unenrolled: 0, notUndone: 0 });
      const result = await undoImports(server.database, tenant.user.id, [first.activityId, second.activityId], { dryRun: false, windowDays: 7 });
      assert.deepEqual(result.counts, dry.counts);
      assert.equal(await prospectRow(server, id), undefined);
      for (const activityId of [first.activityId, second.activityId]) {
        assert.notEqual((await server.request(`/v1/activity/${activityId}`, { key: tenant.fullKey })).body.revertedAt, null);
      }
      await assertCountsExact(server, tenant);
    });

    test('past the undo window an import answers a problem, and nothing changes', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const imported = await importAs(server, tenant, [uniqueProfileUrl()]);
      const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
      await server.database.db.updateTable('activity_events').set({ created_at: eightDaysAgo }).where('id', '=', imported.activityId).execute();
      for (const dryRun of [true, false]) {
        const answer = await undo(server, tenant, imported.activityId, dryRun);
        assertProblem(answer, 409, 'R000409-021');
        assert.equal(answer.body.undoWindowDays, 7);
      }
      assert.ok(await prospectRow(server, imported.result[0]!.prospect!._id));
      assert.equal((await server.request(`/v1/activity/${imported.activityId}`, { key: tenant.fullKey })).body.undoableUntil, null);
      // A window of 10 days (UNDO_WINDOW_DAYS) still holds it.
      const open = await undoImports(server.database, tenant.user.id, [imported.activityId], { dryRun: true, windowDays: 10 });
      assert.equal(open.counts.removed, 1);
    });

    test('scopes: undo needs write', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const imported = await importAs(server, tenant, [uniqueProfileUrl()]);
      const answer = await server.request(`/v1/activity/${imported.activityId}/undo`, { method: 'POST', key: tenant.key });
      assertProblem(answer, 403, 'A000403-003');
      assert.equal(answer.body.scope, 'write');
      assert.ok(await prospectRow(server, imported.result[0]!.prospect!._id));
    });

    test("another tenant's import answers exactly like a missing one, and stays", async () => {
      const server = shared();
      const mine = await createTenant(server.database);
      const theirs = await createTenant(server.database);
      const imported = await importAs(server, theirs, [uniqueProfileUrl()]);
      const missing = unknownId();
      for (const dryRun of [true, false]) {
        assertSameAsMissing(await undo(server, mine, imported.activityId, dryRun), imported.activityId, await undo(server, mine, missing, dryRun), missing);
      }
      assert.ok(await prospectRow(server, imported.result[0]!.prospect!._id));
      await assert.rejects(undoImports(server.database, mine.user.id, [imported.activityId], { dryRun: false, windowDays: 7 }), /no import/);
    });
  });

  describe(`the undo journal's purge (${engine})`, () => {
    test('journal entries past the window are cleared; their imports then answer that they can no longer be undone', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const imported = await importAs(server, tenant, [uniqueProfileUrl()]);
      assert.equal(await purgeImportJournalBefore(server.database.db, Date.now() - 86_400_000), 0, 'a fresh entry stays');
      assert.equal(await purgeImportJournalBefore(server.database.db, Date.now() + 2000, Date.now() + 1000), 0, 'only from the previous bound on');
      assert.equal(await purgeImportJournalBefore(server.database.db, Date.now() + 2000), 1);
      const row = await server.database.db.selectFrom('activity_events').select(['journal', 'outcomes']).where('id', '=', imported.activityId).executeTakeFirstOrThrow();
      assert.equal(row.journal, null);
      assert.notEqual(row.outcomes, null, 'the feed keeps the import');
      assertProblem(await undo(server, tenant, imported.activityId), 409, 'R000409-021');
      assert.equal((await server.request(`/v1/activity/${imported.activityId}`, { key: tenant.fullKey })).body.undoableUntil, null);
    });
  });
}
