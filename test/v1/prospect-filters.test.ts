import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertProblem } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// The prospect table's filters on /v1/prospects (docs/v1.md#prospects): an import, the enrolment
// state, the company, a custom variable; the exact count, the offset jump, the export of a
// selection, the worded enrolment outcome (alreadyIn), and saved views (docs/v1.md#saved-views).

interface Person {
  customProfile?: Record<string, unknown>;
  customVariables?: { label: string; value: string }[];
}

async function importPeople(server: TestServer, tenant: Tenant, people: Person[], extra: Record<string, unknown> = {}): Promise<{ ids: string[]; activityId: string }> {
  const body = importBody(tenant.listId, people.map((p) => ({ url: uniqueProfileUrl(), ...p })), extra);
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body });
  assert.equal(answer.status, 200, answer.text);
  return { ids: answer.body.result.map((r: { prospect: { _id: string } }) => r.prospect._id), activityId: answer.body.activityId };
}

for (const engine of ENGINES) {
  describe(`/v1/prospects table filters (${engine})`, () => {
    const shared = sharedServer(engine);
    const get = (server: TestServer, tenant: Tenant, path: string) => server.request(path, { key: tenant.fullKey });
    /** The ids a filter selects (sorted) and its count, which must agree. */
    const select = async (server: TestServer, tenant: Tenant, query: string): Promise<string[]> => {
      const page = await get(server, tenant, `/v1/prospects?limit=100&${query}`);
      assert.equal(page.status, 200, page.text);
      const count = await get(server, tenant, `/v1/prospects/count?${query}`);
      assert.equal(count.status, 200, count.text);
      const ids = page.body.data.map((p: { id: string }) => p.id).sort();
      assert.equal(count.body.total, ids.length, `the count of ${query}`);
      return ids;
    };

    test('an import, the enrolment state, the company and a custom variable select exactly, and combine', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const first = await importPeople(server, tenant, [
        { customProfile: { firstName: 'Ada', company: { name: 'Analytical Engines' } }, customVariables: [{ label: 'source', value: 'webinar' }] },
        { customProfile: { firstName: 'Bob', company: { name: 'Engines & Co' } }, customVariables: [{ label: 'source', value: 'fair' }] },
      ]);
      const second = await importPeople(server, tenant, [{ customProfile: { firstName: 'Cy', company: { name: 'Other' } } }], { campaignId: tenant.campaigns.running.id });
      const [ada, bob] = first.ids as [string, string];
      const [cy] = second.ids as [string];
      const sorted = (...ids: string[]) => ids.sort();

      assert.deepEqual(await select(server, tenant, `importId=${first.activityId}`), sorted(ada, bob));
      assert.deepEqual(await select(server, tenant, `importId=${second.activityId}`), [cy]);
      assert.deepEqual(await select(server, tenant, 'company=ENGINES'), sorted(ada, bob), 'text in the company, case ignored');
      assert.deepEqual(await select(server, tenant, 'company=%25'), [], 'a % is a plain character');
      assert.deepEqual(await select(server, tenant, 'variable=source'), sorted(ada, bob));
      assert.deepEqual(await select(server, tenant, 'variable=source&variableValue=fair'), [bob]);
      assert.deepEqual(await select(server, tenant, 'variable=source&variableValue=Fair'), [], 'a value matches exactly');

      // Bob travels the paused campaign, then Ada joins and leaves it.
      const enrol = async (campaignId: string, ids: string[]) =>
        assert.equal((await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'enrol', ids, campaignId } })).status, 200);
      await enrol(tenant.campaigns.paused.id, [bob, ada]);
      const ended = await server.request(`/v1/campaigns/${tenant.campaigns.paused.id}/enrolments/${ada}`, { key: tenant.fullKey, method: 'DELETE' });
      assert.equal(ended.status, 200, ended.text);
      const paused = tenant.campaigns.paused.id;
      assert.deepEqual(await select(server, tenant, 'enrolment=active'), sorted(bob, cy));
      assert.deepEqual(await select(server, tenant, 'enrolment=none'), [ada], 'in no campaign now');
      assert.deepEqual(await select(server, tenant, 'enrolment=ended'), [ada]);
      assert.deepEqual(await select(server, tenant, `campaignId=${paused}`), sorted(ada, bob), 'enrolled now or before');
      assert.deepEqual(await select(server, tenant, `campaignId=${paused}&enrolment=active`), [bob]);
      assert.deepEqual(await select(server, tenant, `campaignId=${paused}&enrolment=ended`), [ada]);
      assert.deepEqual(await select(server, tenant, `campaignId=${paused}&enrolment=none`), [cy], 'never enrolled in it');

      // Every filter given must hold.
      assert.deepEqual(await select(server, tenant, `importId=${first.activityId}&enrolment=active&company=engines&variable=source`), [bob]);
      // Custom variables come with each item, for the table's variable columns.
      const page = await get(server, tenant, `/v1/prospects?importId=${first.activityId}&variable=source&variableValue=webinar`);
      assert.deepEqual(page.body.data[0].customVariables, [{ label: 'source', value: 'webinar' }]);

      // Another tenant's import selects nothing of theirs, nor of ours.
      const stranger = await createTenant(server.database);
      assert.deepEqual(await select(server, stranger, `importId=${first.activityId}`), []);
      assertProblem(await get(server, tenant, '/v1/prospects?variableValue=x'), 400, 'V000400-001');
      assertProblem(await get(server, tenant, '/v1/prospects?enrolment=sometimes'), 400, 'V000400-001');
    });

    test('offset jumps to a page of the same order; refused after a cursor and beyond its cap', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      await importPeople(server, tenant, Array.from({ length: 7 }, (_, i) => ({ customProfile: { firstName: `P${i}` } })));
      const all = (await get(server, tenant, '/v1/prospects?limit=100')).body.data.map((p: { id: string }) => p.id);
      const third = await get(server, tenant, '/v1/prospects?limit=2&offset=4');
      assert.deepEqual(third.body.data.map((p: { id: string }) => p.id), all.slice(4, 6));
      const next = await get(server, tenant, `/v1/prospects?limit=2&cursor=${third.body.nextCursor}`);
      assert.deepEqual(next.body.data.map((p: { id: string }) => p.id), all.slice(6), 'its cursor goes on from there');
      assert.equal(next.body.nextCursor, null);
      const problem = assertProblem(await get(server, tenant, `/v1/prospects?offset=2&cursor=${third.body.nextCursor}`), 400, 'V000400-001');
      assert.equal(problem.errors[0].path, 'querystring/offset');
      assertProblem(await get(server, tenant, '/v1/prospects?offset=100001'), 400, 'V000400-001');
      assert.equal((await get(server, tenant, '/v1/prospects?offset=100000')).status, 200);
    });

    test('a bulk enrolment names the campaigns that hold the prospects it could not enrol', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const { ids } = await importPeople(server, tenant, Array.from({ length: 5 }, () => ({ customProfile: { email: 'x@example.test' } })));
      await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'enrol', ids: ids.slice(0, 2), campaignId: tenant.campaigns.paused.id } });
      const answer = await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'enrol', filter: { listId: tenant.listId }, campaignId: tenant.campaigns.running.id } });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.counts, { success: 3, already_in_campaign: 2, not_found: 0 });
      assert.deepEqual(answer.body.alreadyIn, [{ campaign: { id: tenant.campaigns.paused.id, name: 'Paused', state: 'paused' }, count: 2 }]);
      const again = await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'enrol', ids: ids.slice(2), campaignId: tenant.campaigns.running.id } });
      assert.deepEqual(again.body.alreadyIn, [{ campaign: { id: tenant.campaigns.running.id, name: 'Running', state: 'running' }, count: 3 }]);
    });

    test('the export of a selection: every prospect matching the filters, or the ids given', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const { ids } = await importPeople(server, tenant, [
        { customProfile: { firstName: 'Ada', email: 'ada@example.test' }, customVariables: [{ label: 'source', value: 'fair' }] },
        { customProfile: { firstName: 'Bob' } },
        { customProfile: { firstName: 'Cy', email: 'cy@example.test' } },
      ]);
      const rows = (text: string) => text.replace(/^\uFEFF/, '').trim().split('\r\n');
      const withEmail = await get(server, tenant, '/v1/prospects/export.csv?hasEmail=true');
      assert.equal(withEmail.status, 200, withEmail.text);
      assert.match(withEmail.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = rows(withEmail.text);
      assert.equal(lines.length, 3);
      assert.match(lines[0]!, /^LinkedIn URL,First name,.*,source$/);
      assert.deepEqual(lines.slice(1).map((l) => l.split(',')[1]).sort(), ['Ada', 'Cy']);
      const chosen = await get(server, tenant, `/v1/prospects/export.csv?ids=${ids[1]},${ids[2]}`);
      assert.deepEqual(rows(chosen.text).slice(1).map((l) => l.split(',')[1]).sort(), ['Bob', 'Cy']);
      const stranger = await createTenant(server.database);
      assert.equal(rows((await get(server, stranger, `/v1/prospects/export.csv?ids=${ids[0]}`)).text).length, 1, "another tenant's ids export nothing");
    });

    test('saved views: create, list, rename, change, delete; names unique per user; another user sees none', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const call = (method: string, path: string, body?: unknown, who = tenant) => server.request(path, { key: who.fullKey, method, body });
      const created = await call('POST', '/v1/views', { name: '  With email  ', filter: { hasEmail: true, createdAfter: '2026-01-01' }, table: { columns: ['name', 'var:source'], pageSize: 25 } });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.name, 'With email');
      assert.deepEqual(created.body.filter, { hasEmail: true, createdAfter: '2026-01-01T00:00:00.000Z' });
      assert.deepEqual(created.body.table, { columns: ['name', 'var:source'], pageSize: 25 });
      const twice = assertProblem(await call('POST', '/v1/views', { name: 'With email', filter: {} }), 409, 'R000409-060');
      assert.match(twice.detail, /already have a view named “With email”/);
      assert.deepEqual(twice.existing, { id: created.body.id, name: 'With email' });
      assertProblem(await call('POST', '/v1/views', { name: '   ', filter: {} }), 400, 'V000400-001');
      assertProblem(await call('POST', '/v1/views', { name: 'Bad date', filter: { createdAfter: 'yesterday' } }), 400, 'V000400-001');
      const other = await call('POST', '/v1/views', { name: 'Everyone', filter: {} });
      assert.deepEqual(other.body.table, {});

      const list = await call('GET', '/v1/views');
      assert.deepEqual(list.body.data.map((v: { name: string }) => v.name), ['With email', 'Everyone']);
      assertProblem(await call('PATCH', `/v1/views/${other.body.id}`, { name: 'With email' }), 409, 'R000409-060');
      const renamed = await call('PATCH', `/v1/views/${created.body.id}`, { name: 'Emails', filter: { hasEmail: false } });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal(renamed.body.name, 'Emails');
      assert.deepEqual(renamed.body.filter, { hasEmail: false });
      assert.deepEqual(renamed.body.table, { columns: ['name', 'var:source'], pageSize: 25 }, 'what a change leaves out stays');

      const stranger = await createTenant(server.database);
      assert.deepEqual((await call('GET', '/v1/views', undefined, stranger)).body.data, []);
      assertProblem(await call('PATCH', `/v1/views/${created.body.id}`, { name: 'Mine' }, stranger), 404, 'R000404-001');
      assertProblem(await call('DELETE', `/v1/views/${created.body.id}`, undefined, stranger), 404, 'R000404-001');
      assert.equal((await call('DELETE', `/v1/views/${created.body.id}`)).status, 204);
      assertProblem(await call('GET', `/v1/views/${created.body.id}`), 404, 'R000404-001');
      assert.deepEqual((await call('GET', '/v1/views')).body.data.map((v: { name: string }) => v.name), ['Everyone']);
    });
  });
}
