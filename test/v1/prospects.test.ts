import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newId } from '../../src/ids.js';
import { createApiKey } from '../../src/store/api-keys.js';
import { assertProblem } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// /v1/prospects (docs/v1.md#prospects): the list and its filters, keyset pages, the look-up by URL,
// changes, deletion and bulk actions; every refusal a problem of the code table.

interface Person {
  url?: string;
  customProfile?: Record<string, unknown>;
  customVariables?: { label: string; value: string }[];
}

/** Imports people through the compatible API (origin "example" unless given); answers their prospect ids. */
async function importPeople(server: TestServer, tenant: Tenant, people: Person[], extra: Record<string, unknown> = {}, listId = tenant.listId): Promise<string[]> {
  const body = importBody(listId, people.map((p) => ({ url: uniqueProfileUrl(), ...p })), extra);
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.result.map((r: { prospect: { _id: string } }) => r.prospect._id);
}

const ids = (answer: { body: { data: { id: string }[] } }) => answer.body.data.map((p) => p.id);

/** A 400 V000400-001 whose errors name `path`. */
function assertInvalid(answer: Parameters<typeof assertProblem>[0], path: string): void {
  const problem = assertProblem(answer, 400, 'V000400-001');
  assert.ok(problem.errors.some((e: { path: string }) => e.path.includes(path)), `${path}: ${JSON.stringify(problem.errors)}`);
}

