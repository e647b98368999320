import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newId } from '../../src/ids.js';
import { createApiKey } from '../../src/store/api-keys.js';
import { listEventsAfter } from '../../src/store/events.js';
import { signIn, setPassword } from '../support/app-session.js';
import { assertProblem } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// Tags and notes on prospects (docs/v1.md#tags-and-notes): a prospect's tags (add, remove, replace),
// the user's tags with counts, the tag filter, bulk tag and untag, tags through the /v1 import, notes
// with their author; names normalised, every refusal a problem naming its field, another tenant's
// prospect or note answering exactly like a missing one.

async function importPeople(server: TestServer, tenant: Tenant, count: number, listId = tenant.listId): Promise<string[]> {
  const body = importBody(listId, Array.from({ length: count }, (_, i) => ({ url: uniqueProfileUrl(), customProfile: { firstName: `P${i}` } })));
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.result.map((r: { prospect: { _id: string } }) => r.prospect._id);
}

/** A problem body without what differs between two requests, with `ids` replaced. */
function comparable(body: Record<string, unknown>, ids: string[]) {
  const { requestId: _requestId, instance: _instance, ...rest } = body;
  let text = JSON.stringify(rest);
  for (const id of ids) text = text.replaceAll(id, '<id>');
  return JSON.parse(text);
}

async function updatedEventsFor(server: TestServer, tenant: Tenant, prospectId: string): Promise<number> {
  const events = await listEventsAfter(server.database.db, tenant.user.id, 0, 10_000, ['prospect.updated']);
  return events.filter((e) => (JSON.parse(e.data) as { prospectId: string }).prospectId === prospectId).length;
}

