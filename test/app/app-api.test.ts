import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLIENT_ROUTES } from '../../app/src/client-routes.js';
import { newId } from '../../src/ids.js';
import type { CatalogRoute } from '../../src/http/plugins/route-catalog.js';
import { signIn, setPassword, TEST_PASSWORD, type AppSession } from '../support/app-session.js';
import { prospectRows } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { assertCountsExact } from '../support/invariants.js';
import { sharedServer, startServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';
import { exampleCall } from '../security/route-examples.js';

/** Every route of the app's family (session + CSRF), from the route catalog. */
function sessionRoutes(server: TestServer): CatalogRoute[] {
  return server.app.routeCatalog.filter((route) => route.guard === 'sessionOrKey');
}

/** A request with every id of `ids` replaced by a placeholder. */
function comparable(call: { path: string; body?: unknown }, ids: Record<string, string>): { path: string; body?: unknown } {
  let text = JSON.stringify(call);
  for (const id of Object.values(ids)) text = text.replaceAll(id, '<id>');
  return JSON.parse(text) as { path: string; body?: unknown };
}

async function signedInTenant(server: TestServer): Promise<{ tenant: Tenant; session: AppSession }> {
  const tenant = await createTenant(server.database);
  await setPassword(server.database, tenant.user.id);
  return { tenant, session: await signIn(server, tenant.user.email) };
}

async function importUrls(server: TestServer, tenant: Tenant, urls: string[], extra: Record<string, unknown> = {}, listId = tenant.listId) {
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(listId, urls, extra) });
  assert.equal(answer.status, 200, answer.text);
  return answer.body;
}