for (const engine of ENGINES) {
  describe(`/v1/prospects (${engine})`, () => {
    const shared = sharedServer(engine);
    const get = (server: TestServer, tenant: Tenant, path: string) => server.request(path, { key: tenant.fullKey });

    test('lists newest first with every filter: list, campaign, origin, email, dates, text (case and accents ignored)', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [zoe, bob] = await importPeople(server, tenant, [
        { customProfile: { firstName: 'Zoë', lastName: 'Müller', email: 'zoe@example.test', company: { name: 'Société Générale' } } },
        { customProfile: { firstName: 'Bob', lastName: 'Smith' } },
      ]);
      const [other] = await importPeople(server, tenant, [{ url: 'https://www.linkedin.com/in/ÉLODIE-Martin' }], { origin: { name: 'zapier' }, campaignId: tenant.campaigns.running.id }, tenant.lists[1]!.id);
      const all = await get(server, tenant, '/v1/prospects');
      assert.equal(all.status, 200, all.text);
      assert.deepEqual(ids(all), [other, bob, zoe].sort().reverse(), 'newest first: created_at, then id');
      assert.equal(all.body.nextCursor, null);
      const item = all.body.data.find((p: { id: string }) => p.id === zoe);
      assert.equal(item.name, 'Zoë Müller');
      assert.equal(item.company, 'Société Générale');
      assert.equal(item.email, 'zoe@example.test');
      assert.equal(item.listId, tenant.listId);
      assert.equal(item.origin, 'example');
      assert.equal(item.originLabel, 'API-example');
      assert.equal(typeof item.updatedAt, 'string');
      assert.equal(all.body.data.find((p: { id: string }) => p.id === other).campaign.id, tenant.campaigns.running.id);

      const cases: [string, string[]][] = [
        [`listId=${tenant.listId}`, [zoe!, bob!]],
        [`listId=${tenant.lists[1]!.id}`, [other!]],
        [`campaignId=${tenant.campaigns.running.id}`, [other!]],
        ['origin=zapier', [other!]],
        ['hasEmail=true', [zoe!]],
        ['hasEmail=false', [other!, bob!]],
        ['q=zoe', [zoe!]],
        ['q=ZOË', [zoe!]],
        ['q=societe%20gen', [zoe!]],
        ['q=MULLER', [zoe!]],
        ['q=elodie-mar', [other!]],
        ['q=linkedin.com%2Fin%2Felodie', [other!]],
        ['q=sm', [bob!]],
        ['q=%25', []],
        ['q=nobody-at-all', []],
        [`listId=${tenant.listId}&hasEmail=false&q=bob`, [bob!]],
        ['createdAfter=2000-01-01', [other!, bob!, zoe!]],
        ['createdBefore=2000-01-01T00:00:00Z', []],
        ['updatedAfter=2000-01-01&updatedBefore=2999-01-01', [other!, bob!, zoe!]],
        [`listId=${newId()}`, []],
      ];
      for (const [query, expected] of cases) {
        const answer = await get(server, tenant, `/v1/prospects?${query}`);
        assert.equal(answer.status, 200, `${query}: ${answer.text}`);
        assert.deepEqual(ids(answer).sort(), [...expected].sort(), query);
      }
    });

    test('pages neither skip nor repeat a row while rows are inserted between pages', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const before = await importPeople(server, tenant, Array.from({ length: 11 }, (_, i) => ({ customProfile: { firstName: `P${i}` } })));
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const answer = await get(server, tenant, `/v1/prospects?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(answer.status, 200, answer.text);
        assert.ok(answer.body.data.length <= 3);
        seen.push(...ids(answer));
        cursor = answer.body.nextCursor;
        pages += 1;
        // Newer rows land before page 1, never inside the pages still to come.
        await importPeople(server, tenant, [{ customProfile: { firstName: `New${pages}` } }]);
      } while (cursor !== null);
      assert.equal(pages, 4);
      assert.deepEqual(seen, [...before].sort().reverse(), 'every row there at the start, once, in order');
    });

    test('a page holds at most 100; a bad limit, cursor, date or unknown filter is a 400 naming the field', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      assert.equal((await get(server, tenant, '/v1/prospects?limit=100')).status, 200);
      for (const [query, path] of [
        ['limit=101', 'limit'],
        ['limit=0', 'limit'],
        ['cursor=nonsense', 'querystring/cursor'],
        [`cursor=${Buffer.from('[1,2]').toString('base64url')}`, 'querystring/cursor'],
        ['createdAfter=yesterday', 'querystring/createdAfter'],
        ['hasEmail=yes', 'hasEmail'],
      ]) {
        assertInvalid(await get(server, tenant, `/v1/prospects?${query}`), path!);
      }
      assertProblem(await get(server, tenant, '/v1/prospects?sort=name'), 400, 'V000400-001');
    });

    test('looks a person up by any URL shape: every copy in the CRM, oldest first; a URL that is no profile is a 400 with the reason', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const slug = `ada-${newId()}`;
      const [original] = await importPeople(server, tenant, [{ url: `https://www.linkedin.com/in/${slug}` }]);
      const [copy] = await importPeople(server, tenant, [{ url: `https://www.linkedin.com/in/${slug}` }], { canCreateDuplicates: true }, tenant.lists[1]!.id);
      await importPeople(server, tenant, [{}]);
      for (const shape of [`https://www.linkedin.com/in/${slug}`, `http://linkedin.com/in/${slug.toUpperCase()}/?trk=x`, `https://fr.linkedin.com/in/${slug}/details/experience/`]) {
        const answer = await get(server, tenant, `/v1/prospects/lookup?url=${encodeURIComponent(shape)}`);
        assert.equal(answer.status, 200, `${shape}: ${answer.text}`);
        assert.deepEqual(ids(answer), [original, copy], shape);
        assert.equal(answer.body.data[1].duplicateOf, original);
      }
      // Each item carries its own tags and campaign, whichever read found it (look-up, page, text search).
      const tagged = await server.request(`/v1/prospects/${copy}/tags`, { method: 'PUT', key: tenant.fullKey, body: { tags: ['vip', 'Event'] } });
      assert.equal(tagged.status, 200, tagged.text);
      const [enrolled] = await importPeople(server, tenant, [{ url: `https://www.linkedin.com/in/${slug}-2` }], { campaignId: tenant.campaigns.running.id });
      interface Shown {
        id: string | undefined;
        tags: string[];
        campaign: unknown;
      }
      const expected: Shown[] = [
        { id: original, tags: [], campaign: null },
        { id: copy, tags: ['Event', 'vip'], campaign: null },
        { id: enrolled, tags: [], campaign: { id: tenant.campaigns.running.id, name: tenant.campaigns.running.name, state: 'running' } },
      ];
      const shown = (answer: { body: { data: Shown[] } }): Shown[] =>
        answer.body.data.map(({ id, tags, campaign }) => ({ id, tags, campaign })).filter((item) => expected.some((e) => e.id === item.id));
      const byId = (items: Shown[]) => [...items].sort((a, b) => a.id!.localeCompare(b.id!));
      assert.deepEqual(shown(await get(server, tenant, `/v1/prospects/lookup?url=${encodeURIComponent(`linkedin.com/in/${slug}`)}`)), expected.slice(0, 2));
      assert.deepEqual(byId(shown(await get(server, tenant, '/v1/prospects?limit=100'))), byId(expected));
      assert.deepEqual(byId(shown(await get(server, tenant, `/v1/prospects?q=${encodeURIComponent(slug)}`))), byId(expected), 'text search');
      const unknown = await get(server, tenant, `/v1/prospects/lookup?url=${encodeURIComponent(uniqueProfileUrl())}`);
      assert.deepEqual(unknown.body, { data: [] });
      const company = assertProblem(await get(server, tenant, `/v1/prospects/lookup?url=${encodeURIComponent('https://www.linkedin.com/company/acme')}`), 400, 'R000401-003');
      assert.equal(company.invalidUrls[0].code, 'company_page');
      assert.match(company.detail, /company page/);
      assertProblem(await get(server, tenant, '/v1/prospects/lookup'), 400, 'V000400-001');
    });

    test('PATCH fills empty fields by default, replaces them with overwrite, and moves to another list', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [id] = await importPeople(server, tenant, [{ customProfile: { firstName: 'Ada', company: { name: 'Old Co' } }, customVariables: [{ label: 'tier', value: 'a' }] }]);
      const patch = (body: unknown) => server.request(`/v1/prospects/${id}`, { method: 'PATCH', key: tenant.fullKey, body });
      const filled = await patch({ profile: { firstName: 'Other', email: 'ada@example.test', company: { name: 'New Co', website: 'https://new.example' } }, customVariables: [{ label: 'tier', value: 'b' }, { label: 'source', value: 'fair' }] });
      assert.equal(filled.status, 200, filled.text);
      assert.deepEqual(filled.body.profile, { firstName: 'Ada', email: 'ada@example.test', company: { name: 'Old Co', website: 'https://new.example' } }, 'fill only');
      assert.deepEqual(filled.body.customVariables, [{ label: 'tier', value: 'a' }, { label: 'source', value: 'fair' }]);
      const replaced = await patch({ profile: { company: { name: 'Néw Co' } }, customVariables: [{ label: 'tier', value: 'b' }], overwrite: true, listId: tenant.lists[1]!.id });
      assert.equal(replaced.status, 200, replaced.text);
      assert.equal(replaced.body.profile.company.name, 'Néw Co');
      assert.deepEqual(replaced.body.customVariables, [{ label: 'tier', value: 'b' }, { label: 'source', value: 'fair' }]);
      assert.equal(replaced.body.list.id, tenant.lists[1]!.id);
      assert.ok(replaced.body.updatedAt >= filled.body.updatedAt);
      // The search and the list filter see the change; the list counts follow the move.
      assert.deepEqual(ids(await get(server, tenant, '/v1/prospects?q=new%20co')), [id]);
      assert.deepEqual(ids(await get(server, tenant, '/v1/prospects?q=old%20co')), []);
      assert.deepEqual(ids(await get(server, tenant, `/v1/prospects?listId=${tenant.lists[1]!.id}`)), [id]);
      const lists = await server.request('/v1/lists', { key: tenant.fullKey });
      assert.deepEqual(lists.body.data.map((l: { totalProspects: number }) => l.totalProspects), [0, 1, 0]);
    });

    test('PATCH refusals: unknown list 404, the profile already in the target list 409 (nothing changed), bad fields 400', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = uniqueProfileUrl();
      const [id] = await importPeople(server, tenant, [{ url }]);
      await importPeople(server, tenant, [{ url }], { canCreateDuplicates: true }, tenant.lists[1]!.id);
      const patch = (body: unknown, target = id!) => server.request(`/v1/prospects/${target}`, { method: 'PATCH', key: tenant.fullKey, body });
      assertProblem(await patch({ listId: newId() }), 404, 'R000404-001');
      assertProblem(await patch({ profile: { firstName: 'Kept?' }, listId: tenant.lists[1]!.id }), 409, 'R000409-001');
      const detail = await get(server, tenant, `/v1/prospects/${id}`);
      assert.deepEqual(detail.body.profile, {}, 'the refused move took the profile change back with it');
      assertInvalid(await patch({ profile: { email: 'x'.repeat(400) } }), '/profile/email');
      assertProblem(await patch({ customVariables: [{ label: 'l', value: 'v'.repeat(1001) }] }), 400, 'V000400-001');
      assertProblem(await patch({ overwrite: 'yes' }), 400, 'V000400-001');
      assertProblem(await patch({ profile: {} }, newId()), 404, 'R000404-001');
    });

    test('DELETE answers 204, then 404; the list count follows', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [id] = await importPeople(server, tenant, [{}]);
      const gone = await server.request(`/v1/prospects/${id}`, { method: 'DELETE', key: tenant.fullKey });
      assert.equal(gone.status, 204, gone.text);
      assertProblem(await server.request(`/v1/prospects/${id}`, { method: 'DELETE', key: tenant.fullKey }), 404, 'R000404-001');
      assertProblem(await get(server, tenant, `/v1/prospects/${id}`), 404, 'R000404-001');
      const lists = await server.request('/v1/lists', { key: tenant.fullKey });
      assert.equal(lists.body.data[0].totalProspects, 0);
    });

    test('bulk by filter acts on every matching prospect, not one page, with exact counts', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const withEmail = await importPeople(server, tenant, Array.from({ length: 120 }, (_, i) => ({ customProfile: { email: `p${i}@example.test` } })));
      await importPeople(server, tenant, Array.from({ length: 5 }, () => ({})));
      const bulk = (body: unknown) => server.request('/v1/prospects/bulk', { key: tenant.fullKey, body });
      const enrolled = await bulk({ action: 'enrol', filter: { hasEmail: true }, campaignId: tenant.campaigns.requiresEmail.id });
      assert.equal(enrolled.status, 200, enrolled.text);
      assert.deepEqual(enrolled.body, { action: 'enrol', selected: 120, counts: { success: 120, not_found: 0 } });
      const moved = await bulk({ action: 'move', filter: { listId: tenant.listId }, listId: tenant.lists[2]!.id });
      assert.deepEqual(moved.body, { action: 'move', selected: 125, counts: { moved: 125, skipped: 0, not_found: 0 } });
      const byIds = await bulk({ action: 'delete', ids: [withEmail[0], withEmail[0], newId()] });
      assert.deepEqual(byIds.body, { action: 'delete', selected: 2, counts: { deleted: 1, not_found: 1 } });
      const rest = await bulk({ action: 'delete', filter: {} });
      assert.deepEqual(rest.body, { action: 'delete', selected: 124, counts: { deleted: 124, not_found: 0 } });
      assert.deepEqual((await get(server, tenant, '/v1/prospects')).body.data, []);
    });

    test('bulk refusals: ids and filter together or neither, a target missing or out of place, a bad filter date, an unknown list or campaign', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [id] = await importPeople(server, tenant, [{}]);
      const bulk = (body: unknown) => server.request('/v1/prospects/bulk', { key: tenant.fullKey, body });
      assertInvalid(await bulk({ action: 'delete', ids: [id], filter: {} }), '/ids');
      assertInvalid(await bulk({ action: 'delete' }), '/ids');
      assertInvalid(await bulk({ action: 'move', ids: [id] }), '/listId');
      assertInvalid(await bulk({ action: 'delete', ids: [id], campaignId: tenant.campaigns.running.id }), '/campaignId');
      assertInvalid(await bulk({ action: 'delete', filter: { createdAfter: 'soon' } }), '/filter/createdAfter');
      assertProblem(await bulk({ action: 'delete', filter: { colour: 'red' } }), 400, 'V000400-001');
      assertProblem(await bulk({ action: 'archive', ids: [id] }), 400, 'V000400-001');
      assertProblem(await bulk({ action: 'move', ids: [id], listId: newId() }), 404, 'R000404-001');
      assertProblem(await bulk({ action: 'enrol', ids: [id], campaignId: newId() }), 404, 'R000404-001');
      assertProblem(await bulk({ action: 'enrol', ids: [id], campaignId: tenant.campaigns.archived.id }), 409, 'R000409-001');
      assert.equal((await get(server, tenant, '/v1/prospects')).body.data.length, 1, 'nothing changed');
    });

    test("another tenant's prospects are invisible: a foreign id answers exactly like a missing one", async () => {
      const server = shared();
      const mine = await createTenant(server.database);
      const theirs = await createTenant(server.database);
      const url = uniqueProfileUrl();
      const [their] = await importPeople(server, theirs, [{ url, customProfile: { firstName: 'Secret' } }]);
      await importPeople(server, mine, [{}]);
      assert.equal((await get(server, mine, '/v1/prospects?q=secret')).body.data.length, 0);
      assert.equal((await get(server, mine, `/v1/prospects?listId=${theirs.listId}`)).body.data.length, 0);
      assert.deepEqual((await get(server, mine, `/v1/prospects/lookup?url=${encodeURIComponent(url)}`)).body, { data: [] });
      const calls: [string, { method?: string; body?: unknown }][] = [
        ['', {}],
        ['', { method: 'PATCH', body: { profile: { firstName: 'Mine' }, overwrite: true } }],
        ['', { method: 'DELETE' }],
      ];
      for (const [, init] of calls) {
        const foreign = await server.request(`/v1/prospects/${their}`, { ...init, key: mine.fullKey });
        const missing = await server.request(`/v1/prospects/${newId()}`, { ...init, key: mine.fullKey });
        assertProblem(foreign, 404, 'R000404-001');
        assert.equal(foreign.body.title, missing.body.title);
        assert.equal(foreign.body.detail.replace(their!, 'ID'), missing.body.detail.replace(/"[0-9a-f]{24}"/, '"ID"'));
      }
      const bulk = await server.request('/v1/prospects/bulk', { key: mine.fullKey, body: { action: 'delete', ids: [their] } });
      assert.deepEqual(bulk.body.counts, { deleted: 0, not_found: 1 });
      const intoTheirList = await server.request('/v1/prospects/bulk', { key: mine.fullKey, body: { action: 'move', filter: {}, listId: theirs.listId } });
      assertProblem(intoTheirList, 404, 'R000404-001');
      const still = await get(server, theirs, `/v1/prospects/${their}`);
      assert.equal(still.body.profile.firstName, 'Secret', 'nothing of theirs changed');
    });

    test('the OpenAPI document has every operation under API v1, each with an example', async () => {
      const server = shared();
      const document = (await server.request('/openapi.json')).body;
      const operations: [string, string][] = [
        ['/v1/prospects', 'get'],
        ['/v1/prospects/lookup', 'get'],
        ['/v1/prospects/{id}', 'get'],
        ['/v1/prospects/{id}', 'patch'],
        ['/v1/prospects/{id}', 'delete'],
        ['/v1/prospects/bulk', 'post'],
      ];
      for (const [path, method] of operations) {
        const operation = document.paths[path]?.[method];
        assert.ok(operation, `${method} ${path} is documented`);
        assert.deepEqual(operation.tags, ['API v1']);
        assert.match(JSON.stringify(operation), /"examples?":/, `${method} ${path} has an example`);
      }
    });

    test('scopes: read lists and looks up; changes need write; an import-only key reads nothing', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const [id] = await importPeople(server, tenant, [{}]);
      const reader = (await createApiKey(server.database.db, tenant.user.id, 'reader', ['read'])).secret;
      assert.equal((await server.request('/v1/prospects', { key: reader })).status, 200);
      assert.equal((await server.request(`/v1/prospects/${id}`, { key: reader })).status, 200);
      assert.equal((await server.request(`/v1/prospects/lookup?url=${encodeURIComponent(uniqueProfileUrl())}`, { key: reader })).status, 200);
      for (const [path, init] of [
        [`/v1/prospects/${id}`, { method: 'PATCH', body: { profile: { firstName: 'X' } } }],
        [`/v1/prospects/${id}`, { method: 'DELETE' }],
        ['/v1/prospects/bulk', { body: { action: 'delete', ids: [id] } }],
      ] as const) {
        const refused = assertProblem(await server.request(path, { ...init, key: reader }), 403, 'A000403-003');
        assert.equal(refused.scope, 'write');
      }
      assertProblem(await server.request('/v1/prospects', { key: tenant.key }), 403, 'A000403-003');
      assert.equal((await get(server, tenant, `/v1/prospects/${id}`)).status, 200, 'still there');
    });
  });
}