for (const engine of ENGINES) {
  describe(`/v1 tags and notes (${engine})`, () => {
    const shared = sharedServer(engine);

    test("a prospect's tags: replace, add and remove, names trimmed and case-insensitive, shown on the item and the detail, each change a prospect.updated", async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [id] = await importPeople(server, tenant, 1);
      const path = `/v1/prospects/${id}/tags`;
      const key = tenant.fullKey;
      assert.deepEqual((await server.request(path, { key })).body, { tags: [] });
      const before = (await server.request(`/v1/prospects/${id}`, { key })).body.updatedAt;

      const replaced = await server.request(path, { method: 'PUT', key, body: { tags: ['  VIP ', 'vip', 'Cafe\u0301 2026', 'event'] } });
      assert.equal(replaced.status, 200, replaced.text);
      assert.deepEqual(replaced.body.tags, ['Café 2026', 'event', 'VIP'], 'trimmed, NFC, one tag per name whatever its case, in name order');
      assert.equal(await updatedEventsFor(server, tenant, id!), 1);

      const added = await server.request(path, { method: 'PATCH', key, body: { add: ['EVENT', 'Cold'], remove: ['café 2026', 'never-there'] } });
      assert.deepEqual(added.body.tags, ['Cold', 'event', 'VIP'], 'an existing tag keeps its spelling; removing an unknown name changes nothing');
      assert.equal(await updatedEventsFor(server, tenant, id!), 2);

      const same = await server.request(path, { method: 'PATCH', key, body: { add: ['vip'] } });
      assert.deepEqual(same.body.tags, ['Cold', 'event', 'VIP']);
      assert.equal(await updatedEventsFor(server, tenant, id!), 2, 'no change, no event');

      const detail = await server.request(`/v1/prospects/${id}`, { key });
      assert.deepEqual(detail.body.tags, ['Cold', 'event', 'VIP']);
      assert.ok(detail.body.updatedAt > before, 'a tag change is a change of the prospect');
      const item = (await server.request('/v1/prospects', { key })).body.data[0];
      assert.deepEqual(item.tags, ['Cold', 'event', 'VIP']);
      assert.deepEqual((await server.request(path, { key })).body.tags, ['Cold', 'event', 'VIP']);

      const cleared = await server.request(path, { method: 'PUT', key, body: { tags: [] } });
      assert.deepEqual(cleared.body.tags, []);
      // An unused tag takes the spelling it is given next.
      assert.deepEqual((await server.request(path, { method: 'PUT', key, body: { tags: ['Vip'] } })).body.tags, ['Vip']);
    });

    test('bad tag names are a 400 naming each one; a foreign or missing prospect is a 404 alike, and nothing changes', async () => {
      const server = shared();
      const alice = await createTenant(server.database);
      const bob = await createTenant(server.database);
      const [mine] = await importPeople(server, alice, 1);
      const [theirs] = await importPeople(server, bob, 1);
      await server.request(`/v1/prospects/${theirs}/tags`, { method: 'PUT', key: bob.fullKey, body: { tags: ['Bob'] } });

      const bad = await server.request(`/v1/prospects/${mine}/tags`, { method: 'PUT', key: alice.fullKey, body: { tags: ['ok', '   ', 'abc\u202Eevil', 'x'.repeat(51)] } });
      const problem = assertProblem(bad, 400, 'V000400-001');
      assert.deepEqual(problem.errors.map((e: { path: string }) => e.path), ['/tags/1', '/tags/2', '/tags/3']);
      assert.match(problem.errors[1].message, /U\+202E/);
      const badAdd = await server.request(`/v1/prospects/${mine}/tags`, { method: 'PATCH', key: alice.fullKey, body: { add: ['fine'], remove: ['\u200B'] } });
      assert.deepEqual(assertProblem(badAdd, 400, 'V000400-001').errors.map((e: { path: string }) => e.path), ['/remove/0']);
      assertProblem(await server.request(`/v1/prospects/${mine}/tags`, { method: 'PATCH', key: alice.fullKey, body: { add: ['a'], other: 1 } }), 400, 'V000400-001');
      assert.deepEqual((await server.request(`/v1/prospects/${mine}/tags`, { key: alice.fullKey })).body.tags, [], 'a refused change stores nothing');

      const missing = newId();
      for (const [method, body] of [['GET', undefined], ['PUT', { tags: ['x'] }], ['PATCH', { add: ['x'] }]] as const) {
        const foreign = await server.request(`/v1/prospects/${theirs}/tags`, { method, key: alice.fullKey, body });
        const absent = await server.request(`/v1/prospects/${missing}/tags`, { method, key: alice.fullKey, body });
        assertProblem(foreign, 404, 'R000404-001');
        assert.deepEqual(comparable(foreign.body, [theirs!]), comparable(absent.body, [missing]), method);
      }
      assert.deepEqual((await server.request(`/v1/prospects/${theirs}/tags`, { key: bob.fullKey })).body.tags, ['Bob'], "Bob's tags are untouched");
      const aliceTags = await server.request('/v1/tags', { key: alice.fullKey });
      assert.deepEqual(aliceTags.body.data, [], "another user's tags are not listed");
    });

    test('GET /v1/tags: tags in use, by name, exact counts, keyset pages; deleting a prospect drops its tags from the counts', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const key = tenant.fullKey;
      const ids = await importPeople(server, tenant, 4);
      const bulk = (body: unknown) => server.request('/v1/prospects/bulk', { key, body });
      assert.deepEqual((await bulk({ action: 'tag', ids, tags: ['beta'] })).body.counts, { tagged: 4, unchanged: 0, not_found: 0 });
      assert.deepEqual((await bulk({ action: 'tag', ids: ids.slice(0, 2), tags: ['Alpha', 'gamma'] })).body.counts, { tagged: 2, unchanged: 0, not_found: 0 });
      const page1 = await server.request('/v1/tags?limit=2', { key });
      assert.equal(page1.status, 200, page1.text);
      assert.deepEqual(page1.body.data.map((t: { name: string; prospects: number }) => [t.name, t.prospects]), [['Alpha', 2], ['beta', 4]]);
      const page2 = await server.request(`/v1/tags?limit=2&cursor=${page1.body.nextCursor}`, { key });
      assert.deepEqual(page2.body.data.map((t: { name: string; prospects: number }) => [t.name, t.prospects]), [['gamma', 2]]);
      assert.equal(page2.body.nextCursor, null);
      assertProblem(await server.request('/v1/tags?cursor=nonsense', { key }), 400, 'V000400-001');

      assert.equal((await server.request(`/v1/prospects/${ids[0]}`, { method: 'DELETE', key })).status, 204);
      const after = await server.request('/v1/tags', { key });
      assert.deepEqual(after.body.data.map((t: { name: string; prospects: number }) => [t.name, t.prospects]), [['Alpha', 1], ['beta', 3], ['gamma', 1]]);
      assert.deepEqual((await bulk({ action: 'untag', ids, tags: ['GAMMA'] })).body.counts, { untagged: 1, unchanged: 2, not_found: 1 });
      assert.deepEqual((await server.request('/v1/tags', { key })).body.data.map((t: { name: string }) => t.name), ['Alpha', 'beta'], 'a tag nobody carries is not listed');
    });

    test('the tag filter (case ignored) on the list and in bulk actions; bulk tag and untag by filter with exact counts, events and shape errors', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const other = await createTenant(server.database);
      const key = tenant.fullKey;
      const inFirst = await importPeople(server, tenant, 3);
      const inSecond = await importPeople(server, tenant, 2, tenant.lists[1]!.id);
      const [foreign] = await importPeople(server, other, 1);
      const bulk = (body: unknown) => server.request('/v1/prospects/bulk', { key, body });
      const byList = await bulk({ action: 'tag', filter: { listId: tenant.listId }, tags: ['Fair'] });
      assert.equal(byList.status, 200, byList.text);
      assert.deepEqual(byList.body, { action: 'tag', selected: 3, counts: { tagged: 3, unchanged: 0, not_found: 0 } });
      const byIds = await bulk({ action: 'tag', ids: [inFirst[0], inSecond[0], foreign, newId()], tags: ['fair'] });
      assert.deepEqual(byIds.body.counts, { tagged: 1, unchanged: 1, not_found: 2 }, "another user's prospect is not found");
      for (const id of [...inFirst, inSecond[0]!]) assert.ok((await updatedEventsFor(server, tenant, id)) === 1, 'one prospect.updated each');

      const listed = await server.request('/v1/prospects?tag=FAIR', { key });
      assert.deepEqual(listed.body.data.map((p: { id: string }) => p.id).sort(), [...inFirst, inSecond[0]!].sort());
      const combined = await server.request(`/v1/prospects?tag=fair&listId=${tenant.lists[1]!.id}`, { key });
      assert.deepEqual(combined.body.data.map((p: { id: string }) => p.id), [inSecond[0]]);
      assert.deepEqual((await server.request('/v1/prospects?tag=nobody', { key })).body.data, []);
      assert.deepEqual((await server.request('/v1/prospects?tag=fair', { key: other.fullKey })).body.data, [], "another user's tag selects nothing");
      assert.deepEqual((await server.request(`/v1/prospects/${foreign}/tags`, { key: other.fullKey })).body.tags, []);

      const untag = await bulk({ action: 'untag', filter: { tag: 'Fair', listId: tenant.listId }, tags: ['fair'] });
      assert.deepEqual(untag.body, { action: 'untag', selected: 3, counts: { untagged: 3, unchanged: 0, not_found: 0 } });
      const deleted = await bulk({ action: 'delete', filter: { tag: 'fair' } });
      assert.deepEqual(deleted.body.counts, { deleted: 1, not_found: 0 }, 'delete by tag');

      const shape = async (body: unknown, path: string) => {
        const problem = assertProblem(await bulk(body), 400, 'V000400-001');
        assert.ok(problem.errors.some((e: { path: string }) => e.path === path), `${path}: ${JSON.stringify(problem.errors)}`);
      };
      await shape({ action: 'tag', ids: inFirst }, '/tags');
      await shape({ action: 'untag', ids: inFirst }, '/tags');
      await shape({ action: 'move', ids: inFirst, listId: tenant.listId, tags: ['x'] }, '/tags');
      await shape({ action: 'tag', ids: inFirst, tags: ['ok', '\u202E'] }, '/tags/1');
      await shape({ action: 'tag', ids: inFirst, tags: [] }, '/tags');
    });

    test('tags through the /v1 import: every prospect it stores, finds or moves gets them; a bad name refuses the import before anything is stored', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const key = tenant.fullKey;
      const [existing] = await importPeople(server, tenant, 1);
      const existingUrl = (await server.request(`/v1/prospects/${existing}`, { key })).body.linkedinUrl;
      const fresh = uniqueProfileUrl();
      const answer = await server.request('/v1/prospects/import', { key, body: { prospectListId: tenant.listId, prospects: [{ url: fresh }, { url: existingUrl }], tags: ['Fair 2026', ' fair 2026 '] } });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.result.map((r: { importCode: string }) => r.importCode), ['success', 'duplicated_prospect']);
      assert.deepEqual(answer.body.warnings ?? [], [], 'tags is a field of the /v1 import, not an unknown one');
      const ids = answer.body.result.map((r: { prospect: { _id: string } }) => r.prospect._id);
      for (const id of ids) assert.deepEqual((await server.request(`/v1/prospects/${id}/tags`, { key })).body.tags, ['Fair 2026'], id);
      assert.equal(await updatedEventsFor(server, tenant, existing!), 1, 'the found prospect changed: prospect.updated');
      assert.equal(await updatedEventsFor(server, tenant, ids[0]), 0, 'the new one is prospect.created only');

      const refused = await server.request('/v1/prospects/import', { key, body: { prospectListId: tenant.listId, prospects: [{ url: uniqueProfileUrl() }], tags: ['ok', ''] } });
      assert.deepEqual(assertProblem(refused, 400, 'V000400-001').errors.map((e: { path: string }) => e.path), ['/tags/1']);
      assert.equal((await server.request('/v1/prospects', { key })).body.data.length, 2, 'nothing stored');
      const dry = await server.request('/v1/prospects/import?dryRun=true', { key, body: { prospectListId: tenant.listId, prospects: [{ url: existingUrl }], tags: ['Dry'] } });
      assert.equal(dry.status, 200);
      assert.deepEqual((await server.request(`/v1/prospects/${existing}/tags`, { key })).body.tags, ['Fair 2026'], 'a dry run tags nothing');
    });

    test('notes: write, page newest first, edit, delete; the author is the key or the person signed in; errors name the field', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const key = tenant.fullKey;
      const [id] = await importPeople(server, tenant, 1);
      const path = `/v1/prospects/${id}/notes`;
      const first = await server.request(path, { key, body: { body: '  Met at the fair.\r\nCall in January.  ' } });
      assert.equal(first.status, 201, first.text);
      assert.equal(first.body.body, 'Met at the fair.\nCall in January.');
      assert.deepEqual(first.body.author, { kind: 'key', name: 'every scope' });
      assert.equal(first.body.prospectId, id);
      assert.equal(first.body.createdAt, first.body.updatedAt);

      await setPassword(server.database, tenant.user.id);
      const session = await signIn(server, tenant.user.email);
      const second = await session.request(path, { body: { body: 'Second 👩‍💻 note' } });
      assert.equal(second.status, 201, second.text);
      assert.equal(second.body.author.kind, 'person');
      assert.equal(second.body.body, 'Second 👩‍💻 note', 'zero-width joiners of an emoji stay');
      const third = await server.request(path, { key, body: { body: 'Third' } });

      const page1 = await server.request(`${path}?limit=2`, { key });
      assert.equal(page1.status, 200, page1.text);
      assert.deepEqual(page1.body.data.map((n: { id: string }) => n.id), [third.body.id, second.body.id], 'newest first');
      const page2 = await server.request(`${path}?limit=2&cursor=${page1.body.nextCursor}`, { key });
      assert.deepEqual(page2.body.data.map((n: { id: string }) => n.id), [first.body.id]);
      assert.equal(page2.body.nextCursor, null);

      const edited = await server.request(`${path}/${first.body.id}`, { method: 'PATCH', key, body: { body: 'Met at the fair; called.' } });
      assert.equal(edited.status, 200, edited.text);
      assert.equal(edited.body.body, 'Met at the fair; called.');
      assert.equal(edited.body.createdAt, first.body.createdAt);
      assert.ok(edited.body.updatedAt >= first.body.updatedAt);
      assert.equal((await server.request(`${path}/${second.body.id}`, { method: 'DELETE', key })).status, 204);
      assert.deepEqual((await server.request(path, { key })).body.data.map((n: { id: string }) => n.id), [third.body.id, first.body.id]);
      assertProblem(await server.request(`${path}/${second.body.id}`, { method: 'DELETE', key }), 404, 'R000404-001');

      for (const [body, reason] of [['   ', /empty/], ['a\u202Eb', /U\+202E/], ['bell\u0007', /U\+0007/], ['x'.repeat(5001), /5000/]] as const) {
        const problem = assertProblem(await server.request(path, { key, body: { body } }), 400, 'V000400-001');
        assert.deepEqual(problem.errors.map((e: { path: string }) => e.path), ['/body']);
        assert.match(problem.errors[0].message, reason);
      }
      assertProblem(await server.request(path, { key, body: { body: 'x', author: 'me' } }), 400, 'V000400-001');
      assertProblem(await server.request(`${path}/${first.body.id}`, { method: 'PATCH', key, body: { body: '' } }), 400, 'V000400-001');
      const readOnly = await createApiKey(server.database.db, tenant.user.id, 'reader', ['read']);
      const refused = await server.request(path, { key: readOnly.secret, body: { body: 'x' } });
      assert.deepEqual([refused.status, refused.body.code, refused.body.scope], [403, 'A000403-003', 'write']);
      assert.equal((await server.request(path, { key: readOnly.secret })).status, 200, 'reading needs read');
      assert.equal(await updatedEventsFor(server, tenant, id!), 0, 'a note is not a change of the prospect');
    });

    test("another tenant's prospect or note answers exactly like a missing one, and stays as it was; deleting a prospect deletes its notes", async () => {
      const server = shared();
      const alice = await createTenant(server.database);
      const bob = await createTenant(server.database);
      const [mine] = await importPeople(server, alice, 1);
      const [theirs, theirOther] = await importPeople(server, bob, 2);
      const theirNote = (await server.request(`/v1/prospects/${theirs}/notes`, { key: bob.fullKey, body: { body: "Bob's note" } })).body;
      const myNote = (await server.request(`/v1/prospects/${mine}/notes`, { key: alice.fullKey, body: { body: 'Mine' } })).body;
      const missing = newId();
      const pairs: [string, string, string, unknown][] = [
        ['GET', `/v1/prospects/${theirs}/notes`, `/v1/prospects/${missing}/notes`, undefined],
        ['POST', `/v1/prospects/${theirs}/notes`, `/v1/prospects/${missing}/notes`, { body: 'x' }],
        ['PATCH', `/v1/prospects/${theirs}/notes/${theirNote.id}`, `/v1/prospects/${missing}/notes/${theirNote.id}`, { body: 'x' }],
        ['DELETE', `/v1/prospects/${theirs}/notes/${theirNote.id}`, `/v1/prospects/${missing}/notes/${theirNote.id}`, undefined],
        ['PATCH', `/v1/prospects/${mine}/notes/${theirNote.id}`, `/v1/prospects/${mine}/notes/${missing}`, { body: 'x' }],
        ['DELETE', `/v1/prospects/${mine}/notes/${theirNote.id}`, `/v1/prospects/${mine}/notes/${missing}`, undefined],
      ];
      for (const [method, foreignPath, missingPath, body] of pairs) {
        const foreign = await server.request(foreignPath, { method, key: alice.fullKey, body });
        const absent = await server.request(missingPath, { method, key: alice.fullKey, body });
        assertProblem(foreign, 404, 'R000404-001');
        assert.deepEqual(comparable(foreign.body, [theirs!, theirNote.id]), comparable(absent.body, [missing]), `${method} ${foreignPath}`);
      }
      // A note named under another prospect of the same user is not found either.
      assertProblem(await server.request(`/v1/prospects/${theirOther}/notes/${theirNote.id}`, { method: 'DELETE', key: bob.fullKey }), 404, 'R000404-001');
      const bobs = await server.request(`/v1/prospects/${theirs}/notes`, { key: bob.fullKey });
      assert.deepEqual(bobs.body.data.map((n: { body: string }) => n.body), ["Bob's note"]);

      assert.equal((await server.request(`/v1/prospects/${mine}`, { method: 'DELETE', key: alice.fullKey })).status, 204);
      const left = await server.database.db.selectFrom('prospect_notes').select('id').where('id', '=', myNote.id).execute();
      assert.deepEqual(left, [], 'the note went with its prospect');
    });
  });
}