for (const engine of ENGINES) {
  describe(`app API: sessions and CSRF (${engine})`, () => {
    test('every /v1/ route needs a session: 401 A000401-003 without one', async (t) => {
      const server = await startServer(t, engine);
      const nowhere = { list: newId(), prospect: newId(), campaign: newId(), key: newId(), activity: newId() };
      const routes = sessionRoutes(server);
      assert.ok(routes.length >= 20, 'the catalog knows the app routes');
      for (const route of routes) {
        const { method, path, body } = exampleCall(route, nowhere);
        for (const cookie of [undefined, 'ph_session=forged-token']) {
          const answer = await server.request(path, { method, headers: cookie ? { cookie } : {}, body });
          assert.equal(answer.status, 401, `${method} ${path}`);
          if (method !== 'HEAD') assert.equal(answer.body.code, 'A000401-003', `${method} ${path}`);
        }
      }
    });

    test('an API key reads /v1 with the read scope, is refused without it, and has no session', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const refused = await server.request('/v1/lists', { key: tenant.key });
      assert.equal(refused.status, 403);
      assert.deepEqual([refused.body.code, refused.body.scope], ['A000403-003', 'read']);
      const lists = await server.request('/v1/lists', { key: tenant.fullKey });
      assert.equal(lists.status, 200);
      assert.deepEqual((lists.body.data as { id: string }[]).map((l) => l.id), tenant.lists.map((l) => l.id));
      const session = await server.request('/v1/session', { key: tenant.fullKey });
      assert.equal(session.status, 401);
      assert.equal(session.body.code, 'A000401-003');
    });

    test('sign-in: wrong password and unknown email answer alike; the cookie is HttpOnly, SameSite=Lax, not Secure over plain HTTP', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      await setPassword(server.database, tenant.user.id);
      const wrong = await server.request('/v1/session', { body: { email: tenant.user.email, password: 'not the password' } });
      const unknown = await server.request('/v1/session', { body: { email: 'nobody@example.test', password: TEST_PASSWORD } });
      for (const answer of [wrong, unknown]) {
        assert.equal(answer.status, 401);
        assert.equal(answer.body.code, 'A000401-004');
        assert.equal(answer.headers.get('set-cookie'), null);
      }
      const ok = await server.request('/v1/session', { body: { email: tenant.user.email.toUpperCase(), password: TEST_PASSWORD } });
      assert.equal(ok.status, 200);
      const cookie = ok.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^ph_session=[A-Za-z0-9_-]{43};/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.doesNotMatch(cookie, /Secure/);
      // Only the SHA-256 of the token is stored.
      const token = cookie.split(';')[0]!.split('=')[1]!;
      const rows = await server.database.db.selectFrom('sessions').selectAll().where('user_id', '=', tenant.user.id).execute();
      assert.equal(rows.length, 1);
      assert.notEqual(rows[0]!.id, token);
      assert.match(rows[0]!.id, /^[0-9a-f]{64}$/);
    });

    test('repeated wrong passwords are throttled with 429 L000429-001', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      await setPassword(server.database, tenant.user.id);
      for (let i = 0; i < 10; i++) {
        const wrong = await server.request('/v1/session', { body: { email: tenant.user.email, password: `guess ${i}` } });
        assert.equal(wrong.status, 401);
      }
      const blocked = await server.request('/v1/session', { body: { email: tenant.user.email, password: TEST_PASSWORD } });
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.code, 'L000429-001');
      assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    });

    test('a user without a password cannot sign in', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const answer = await server.request('/v1/session', { body: { email: tenant.user.email, password: 'anything at all' } });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.code, 'A000401-004');
    });

    test("the session answer carries the server's MAX_BATCH, the app's CSV chunk size", async (t) => {
      const server = await startServer(t, engine, { MAX_BATCH: '7' });
      const { tenant, session } = await signedInTenant(server);
      const signedIn = await server.request('/v1/session', { body: { email: tenant.user.email, password: TEST_PASSWORD } });
      assert.equal(signedIn.body.maxBatch, 7);
      const current = await session.request('/v1/session');
      assert.equal(current.status, 200);
      assert.equal(current.body.maxBatch, 7);
    });

    test('sign-in takes JSON only (a cross-site form cannot post it)', async (t) => {
      const server = await startServer(t, engine);
      const answer = await server.request('/v1/session', { rawBody: 'email=a%40b.c&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(answer.status, 415);
    });

    test('behind a trusted TLS proxy the cookie is Secure', async (t) => {
      const server = await startServer(t, engine, { TRUST_PROXY: 'true' });
      const tenant = await createTenant(server.database);
      await setPassword(server.database, tenant.user.id);
      const answer = await server.request('/v1/session', { body: { email: tenant.user.email, password: TEST_PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('set-cookie') ?? '', /Secure/);
    });

    test('x-forwarded-proto is ignored without TRUST_PROXY', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      await setPassword(server.database, tenant.user.id);
      const answer = await server.request('/v1/session', { body: { email: tenant.user.email, password: TEST_PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
      assert.doesNotMatch(answer.headers.get('set-cookie') ?? '', /Secure/);
    });

    test('CSRF: every change without the right x-csrf-token is refused (403 A000403-002) and changes nothing', async (t) => {
      const server = await startServer(t, engine);
      const { tenant, session } = await signedInTenant(server);
      const other = await signedInTenant(server);
      const own = { list: tenant.listId, prospect: newId(), campaign: tenant.campaigns.running.id, key: tenant.keyId, activity: newId() };
      const changes = sessionRoutes(server)
        .filter((route) => !['GET', 'HEAD'].includes(route.method))
        .map((route) => exampleCall(route, own));
      assert.ok(changes.some((c) => c.method === 'DELETE' && c.path === '/v1/session'), 'sign-out is a change too');
      for (const { method, path, body } of changes) {
        for (const headers of [{}, { 'x-csrf-token': 'wrong' }, { 'x-csrf-token': other.session.csrfToken }] as Record<string, string>[]) {
          const answer = await session.request(path, { method, body, csrf: false, headers });
          assert.equal(answer.status, 403, `${method} ${path} ${JSON.stringify(headers)}`);
          assert.equal(answer.body.code, 'A000403-002');
        }
      }
      const lists = await session.request('/v1/lists');
      assert.equal(lists.body.data.length, 3);
      assert.ok(lists.body.data.every((l: { name: string }) => l.name !== 'renamed'));
      const keys = await session.request('/v1/keys');
      assert.equal(keys.body.length, 2, "the tenant's two keys, no third");
      assert.ok(keys.body.every((k: { revokedAt: string | null }) => k.revokedAt === null));
      assert.equal((await session.request('/v1/session')).status, 200, 'still signed in');
    });

    test('sign-out ends the session for good', async (t) => {
      const server = await startServer(t, engine);
      const { session } = await signedInTenant(server);
      const out = await session.request('/v1/session', { method: 'DELETE' });
      assert.equal(out.status, 204);
      assert.match(out.headers.get('set-cookie') ?? '', /ph_session=;/);
      const after = await session.request('/v1/lists');
      assert.equal(after.status, 401);
    });
  });

  describe(`app API: tenant isolation (${engine})`, () => {
    test("another user's list, prospect, campaign, key and import answer exactly like missing ones", async (t) => {
      const server = await startServer(t, engine);
      const mine = await signedInTenant(server);
      const theirs = await createTenant(server.database);
      const imported = await importUrls(server, theirs, [uniqueProfileUrl()]);
      const theirProspect = imported.result[0].prospect._id as string;
      const theirEvent = imported.activityId as string;
      const ids = {
        list: theirs.listId,
        prospect: theirProspect,
        campaign: theirs.campaigns.running.id,
        key: theirs.keyId,
        activity: theirEvent,
      };
      const missing = { list: newId(), prospect: newId(), campaign: newId(), key: newId(), activity: newId() };
      // Every app route that names an id, in its path or its body, called with theirs and with missing ones.
      const probes = sessionRoutes(server)
        .filter((route) => route.method !== 'HEAD' && route.url !== '/v1/session')
        .map((route) => ({ route, foreign: exampleCall(route, ids), absent: exampleCall(route, missing) }))
        .filter(({ foreign }) => JSON.stringify(comparable(foreign, ids)) !== JSON.stringify(foreign));
      assert.ok(probes.length >= 11, `${probes.length} routes name an id`);
      for (const { route, foreign, absent } of probes) {
        const name = `${route.method} ${route.url}`;
        const a = await mine.session.request(foreign.path, { method: foreign.method, body: foreign.body });
        const b = await mine.session.request(absent.path, { method: absent.method, body: absent.body });
        assert.equal(b.status, a.status, name);
        assert.equal(b.body?.code, a.body?.code, name);
        assert.equal(b.body?.title, a.body?.title, name);
        if (route.url.includes(':id')) {
          assert.equal(a.status, 404, `${name}: ${a.text}`);
          assert.equal(a.body.code, 'R000404-001', name);
        }
      }
      // Bulk actions silently skip foreign prospects: nothing of theirs changed.
      const del = await mine.session.request('/v1/prospects/bulk', { body: { action: 'delete', ids: [theirProspect] } });
      assert.deepEqual(del.body, { action: 'delete', selected: 1, counts: { deleted: 0, not_found: 1 } });
      const key = await server.request('/integrations/test', { key: theirs.key });
      assert.equal(key.status, 200, 'their key still works');
      const stillThere = await server.database.db.selectFrom('prospects').select('id').where('id', '=', theirProspect).executeTakeFirst();
      assert.ok(stillThere);
      const list = await server.database.db.selectFrom('prospect_lists').select('name').where('id', '=', theirs.listId).executeTakeFirstOrThrow();
      assert.equal(list.name, 'List 1');
      // Feeds and lists show only one's own.
      const activity = await mine.session.request('/v1/activity');
      assert.deepEqual(activity.body.data, []);
      const keys = await mine.session.request('/v1/keys');
      assert.deepEqual(keys.body.map((k: { id: string }) => k.id).filter((id: string) => id === mine.tenant.keyId), [mine.tenant.keyId]);
      assert.equal(keys.body.length, 2, 'the two keys of this tenant, none of the other');
    });
  });

  describe(`app API: lists, prospects, campaigns (${engine})`, () => {
    const blockServer = sharedServer(engine);

    test('create, rename, recolour a list', async () => {
      const server = blockServer();
      const { session } = await signedInTenant(server);
      const created = await session.request('/v1/lists', { body: { name: 'Founders', iconColor: '#112233' } });
      assert.equal(created.status, 201);
      assert.equal(created.body.iconLabel, 'F');
      const renamed = await session.request(`/v1/lists/${created.body.id}`, { method: 'PATCH', body: { name: 'Founders Paris', iconColor: '#445566' } });
      assert.equal(renamed.body.name, 'Founders Paris');
      assert.equal(renamed.body.iconColor, '#445566');
      const bad = await session.request(`/v1/lists/${created.body.id}`, { method: 'PATCH', body: { iconColor: 'red' } });
      assert.equal(bad.status, 400);
    });

    test('deleting a list deletes its prospects, keeps every count exact and promotes a copy of a deleted original', async () => {
      const server = blockServer();
      const { tenant, session } = await signedInTenant(server);
      const [a, b, c] = tenant.lists.map((l) => l.id) as [string, string, string];
      const shared = uniqueProfileUrl();
      await importUrls(server, tenant, [shared, uniqueProfileUrl(), uniqueProfileUrl()], { campaignId: tenant.campaigns.running.id }, a);
      await importUrls(server, tenant, [shared, uniqueProfileUrl()], { canCreateDuplicates: true }, b);
      await importUrls(server, tenant, [shared], { canCreateDuplicates: true }, c);
      await assertCountsExact(server, tenant);
      const deleted = await session.request(`/v1/lists/${a}`, { method: 'DELETE' });
      assert.equal(deleted.status, 200);
      assert.deepEqual(deleted.body, { deletedProspects: 3, promotedCopies: 1 });
      await assertCountsExact(server, tenant);
      const copies = await server.database.db.selectFrom('prospects').select(['id', 'list_id', 'duplicate_of']).where('user_id', '=', tenant.user.id).where('linkedin_url', 'like', `%${shared.split('/in/')[1]}%`).orderBy('id').execute();
      assert.equal(copies.length, 2);
      assert.equal(copies[0]!.duplicate_of, null, 'the oldest copy became the original');
      assert.equal(copies[1]!.duplicate_of, copies[0]!.id, 'the other copy points at it');
      // The profile is still deduplicated: importing it again answers duplicated_prospect.
      const again = await importUrls(server, tenant, [shared], {}, c);
      assert.equal(again.result[0].importCode, 'duplicated_prospect');
      const enrolments = await server.database.db.selectFrom('enrolments').select('id').where('user_id', '=', tenant.user.id).execute();
      assert.equal(enrolments.length, 0, 'their enrolments went with them');
      assert.deepEqual((await session.request(`/v1/prospects?listId=${a}`)).body.data, []);
    });

    test('move and delete keep totalProspects and the CRM count exact', async () => {
      const server = blockServer();
      const { tenant, session } = await signedInTenant(server);
      const [a, b] = tenant.lists.map((l) => l.id) as [string, string];
      const answer = await importUrls(server, tenant, Array.from({ length: 6 }, () => uniqueProfileUrl()), {}, a);
      const ids = answer.result.map((r: { prospect: { _id: string } }) => r.prospect._id) as string[];
      const moved = await session.request('/v1/prospects/bulk', { body: { action: 'move', ids: ids.slice(0, 4), listId: b } });
      assert.deepEqual(moved.body.counts, { moved: 4, skipped: 0, not_found: 0 });
      const again = await session.request('/v1/prospects/bulk', { body: { action: 'move', ids: ids.slice(0, 4), listId: b } });
      assert.deepEqual(again.body.counts, { moved: 0, skipped: 4, not_found: 0 }, 'already there');
      // The move is in the prospect's history (imports, moves, enrolments); a prospect not moved has none.
      const detail = await session.request(`/v1/prospects/${ids[1]}`);
      const moves = detail.body.history.filter((h: { kind: string }) => h.kind === 'move');
      assert.equal(moves.length, 1, JSON.stringify(detail.body.history));
      assert.equal(moves[0].text, `moved in the app from ${tenant.lists[0]!.name} to ${tenant.lists[1]!.name}`);
      assert.deepEqual([moves[0].fromListName, moves[0].toListName], [tenant.lists[0]!.name, tenant.lists[1]!.name]);
      assert.ok(detail.body.history.some((h: { kind: string }) => h.kind === 'import'));
      const unmoved = await session.request(`/v1/prospects/${ids[4]}`);
      assert.equal(unmoved.body.history.filter((h: { kind: string }) => h.kind === 'move').length, 0);
      await assertCountsExact(server, tenant);
      const removed = await session.request('/v1/prospects/bulk', { body: { action: 'delete', ids: [ids[0], ids[5], newId()] } });
      assert.deepEqual(removed.body.counts, { deleted: 2, not_found: 1 });
      const totals = await assertCountsExact(server, tenant);
      assert.equal(totals[a], 1);
      assert.equal(totals[b], 3);
      const toMissing = await session.request('/v1/prospects/bulk', { body: { action: 'move', ids, listId: newId() } });
      assert.equal(toMissing.status, 404);
    });

    test('a move never puts one profile twice in a list: a copy does not join its original', async () => {
      const server = blockServer();
      const { tenant, session } = await signedInTenant(server);
      const [a, b, c] = tenant.lists.map((l) => l.id) as [string, string, string];
      const url = uniqueProfileUrl();
      const original = (await importUrls(server, tenant, [url], {}, a)).result[0].prospect._id;
      const copyB = (await importUrls(server, tenant, [url], { canCreateDuplicates: true }, b)).result[0].prospect._id;
      const copyC = (await importUrls(server, tenant, [url], { canCreateDuplicates: true }, c)).result[0].prospect._id;
      assert.notEqual(copyB, original);
      const move = async (ids: string[], listId: string) => (await session.request('/v1/prospects/bulk', { body: { action: 'move', ids, listId } })).body.counts;
      assert.deepEqual(await move([copyB], a), { moved: 0, skipped: 1, not_found: 0 });
      assert.deepEqual(await move([copyB, copyC], (await session.request('/v1/lists', { body: { name: 'D' } })).body.id), { moved: 1, skipped: 1, not_found: 0 });
      assert.deepEqual(await move([original], c), { moved: 0, skipped: 1, not_found: 0 }, 'nor an original its copy');
      await assertCountsExact(server, tenant);
    });

    test('enrolment follows the import rules: one active campaign, preconditions, archived and draft refused', async () => {
      const server = blockServer();
      const { tenant, session } = await signedInTenant(server);
      const answer = await importUrls(server, tenant, [uniqueProfileUrl(), uniqueProfileUrl()]);
      const ids = answer.result.map((r: { prospect: { _id: string } }) => r.prospect._id) as string[];
      const enrol = (campaignId: string) => session.request('/v1/prospects/bulk', { body: { action: 'enrol', ids, campaignId } });
      const first = await enrol(tenant.campaigns.running.id);
      assert.deepEqual(first.body.counts, { success: 2, not_found: 0 });
      const second = await enrol(tenant.campaigns.paused.id);
      assert.deepEqual(second.body.counts, { already_in_campaign: 2, not_found: 0 });
      const archived = await enrol(tenant.campaigns.archived.id);
      assert.equal(archived.status, 409);
      const draft = await enrol(tenant.campaigns.draft.id);
      assert.equal(draft.status, 404);
      // Archiving frees them; a campaign that needs an email refuses prospects without one.
      const archive = await session.request(`/v1/campaigns/${tenant.campaigns.running.id}/state`, { body: { state: 'archived' } });
      assert.equal(archive.body.state, 'archived');
      assert.equal(archive.body.active, 0);
      assert.equal(archive.body.enrolled, 2);
      const needsEmail = await enrol(tenant.campaigns.requiresEmail.id);
      assert.deepEqual(needsEmail.body.counts, { prospect_does_not_match_preconditions: 2, not_found: 0 });
      const resume = await session.request(`/v1/campaigns/${tenant.campaigns.running.id}/state`, { body: { state: 'running' } });
      assert.equal(resume.status, 409);
      const list = await session.request(`/v1/campaigns/${tenant.campaigns.running.id}/enrolments`);
      assert.equal(list.body.data.length, 2);
      assert.ok(list.body.data.every((i: { active: boolean }) => !i.active));
    });

    test('campaigns: create, pause, resume, and the enrolled count', async () => {
      const server = blockServer();
      const { tenant, session } = await signedInTenant(server);
      const created = await session.request('/v1/campaigns', { body: { name: 'Q1' } });
      assert.equal(created.status, 201);
      assert.equal(created.body.state, 'running');
      await importUrls(server, tenant, [uniqueProfileUrl()], { campaignId: created.body.id });
      const paused = await session.request(`/v1/campaigns/${created.body.id}/state`, { body: { state: 'paused' } });
      assert.equal(paused.body.state, 'paused');
      const resumed = await session.request(`/v1/campaigns/${created.body.id}/state`, { body: { state: 'running' } });
      assert.equal(resumed.body.state, 'running');
      const all = await session.request('/v1/campaigns');
      const q1 = all.body.data.find((c: { id: string }) => c.id === created.body.id);
      assert.equal(q1.enrolled, 1);
      assert.equal(q1.active, 1);
      const compatible = await server.request('/campaigns/getAll', { key: tenant.key });
      assert.ok(compatible.body.campaigns.some((c: { _id: string }) => c._id === created.body.id));
    });

    test('the prospect page shows its profile, list, campaign and history', async () => {
      const server = blockServer();
      const { tenant, session } = await signedInTenant(server);
      const url = uniqueProfileUrl();
      const answer = await server.request('/prospects/addProspectFromIntegration', {
        key: tenant.key,
        body: {
          prospectListId: tenant.listId,
          origin: { name: 'example' },
          campaignId: tenant.campaigns.running.id,
          prospects: [{ url, customProfile: { firstName: 'Jane', lastName: 'Roe', email: 'jane@example.test' }, customVariables: [{ label: 'source', value: 'fair' }] }],
        },
      });
      const id = answer.body.result[0].prospect._id;
      const page = await session.request(`/v1/prospects/${id}`);
      assert.equal(page.status, 200);
      assert.equal(page.body.name, 'Jane Roe');
      assert.equal(page.body.originLabel, 'API-example');
      assert.equal(page.body.list.id, tenant.listId);
      assert.equal(page.body.campaign.id, tenant.campaigns.running.id);
      assert.deepEqual(page.body.customVariables, [{ label: 'source', value: 'fair' }]);
      assert.equal(page.body.profile.email, 'jane@example.test');
      assert.deepEqual(page.body.history.map((h: { kind: string }) => h.kind).sort(), ['enrolment', 'import']);
      const imported = page.body.history.find((h: { kind: string }) => h.kind === 'import');
      assert.match(imported.text, /^Imported via API-example/, 'words, not codes');
      assert.deepEqual(imported.codes.slice(0, 1), ['success'], 'the codes travel beside the words');
      // The parts of each line, for the app to write it in the user's language.
      assert.deepEqual([imported.origin, imported.listName], ['API-example', 'List 1']);
      const enrolled = page.body.history.find((h: { kind: string }) => h.kind === 'enrolment');
      assert.deepEqual([enrolled.campaignName, enrolled.ended], [tenant.campaigns.running.name, false]);
    });
  });

  describe(`app API: keys, activity, CSV (${engine})`, () => {
    const blockServer = sharedServer(engine);

    test('a key created in the app works once shown, is listed without its secret, and is refused after revocation', async () => {
      const server = blockServer();
      const { session } = await signedInTenant(server);
      const created = await session.request('/v1/keys', { body: { name: 'n8n' } });
      assert.equal(created.status, 201);
      assert.deepEqual(created.body.key.scopes, ['import'], 'a key made without scopes keeps the compatible endpoints only');
      const secret = created.body.secret as string;
      assert.match(secret, /^ph_live_/);
      assert.ok(secret.startsWith(created.body.key.prefix));
      assert.equal((await server.request('/integrations/test', { key: secret })).status, 200);
      const listed = await session.request('/v1/keys');
      assert.ok(!listed.text.includes(secret), 'the list never carries a secret');
      assert.ok(listed.body.every((k: Record<string, unknown>) => !('secret' in k) && !('hash' in k)));
      const revoked = await session.request(`/v1/keys/${created.body.key.id}`, { method: 'DELETE' });
      assert.equal(revoked.status, 200);
      assert.ok(revoked.body.revokedAt);
      const refused = await server.request('/integrations/test', { key: secret });
      assert.equal(refused.status, 401);
      assert.equal(refused.body.code, 'A000401-002');
    });

    test('the feed labels API imports (docs/api.md#origin-and-activity) and opens one with its outcomes', async () => {
      const server = blockServer();
      const { tenant, session } = await signedInTenant(server);
      const url = uniqueProfileUrl();
      await importUrls(server, tenant, [url, url]);
      for (const name of ['N8N', 'make', 'Zapier']) await importUrls(server, tenant, [uniqueProfileUrl()], { origin: { name } });
      const feed = await session.request('/v1/activity');
      assert.deepEqual(feed.body.data.map((i: { originLabel: string }) => i.originLabel), ['Zapier', 'Make', 'n8n', 'API-example']);
      const first = feed.body.data[3];
      assert.equal(first.keyName, 'test key');
      assert.equal(first.list.id, tenant.listId);
      assert.deepEqual(first.counts.importCodes, { success: 1, duplicated_prospect: 1 });
      const detail = await session.request(`/v1/activity/${first.id}/outcomes`);
      assert.deepEqual(detail.body.data.map((o: { importCode: string }) => o.importCode), ['success', 'duplicated_prospect']);
      assert.equal(detail.body.data[0].url, url);
    });

    test('CSV import through /v1/prospects/import: same rules as the API, a dry run writes nothing, the feed says CSV with no key', async () => {
      const server = blockServer();
      const { tenant, session } = await signedInTenant(server);
      const url = uniqueProfileUrl();
      const body = { prospectListId: tenant.listId, prospects: [{ url, customProfile: { firstName: 'Csv' } }, { url }] };
      const dry = await session.request('/v1/prospects/import?dryRun=true', { body });
      assert.deepEqual(dry.body.result.map((r: { importCode: string }) => r.importCode), ['success', 'duplicated_prospect']);
      await assertCountsExact(server, tenant);
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 0);
      const real = await session.request('/v1/prospects/import', { body });
      assert.equal(real.status, 200);
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 1);
      const feed = await session.request('/v1/activity');
      assert.equal(feed.body.data.length, 1);
      assert.equal(feed.body.data[0].originLabel, 'CSV');
      assert.equal(feed.body.data[0].keyName, null);
      const table = await session.request(`/v1/prospects?listId=${tenant.listId}`);
      assert.deepEqual(table.body.data.map((p: { originLabel: string }) => p.originLabel), ['CSV']);
      const bad = await session.request('/v1/prospects/import', { body: { prospectListId: tenant.listId, prospects: [{ url: 'https://example.com/in/x' }] } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'R000401-003');
      assert.equal(bad.body.invalidUrls[0].index, 0);
      const withOrigin = await session.request('/v1/prospects/import', { body: { ...body, origin: { name: 'spoof' } } });
      assert.equal(withOrigin.status, 200);
      assert.equal(withOrigin.body.warnings.length, 1, 'origin is not the app import’s to choose');
      const tooMany = await session.request('/v1/prospects/import', { body: { prospectListId: tenant.listId, prospects: Array.from({ length: 1001 }, () => ({ url })) } });
      assert.equal(tooMany.body.code, 'V000400-002');
    });

    test('CSV export: a BOM for Excel, headers in words, region, one column per custom variable, formulas neutralised', async () => {
      const server = blockServer();
      const { tenant, session } = await signedInTenant(server);
      const [a, b] = [uniqueProfileUrl(), uniqueProfileUrl()];
      await server.request('/prospects/addProspectFromIntegration', {
        key: tenant.key,
        body: {
          prospectListId: tenant.listId,
          origin: { name: 'example' },
          prospects: [
            { url: a, customProfile: { firstName: '=HYPERLINK("x")', lastName: 'Doe, Jr', region: 'Île-de-France' }, customVariables: [{ label: 'source', value: 'webinar' }] },
            { url: b, customProfile: { firstName: 'Amélie' }, customVariables: [{ label: 'tier', value: 'gold' }] },
          ],
        },
      });
      const [aId] = (await server.request(`/v1/prospects/lookup?url=${encodeURIComponent(a)}`, { key: tenant.fullKey })).body.data.map((p: { id: string }) => p.id);
      assert.equal((await server.request(`/v1/prospects/${aId}/tags`, { method: 'PUT', key: tenant.fullKey, body: { tags: ['VIP', 'Fair'] } })).status, 200);
      const csv = await session.request(`/v1/lists/${tenant.listId}/export.csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      const bytes = new Uint8Array(await (await fetch(`${server.baseUrl}/v1/lists/${tenant.listId}/export.csv`, { headers: { authorization: `Bearer ${tenant.fullKey}` } })).arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 byte order mark');
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines.length, 3);
      assert.equal(lines[0], 'LinkedIn URL,First name,Last name,Occupation,Email,Phone,Company,Company website,Region,Origin,Added,Tags,source,tier');
      const byUrl = (url: string) => lines.find((line) => line.startsWith(url))!;
      assert.ok(byUrl(a).includes(`"'=HYPERLINK(""x"")","Doe, Jr"`), byUrl(a));
      assert.ok(byUrl(a).includes('Île-de-France,API-example,'));
      assert.ok(byUrl(a).endsWith(',Fair; VIP,webinar,'), byUrl(a));
      assert.ok(byUrl(b).startsWith(`${b},Amélie,`) && byUrl(b).endsWith(',,gold'), byUrl(b));
    });

    test('the OpenAPI document describes the /v1 API under its own tag, with a key or the session', async () => {
      const server = blockServer();
      const doc = await server.request('/openapi.json');
      const appPaths = Object.entries(doc.body.paths as Record<string, Record<string, { tags?: string[] }>>).filter(([p]) => p.startsWith('/v1/'));
      assert.ok(appPaths.length >= 12);
      for (const [path, ops] of appPaths) {
        for (const [method, op] of Object.entries(ops) as [string, { tags?: string[]; security?: unknown }][]) {
          assert.deepEqual(op.tags, ['API v1'], path);
          const session = method === 'get' ? { sessionCookie: [] } : { sessionCookie: [], csrfToken: [] };
          const expected = path === '/v1/session' && method === 'post' ? undefined : [{ bearerAuth: [] }, session];
          assert.deepEqual(op.security, expected, `${method} ${path}`);
        }
      }
      assert.ok(!JSON.stringify(doc.body.paths['/v1/keys'].get).includes('"secret"'), 'listing keys documents no secret');
      assert.ok(JSON.stringify(doc.body.paths['/v1/keys'].post).includes('"secret"'), 'creating one does, once');
    });
  });

  describe(`web app serving (${engine})`, () => {
    test('every client route gets the app on reload; the service\'s own paths keep their problem+json 404', async (t) => {
      const server = await startServer(t, engine);
      const html = { accept: 'text/html,application/xhtml+xml' };
      for (const route of CLIENT_ROUTES) {
        const path = route.replace(':id', newId());
        const page = await server.request(path, { headers: html });
        if (page.status === 200) {
          assert.match(page.text, /<div id="root">/, path);
          assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
          assert.equal(page.headers.get('x-frame-options'), 'DENY');
        } else assert.equal(page.body.detail, 'the web app is not built: run npm run build', path);
        assert.equal((await server.request(path)).status, 404, `${path}: no HTML wanted, no app`);
      }
      const servicePaths = [
        '/v1/nope',
        '/docs/nope.json',
        '/prospects/addProspectFromIntegration',
        '/prospects/addProspectFromIntegration/nope',
        '/campaigns/getAll/nope',
        '/prospectLists/getProspectLists/nope',
        '/integrations/test/nope',
        '/healthz/nope',
        '/openapi.json/nope',
      ];
      for (const path of servicePaths) {
        const answer = await server.request(path, { headers: html });
        assert.equal(answer.status, 404, path);
        assert.match(answer.headers.get('content-type') ?? '', /problem\+json/, path);
      }
      assert.equal((await server.request('/healthz')).status, 200);
      assert.equal((await server.request('/openapi.json')).status, 200);
    });
  });
}

describe('sign-in throttle', () => {
  const throttled = (e: { code?: string; headers?: Record<string, string> }) => e.code === 'L000429-001' && Number(e.headers?.['retry-after']) > 0;

  test('ten wrong passwords for one account from one address answer 429 with Retry-After there only, then it lifts', async () => {
    const { SignInThrottle } = await import('../../src/http/sign-in-throttle.js');
    let now = 1_000_000;
    const throttle = new SignInThrottle(() => now);
    for (let i = 0; i < 10; i++) {
      throttle.check('a@b.c', '10.0.0.1');
      throttle.fail('a@b.c', '10.0.0.1');
    }
    assert.throws(() => throttle.check('A@B.C', '10.0.0.1'), (e: { headers?: Record<string, string> }) => throttled(e) && e.headers?.['retry-after'] === '900');
    // The same office (one NAT address): every other account still signs in; the same account elsewhere too.
    throttle.check('colleague@b.c', '10.0.0.1');
    throttle.check('a@b.c', '10.0.9.9');
    now += 15 * 60_000 + 1;
    throttle.check('a@b.c', '10.0.0.1');
  });

  test('one address failing for many accounts, or one account failing from many addresses, is braked at 100', async () => {
    const { SignInThrottle } = await import('../../src/http/sign-in-throttle.js');
    const throttle = new SignInThrottle(() => 1_000_000);
    for (let i = 0; i < 100; i++) throttle.fail(`user${i}@b.c`, '10.0.0.2');
    assert.throws(() => throttle.check('fresh@b.c', '10.0.0.2'), throttled);
    for (let i = 0; i < 100; i++) throttle.fail('target@b.c', `10.1.${Math.floor(i / 200)}.${i % 200}`);
    assert.throws(() => throttle.check('target@b.c', '10.2.0.1'), throttled);
    throttle.check('someone@b.c', '10.2.0.1');
  });

  test('a right password clears what that account and address had failed together', async () => {
    const { SignInThrottle } = await import('../../src/http/sign-in-throttle.js');
    const throttle = new SignInThrottle(() => 1_000_000);
    for (let i = 0; i < 9; i++) throttle.fail('a@b.c', '10.0.0.3');
    throttle.succeed('a@b.c', '10.0.0.3');
    for (let i = 0; i < 9; i++) throttle.fail('a@b.c', '10.0.0.3');
    throttle.check('a@b.c', '10.0.0.3');
  });
});
