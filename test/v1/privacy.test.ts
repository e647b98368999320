import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { doNotContactRefusal } from '../../src/engine/do-not-contact.js';
import { SearchIndexer } from '../../src/services/search-indexer.js';
import { createApiKey } from '../../src/store/api-keys.js';
import type { Database } from '../../src/store/database.js';
import { assertProblem, IMPORT_PATH, postImport, prospectRows, unknownId } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// Erasure, do-not-contact and access (docs/v1.md#privacy-erasure-do-not-contact-access).

/** Every text column of every table, read from the database's own catalog, so a new table is scanned too. */
async function textColumns(database: Database): Promise<{ table: string; column: string }[]> {
  if (database.engine === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.db);
    const columns: { table: string; column: string }[] = [];
    for (const { name } of tables.rows) {
      const info = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${name})`.execute(database.db);
      // Untyped columns too: the shadow tables of the FTS5 search index (prospect_search_content) declare none.
      for (const c of info.rows) if (/text|char|clob/i.test(c.type) || c.type === '') columns.push({ table: name, column: c.name });
    }
    return columns;
  }
  const rows = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')`.execute(database.db);
  return rows.rows.map((r) => ({ table: r.table_name, column: r.column_name }));
}

/** "table.column" of every cell that holds any of the needles (case-insensitively). */
async function cellsHolding(database: Database, needles: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const columns = await textColumns(database);
  assert.ok(columns.some((c) => c.table === 'prospects') && columns.some((c) => c.table === 'idempotency_keys'), 'the catalog lists the tables');
  for (const { table, column } of columns) {
    for (const needle of needles) {
      const hits = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where lower(cast(${sql.ref(column)} as text)) like ${`%${needle.toLowerCase()}%`}`.execute(database.db);
      if (Number(hits.rows[0]!.n) > 0) found.push(`${table}.${column} holds ${needle}`);
    }
  }
  return found;
}

async function countsAreExact(server: TestServer, tenant: Tenant): Promise<void> {
  const rows = await prospectRows(server.database, tenant.user.id);
  const user = await server.database.db.selectFrom('users').select('prospect_count').where('id', '=', tenant.user.id).executeTakeFirstOrThrow();
  assert.equal(Number(user.prospect_count), rows.length, "the user's CRM count is exact");
  const lists = await server.database.db.selectFrom('prospect_lists').select(['id', 'total_prospects']).where('user_id', '=', tenant.user.id).execute();
  for (const list of lists) assert.equal(Number(list.total_prospects), rows.filter((r) => r.list_id === list.id).length, `list ${list.id} count is exact`);
}

const erase = (server: TestServer, key: string, body: unknown) => server.request('/v1/erasures', { key, body });

for (const engine of ENGINES) {
  describe(`privacy: erasure, do-not-contact, access (${engine})`, () => {
    const shared = sharedServer(engine);

    test('erasure is proven: after erasing a person imported through every URL shape, enrolled and under Idempotency-Key, no text column of any table holds their URL, name or e-mail; any URL of theirs then answers profile_deleted and stores nothing', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [list1, list2, list3] = tenant.lists.map((l) => l.id) as [string, string, string];
      const tag = randomBytes(4).toString('hex');
      const name = `erin-${tag}`;
      const slug = `${name}-b50576a7`;
      const memberId = `ACoAA${randomBytes(9).toString('hex')}X`;
      const person = { firstName: `Erinfirst${tag}`, lastName: `Erinlast${tag}`, email: `erin.${tag}@erased.example` };
      const shapes = [
        `https://www.linkedin.com/in/${slug}`,
        `HTTPS://WWW.LINKEDIN.COM/IN/${slug.toUpperCase()}/`,
        `https://www.linkedin.com/mwlite/in/${slug}`,
        `https://fr.linkedin.com/pub/${name}/a7/576/b50`,
      ];
      const memberUrl = `https://www.linkedin.com/in/${memberId}`;
      const bystander = uniqueProfileUrl('bystander');
      const withData = (url: string) => ({ url, customProfile: person, customVariables: [{ label: 'note', value: `met ${person.firstName}` }] });

      // Imported under an Idempotency-Key with a bystander, enrolled; then a copy and more shapes.
      const first = await server.request(IMPORT_PATH, {
        key: tenant.key,
        headers: { 'idempotency-key': `erase-${tag}` },
        body: importBody(list1, [withData(shapes[0]!), bystander, withData(memberUrl)], { campaignId: tenant.campaigns.running.id }),
      });
      assert.equal(first.status, 200, first.text);
      assert.deepEqual(first.body.result.map((r: { addToCampaignCode: string }) => r.addToCampaignCode), ['success', 'success', 'success']);
      const copies = await postImport(server, tenant, importBody(list2, [withData(shapes[2]!), withData(memberUrl)], { canCreateDuplicates: true }));
      assert.deepEqual(copies.map((r) => r.importCode), ['success', 'success']);
      const again = await postImport(server, tenant, importBody(list1, [withData(shapes[1]!), withData(shapes[3]!)]));
      assert.deepEqual(again.map((r) => r.importCode), ['duplicated_prospect', 'duplicated_prospect'], 'every shape names the same person');
      // An import that fills a field: its undo journal keeps their data as it was before.
      const filled = await server.request(IMPORT_PATH, { key: tenant.key, body: importBody(list1, [{ url: shapes[0]!, customProfile: { occupation: 'Engineer' } }]) });
      assert.equal(filled.body.result[0].importCode, 'duplicated_prospect');
      const theirId = first.body.result[0].prospect._id as string;
      assert.equal((await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'move', ids: [copies[0].prospect._id], listId: list3 } })).body.counts.moved, 1);

      // Notes can hold anything about them: they go with the person's copies.
      const note = await server.request(`/v1/prospects/${theirId}/notes`, { key: tenant.fullKey, body: { body: `Called ${person.firstName} ${person.lastName} (${person.email}), ${shapes[0]}` } });
      assert.equal(note.status, 201, note.text);
      assert.equal((await server.request(`/v1/prospects/${theirId}/tags`, { method: 'PUT', key: tenant.fullKey, body: { tags: ['Erasure test'] } })).status, 200);
      // A note on someone else that names them keeps its other words.
      const bystanderId = first.body.result[1].prospect._id as string;
      const mention = await server.request(`/v1/prospects/${bystanderId}/notes`, {
        key: tenant.fullKey,
        body: { body: `Introduced by ${person.firstName} ${person.lastName} <${person.email.toUpperCase()}>, ${shapes[0]}; call Tuesday.` },
      });
      assert.equal(mention.status, 201, mention.text);

      const needles = [slug, memberId, person.firstName, person.lastName, person.email, theirId];
      // SQLite's search index holds a copy of their search text once its indexer has caught up.
      if (engine === 'sqlite') await new SearchIndexer(server.database, { warn() {} }).catchUp();
      const before = await cellsHolding(server.database, needles);
      const indexCopy = engine === 'sqlite' ? ['prospect_search_content.c0'] : [];
      for (const cell of ['prospects.linkedin_url', 'prospects.email', 'prospects.profile', 'activity_events.outcomes', 'idempotency_keys.response_body', 'prospect_notes.body', 'prospect_tags.prospect_id', 'activity_events.journal', ...indexCopy]) {
        assert.ok(before.some((hit) => hit.startsWith(`${cell} `)), `the scan finds them in ${cell} before the erasure`);
      }

      const bySlug = await erase(server, tenant.fullKey, { url: shapes[3] });
      assert.equal(bySlug.status, 200, bySlug.text);
      assert.deepEqual(bySlug.body, { erased: { prospects: 2, enrolments: 1, activityItems: 5, idempotencyAnswers: 1, notes: 2 }, tombstones: 1 });
      const byMember = await erase(server, tenant.fullKey, { prospectId: copies[1].prospect._id });
      assert.deepEqual(byMember.body, { erased: { prospects: 2, enrolments: 1, activityItems: 2, idempotencyAnswers: 1, notes: 0 }, tombstones: 1 });

      // The events feed keeps the erased copies' ids, and only ids (prospect.deleted among them), so that
      // integrations can erase their own copies: an id that names nothing any more is no personal data.
      const idInFeed = `events.data holds ${theirId}`;
      const remaining = await cellsHolding(server.database, needles);
      assert.deepEqual(remaining.filter((hit) => hit !== idInFeed), [], 'nothing of theirs is left');
      const deleted = await server.request('/v1/events?types=prospect.deleted', { key: tenant.fullKey });
      assert.ok(deleted.body.data.some((e: { data: { prospectId: string } }) => e.data.prospectId === theirId), 'subscribers are told, by id');
      await countsAreExact(server, tenant);
      const left = await prospectRows(server.database, tenant.user.id);
      assert.deepEqual(left.map((r) => r.linkedin_url), [bystander], 'the bystander stays');
      const kept = await server.request(`/v1/prospects/${bystanderId}/notes`, { key: tenant.fullKey });
      assert.deepEqual(kept.body.data.map((n: { body: string }) => n.body), ['Introduced by [erased] <[erased]>, [erased]; call Tuesday.'], "the bystander's note keeps its other words");
      // An undo after the erasure neither sees nor names them (a dry run: the bystander stays for what follows).
      const undo = await server.request(`/v1/activity/${first.body.activityId}/undo?dryRun=true`, { method: 'POST', key: tenant.fullKey });
      assert.deepEqual([undo.body.counts, undo.body.notUndone], [{ removed: 1, movedBack: 0, restored: 0, unenrolled: 1, notUndone: 0 }, []], undo.text);

      // The replay under the key keeps the bystander, and their item keeps its codes only.
      const replay = await server.request(IMPORT_PATH, {
        key: tenant.key,
        headers: { 'idempotency-key': `erase-${tag}` },
        body: importBody(list1, [withData(shapes[0]!), bystander, withData(memberUrl)], { campaignId: tenant.campaigns.running.id }),
      });
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(replay.body.result.map((r: { importCode: string }) => r.importCode), ['success', 'success', 'success']);
      assert.equal(replay.body.result[1].prospect.profile.linkedinUrl, bystander);
      assert.doesNotMatch(replay.text, new RegExp(`${tag}`));

      // One audit entry per erasure, counts only.
      const audit = await server.database.db.selectFrom('audit_log').selectAll().where('user_id', '=', tenant.user.id).execute();
      assert.deepEqual(audit.map((a) => a.action), ['person.erased', 'person.erased']);

      // Any URL of theirs, with or without a key, is refused and nothing is stored.
      for (const [i, url] of [...shapes, memberUrl].entries()) {
        const answer = await server.request(IMPORT_PATH, {
          key: tenant.key,
          headers: { 'idempotency-key': `again-${tag}-${i}` },
          body: importBody(list2, [withData(url)], { campaignId: tenant.campaigns.running.id, canCreateDuplicates: true }),
        });
        assert.equal(answer.status, 200, answer.text);
        const [item] = answer.body.result;
        assert.equal(item.importCode, 'profile_deleted', url);
        assert.match(item.message, /erased from your CRM at your request/);
        assert.equal(item.prospect._id, undefined);
        assert.equal(item.addToCampaignCode, undefined);
        assert.equal(typeof item.prospect.profile.linkedinUrl, 'string', 'the compatible shape: a profile with the identity from the URL');
      }
      const viaV1 = await server.request('/v1/prospects/import', { key: tenant.fullKey, body: { prospectListId: list3, prospects: [withData(shapes[0]!)] } });
      assert.equal(viaV1.body.result[0].importCode, 'profile_deleted');
      assert.deepEqual((await cellsHolding(server.database, needles)).filter((hit) => hit !== idInFeed), [], 'the refused imports stored nothing of theirs');
      await countsAreExact(server, tenant);
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 1);
    });

    test("a tombstone is the eraser's only: another user imports the same person as new", async () => {
      const server = shared();
      const alice = await createTenant(server.database);
      const bob = await createTenant(server.database);
      const url = uniqueProfileUrl();
      await postImport(server, alice, importBody(alice.listId, [url]));
      assert.equal((await erase(server, alice.fullKey, { url })).status, 200);
      assert.equal((await postImport(server, bob, importBody(bob.listId, [url])))[0].importCode, 'success');
      assert.equal((await postImport(server, alice, importBody(alice.listId, [url])))[0].importCode, 'profile_deleted');
    });

    test('a user holding more tombstones than are read whole is still refused by hash', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const rows = Array.from({ length: 1001 }, () => ({ user_id: tenant.user.id, hash: randomBytes(32).toString('hex'), created_at: 'then' }));
      for (let i = 0; i < rows.length; i += 200) await server.database.db.insertInto('erased_identities').values(rows.slice(i, i + 200)).execute();
      const url = uniqueProfileUrl();
      assert.equal((await erase(server, tenant.fullKey, { url })).status, 200);
      const answer = await postImport(server, tenant, importBody(tenant.listId, [url, uniqueProfileUrl()]));
      assert.deepEqual(answer.map((r) => r.importCode), ['profile_deleted', 'success']);
    });

    test('erasing by a URL of nobody in the CRM still keeps the tombstone; every error code names its field', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = uniqueProfileUrl();
      const nobody = await erase(server, tenant.fullKey, { url });
      assert.deepEqual(nobody.body, { erased: { prospects: 0, enrolments: 0, activityItems: 0, idempotencyAnswers: 0, notes: 0 }, tombstones: 1 });
      assert.equal((await postImport(server, tenant, importBody(tenant.listId, [url])))[0].importCode, 'profile_deleted');

      assert.ok(assertProblem(await erase(server, tenant.fullKey, {}), 400, 'V000400-001').errors.some((e: { path: string }) => e.path === '/prospectId'));
      assert.ok(assertProblem(await erase(server, tenant.fullKey, { url, prospectId: unknownId() }), 400, 'V000400-001').errors.some((e: { path: string }) => e.path === '/url'));
      const bad = assertProblem(await erase(server, tenant.fullKey, { url: 'https://www.linkedin.com/company/acme' }), 400, 'V000400-001');
      assert.equal(bad.errors[0].path, '/url');
      assert.match(bad.errors[0].message, /company page/);
      assertProblem(await erase(server, tenant.fullKey, { url, extra: 1 }), 400, 'V000400-001');
      assertProblem(await erase(server, tenant.fullKey, { prospectId: unknownId() }), 404, 'R000404-001');
      assertProblem(await server.request('/v1/people/export', { key: tenant.fullKey }), 400, 'V000400-001');
      assertProblem(await server.request(`/v1/people/export?prospectId=${unknownId()}`, { key: tenant.fullKey }), 404, 'R000404-001');
      assertProblem(await server.request(`/v1/prospects/${unknownId()}/do-not-contact`, { method: 'PUT', key: tenant.fullKey, body: { doNotContact: true } }), 404, 'R000404-001');
      assertProblem(await server.request(`/v1/lists/${unknownId()}/do-not-contact`, { method: 'PUT', key: tenant.fullKey, body: { doNotContact: true } }), 404, 'R000404-001');
      assertProblem(await server.request(`/v1/lists/${tenant.listId}/do-not-contact`, { method: 'PUT', key: tenant.fullKey, body: { doNotContact: 'yes' } }), 400, 'V000400-001');
      const audit = await server.database.db.selectFrom('audit_log').select('counts').where('user_id', '=', tenant.user.id).execute();
      assert.equal(audit.length, 1, 'refused erasures leave no audit entry');
    });

    test("another tenant's prospect or list id answers exactly like a missing one, and changes nothing", async () => {
      const server = shared();
      const alice = await createTenant(server.database);
      const bob = await createTenant(server.database);
      const [imported] = await postImport(server, alice, importBody(alice.listId, [uniqueProfileUrl()]));
      const id = imported.prospect._id as string;
      const calls: [string, { method?: string; body?: unknown }][] = [
        ['/v1/erasures', { body: { prospectId: id } }],
        [`/v1/people/export?prospectId=${id}`, {}],
        [`/v1/prospects/${id}/do-not-contact`, {}],
        [`/v1/prospects/${id}/do-not-contact`, { method: 'PUT', body: { doNotContact: true } }],
        [`/v1/lists/${alice.listId}/do-not-contact`, { method: 'PUT', body: { doNotContact: true } }],
      ];
      for (const [path, init] of calls) {
        const foreign = await server.request(path, { ...init, key: bob.fullKey });
        assertProblem(foreign, 404, 'R000404-001');
        const missing = await server.request(path.replace(id, unknownId()).replace(alice.listId, unknownId()), { ...init, key: bob.fullKey });
        assertProblem(missing, 404, 'R000404-001');
      }
      const [row] = await prospectRows(server.database, alice.user.id);
      assert.equal(Number(row!.do_not_contact), 0);
      const exported = await server.request(`/v1/people/export?prospectId=${id}`, { key: alice.fullKey });
      assert.equal(exported.body.copies.length, 1);
    });

    test('scopes: erasure and do-not-contact need write, access needs read', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const reader = await createApiKey(server.database.db, tenant.user.id, 'reader', ['read']);
      const [imported] = await postImport(server, tenant, importBody(tenant.listId, [uniqueProfileUrl()]));
      const refusedErase = assertProblem(await erase(server, reader.secret, { prospectId: imported.prospect._id }), 403, 'A000403-003');
      assert.equal(refusedErase.scope, 'write');
      assert.equal(assertProblem(await server.request(`/v1/prospects/${imported.prospect._id}/do-not-contact`, { method: 'PUT', key: reader.secret, body: { doNotContact: true } }), 403, 'A000403-003').scope, 'write');
      assert.equal(assertProblem(await server.request(`/v1/people/export?prospectId=${imported.prospect._id}`, { key: tenant.key }), 403, 'A000403-003').scope, 'read');
      assert.equal((await server.request(`/v1/people/export?prospectId=${imported.prospect._id}`, { key: reader.secret })).status, 200);
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 1, 'the refused erasure erased nothing');
    });

    test('do-not-contact: a marked person stays in the CRM and is never enrolled, by the compatible import, /v1 and the app enrolment alike; a marked list too', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const running = tenant.campaigns.running.id;
      const url = uniqueProfileUrl();
      const [imported] = await postImport(server, tenant, importBody(tenant.listId, [url]));
      const marked = await server.request(`/v1/prospects/${imported.prospect._id}/do-not-contact`, { method: 'PUT', key: tenant.fullKey, body: { doNotContact: true } });
      assert.deepEqual(marked.body, { doNotContact: true, prospects: 1 });
      assert.deepEqual((await server.request(`/v1/prospects/${imported.prospect._id}/do-not-contact`, { key: tenant.fullKey })).body, { doNotContact: true, prospects: 1 });

      const compatible = await postImport(server, tenant, importBody(tenant.listId, [url], { campaignId: running, addExistingProspectInCampaign: true }));
      assert.equal(compatible[0].addToCampaignCode, 'prospect_does_not_match_preconditions');
      assert.match(compatible[0].message, /do-not-contact/);
      const v1 = await server.request('/v1/prospects/import', { key: tenant.fullKey, body: { prospectListId: tenant.listId, campaignId: running, addExistingProspectInCampaign: true, prospects: [{ url }] } });
      assert.equal(v1.body.result[0].addToCampaignCode, 'prospect_does_not_match_preconditions');
      const enrol = await server.request(`/v1/campaigns/${running}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [imported.prospect._id] } });
      assert.deepEqual(enrol.body.counts, { prospect_does_not_match_preconditions: 1 });
      assert.match(enrol.body.reasons.join(), /person is marked do-not-contact/);
      const bulk = await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'enrol', ids: [imported.prospect._id], campaignId: running } });
      assert.deepEqual(bulk.body.counts, { prospect_does_not_match_preconditions: 1, not_found: 0 });
      assert.match(bulk.body.reasons.join(), /person is marked do-not-contact/);
      assert.equal((await server.request(`/v1/prospects/${imported.prospect._id}/do-not-contact`, { method: 'PUT', key: tenant.fullKey, body: { doNotContact: false } })).status, 200);
      assert.deepEqual((await server.request(`/v1/campaigns/${running}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [imported.prospect._id] } })).body.counts, { success: 1 });

      // A whole list: new prospects are imported but not enrolled; the mark is listed and cleared.
      const list = tenant.lists[1]!.id;
      assert.deepEqual((await server.request(`/v1/lists/${list}/do-not-contact`, { method: 'PUT', key: tenant.fullKey, body: { doNotContact: true } })).body, { listId: list, doNotContact: true });
      assert.deepEqual((await server.request('/v1/do-not-contact/lists', { key: tenant.fullKey })).body, { listIds: [list] });
      const intoList = await postImport(server, tenant, importBody(list, [uniqueProfileUrl()], { campaignId: running }));
      assert.equal(intoList[0].importCode, 'success');
      assert.equal(intoList[0].addToCampaignCode, 'prospect_does_not_match_preconditions');
      assert.match(intoList[0].message, /list is marked do-not-contact/);
      const enrolFromList = await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'enrol', ids: [intoList[0].prospect._id], campaignId: running } });
      assert.deepEqual(enrolFromList.body, {
        action: 'enrol',
        selected: 1,
        counts: { prospect_does_not_match_preconditions: 1, not_found: 0 },
        reasons: [doNotContactRefusal({ prospect: false, list: true })],
      });
      const enrolments = await server.database.db.selectFrom('enrolments').select('prospect_id').where('user_id', '=', tenant.user.id).execute();
      assert.deepEqual(enrolments.map((e) => e.prospect_id), [imported.prospect._id]);
    });

    test('access: one call returns everything stored about the person, every copy with its list, variables, enrolments, moves, tags, notes and imports', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = uniqueProfileUrl();
      const body = (listId: string, extra = {}) =>
        importBody(listId, [{ url, customProfile: { firstName: 'Ada', email: 'ada@example.test' }, customVariables: [{ label: 'met', value: 'fair' }] }], extra);
      const [original] = await postImport(server, tenant, body(tenant.listId, { campaignId: tenant.campaigns.running.id }));
      const [copy] = await postImport(server, tenant, body(tenant.lists[1]!.id, { canCreateDuplicates: true }));
      await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'move', ids: [copy.prospect._id], listId: tenant.lists[2]!.id } });
      await server.request(`/v1/prospects/${original.prospect._id}/tags`, { method: 'PUT', key: tenant.fullKey, body: { tags: ['VIP', 'Fair'] } });
      await server.request(`/v1/prospects/${original.prospect._id}/notes`, { key: tenant.fullKey, body: { body: 'Met Ada at the fair.' } });
      const exported = await server.request(`/v1/people/export?url=${encodeURIComponent(url.toUpperCase())}`, { key: tenant.fullKey });
      assert.equal(exported.status, 200, exported.text);
      const { identity, copies } = exported.body;
      assert.equal(identity.kind, 'publicIdentifier');
      assert.deepEqual(copies.map((c: { id: string }) => c.id), [original.prospect._id, copy.prospect._id]);
      const [first, second] = copies;
      assert.deepEqual(first.profile, { firstName: 'Ada', email: 'ada@example.test' });
      assert.deepEqual(first.customVariables, [{ label: 'met', value: 'fair' }]);
      assert.equal(first.listName, 'List 1');
      assert.deepEqual(first.enrolments.map((e: { campaignName: string; active: boolean }) => [e.campaignName, e.active]), [['Running', true]]);
      assert.deepEqual(first.imports.map((i: { importCode: string }) => i.importCode), ['success']);
      assert.deepEqual(first.tags, ['Fair', 'VIP']);
      assert.deepEqual(first.notes.map((n: { body: string; authorName: string }) => [n.body, n.authorName]), [['Met Ada at the fair.', 'every scope']]);
      assert.deepEqual([second.tags, second.notes], [[], []]);
      assert.equal(second.duplicateOf, original.prospect._id);
      assert.deepEqual(second.moves.map((m: { fromListId: string; toListId: string }) => [m.fromListId, m.toListId]), [[tenant.lists[1]!.id, tenant.lists[2]!.id]]);
      const byId = await server.request(`/v1/people/export?prospectId=${copy.prospect._id}`, { key: tenant.fullKey });
      assert.deepEqual(byId.body, exported.body, 'any copy names the same person');
    });
  });
}
