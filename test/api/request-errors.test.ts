import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { revokeApiKey } from '../../src/store/api-keys.js';
import { updateUser } from '../../src/store/users.js';
import { ENGINES } from '../support/engines.js';
import { listTotals } from '../support/invariants.js';
import { sharedServer, startServer } from '../support/server.js';
import { createTenant, importBody, type Tenant } from '../support/tenant.js';
import { activityRows, assertProblem, IMPORT_PATH, postImport, profileUrl, prospectRows, randomSlug, unknownId } from '../support/compatible-api.js';

// docs/api.md#request-errors: exact status, Waalaxy code and RFC 7807 shape; and a
// refused request writes nothing.

const COMPATIBLE_GETS = ['/integrations/test', '/prospectLists/getProspectLists', '/campaigns/getAll'];

for (const engine of ENGINES) {
  describe(`request-level errors (${engine})`, () => {
    const shared = sharedServer(engine);

    const importFor = (tenant: Tenant, extra: Record<string, unknown> = {}) => importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }], extra);

    async function assertNothingWritten(tenant: Tenant) {
      const server = shared();
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 0, 'no prospect written');
      assert.equal((await activityRows(server.database, tenant.user.id)).length, 0, 'no activity written');
    }

    test('A000401-001: no Authorization header, "Basic x", "Bearer" alone — on every compatible route', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      for (const headers of [{}, { authorization: 'Basic x' }, { authorization: 'Bearer' }, { authorization: 'Bearer ' }, { authorization: tenant.key }] as Record<string, string>[]) {
        for (const path of COMPATIBLE_GETS) assertProblem(await server.request(path, { headers }), 401, 'A000401-001', path);
        assertProblem(await server.request(IMPORT_PATH, { headers, body: importFor(tenant) }), 401, 'A000401-001', IMPORT_PATH);
      }
      // The key is checked before the body: an unauthenticated caller learns nothing about it.
      assertProblem(await server.request(IMPORT_PATH, { body: { nonsense: true } }), 401, 'A000401-001');
      assertProblem(await server.request(IMPORT_PATH, { rawBody: 'x', headers: { 'content-type': 'text/plain' } }), 401, 'A000401-001');
      await assertNothingWritten(tenant);
    });

    test('A000401-002: an unknown key, then a revoked one (at the very next request)', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      for (const key of ['ph_live_' + 'A'.repeat(32), 'not-a-key-at-all', tenant.key + 'x']) {
        for (const path of COMPATIBLE_GETS) assertProblem(await server.request(path, { key }), 401, 'A000401-002', path);
        assertProblem(await server.request(IMPORT_PATH, { key, body: importFor(tenant) }), 401, 'A000401-002');
      }
      assert.equal((await server.request('/integrations/test', { key: tenant.key })).status, 200);
      await revokeApiKey(server.database.db, tenant.keyId);
      for (const path of COMPATIBLE_GETS) assertProblem(await server.request(path, { key: tenant.key }), 401, 'A000401-002', path);
      assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, body: importFor(tenant) }), 401, 'A000401-002');
      await assertNothingWritten(tenant);
    });

    test('A000403-001: free and pro plans have no API access', async () => {
      const server = shared();
      for (const plan of ['free', 'pro'] as const) {
        const tenant = await createTenant(server.database, { plan });
        for (const path of COMPATIBLE_GETS) assertProblem(await server.request(path, { key: tenant.key }), 403, 'A000403-001', path);
        const body = assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, body: importFor(tenant) }), 403, 'A000403-001');
        assert.match(body.detail, new RegExp(plan));
        assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, body: { nonsense: true } }), 403, 'A000403-001');
        await assertNothingWritten(tenant);
      }
      for (const plan of ['advanced', 'business'] as const) {
        const tenant = await createTenant(server.database, { plan });
        assert.equal((await server.request('/integrations/test', { key: tenant.key })).status, 200, plan);
      }
    });

    test('M000401-001: canCreateDuplicates:true without import_duplicates; false is fine; business and a granted user are fine', async () => {
      const server = shared();
      const advanced = await createTenant(server.database, { plan: 'advanced' });
      assertProblem(await server.request(IMPORT_PATH, { key: advanced.key, body: importFor(advanced, { canCreateDuplicates: true }) }), 403, 'M000401-001');
      await assertNothingWritten(advanced);
      const [item] = await postImport(server, advanced, importFor(advanced, { canCreateDuplicates: false }));
      assert.equal(item.importCode, 'success');

      const business = await createTenant(server.database, { plan: 'business' });
      assert.equal((await postImport(server, business, importFor(business, { canCreateDuplicates: true })))[0].importCode, 'success');

      // Permissions are per plan and per user (docs/api.md#plans-and-limits).
      const granted = await createTenant(server.database, { plan: 'advanced' });
      await updateUser(server.database.db, granted.user.id, { permissions: ['import_duplicates'] });
      assert.equal((await postImport(server, granted, importFor(granted, { canCreateDuplicates: true })))[0].importCode, 'success');
    });

    test("R000404-002: an unknown list and another user's list answer identically", async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const stranger = await createTenant(server.database);
      const answers = [];
      for (const listId of [unknownId(), stranger.listId]) {
        const answer = await server.request(IMPORT_PATH, { key: tenant.key, body: importBody(listId, [{ url: profileUrl(randomSlug()) }]) });
        const body = assertProblem(answer, 404, 'R000404-002', IMPORT_PATH);
        answers.push({ ...body, detail: body.detail.replace(listId, '<id>'), message: body.message.replace(listId, '<id>'), requestId: null });
      }
      assert.deepEqual(answers[0], answers[1]);
      await assertNothingWritten(tenant);
      assert.equal((await prospectRows(server.database, stranger.user.id)).length, 0);
    });

    test('R000401-003: every bad url listed with index, url and reason; nothing imported', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const good = profileUrl(randomSlug());
      const bad = ['https://www.linkedin.com/company/acme', 'https://lnkd.in/abc', 'https://evil-linkedin.com/in/x', 'https://www.linkedin.com/in/me'];
      const urls = [good, bad[0]!, bad[1]!, good + '-2', bad[2]!, bad[3]!];
      const answer = await server.request(IMPORT_PATH, { key: tenant.key, body: importBody(tenant.listId, urls.map((url) => ({ url }))) });
      const body = assertProblem(answer, 400, 'R000401-003');
      assert.deepEqual(
        body.invalidUrls.map((u: any) => [u.index, u.url]),
        [
          [1, bad[0]],
          [2, bad[1]],
          [4, bad[2]],
          [5, bad[3]],
        ],
      );
      for (const u of body.invalidUrls) assert.ok(typeof u.reason === 'string' && u.reason.length > 5, JSON.stringify(u));
      await assertNothingWritten(tenant);
    });

    test('V000400-001: every problem named in errors[{path, message}]', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const threeBad = { prospectListId: 5, origin: { name: 'x' }, canCreateDuplicates: 'yes', prospects: [{ customProfile: {} }] };
      const body = assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, body: threeBad }), 400, 'V000400-001', IMPORT_PATH);
      assert.equal(body.errors.length, 3, JSON.stringify(body.errors));
      assert.deepEqual(body.errors.map((e: any) => e.path).sort(), ['/canCreateDuplicates', '/prospectListId', '/prospects/0/url']);
      for (const e of body.errors) assert.ok(typeof e.message === 'string' && e.message.length > 0);

      const cases: [unknown, string[]][] = [
        [{}, ['/origin', '/prospectListId', '/prospects']],
        [{ prospectListId: tenant.listId, origin: { name: 'x' }, prospects: [] }, ['/prospects']],
        [{ prospectListId: tenant.listId, origin: {}, prospects: [{ url: profileUrl(randomSlug()) }] }, ['/origin/name']],
        [
          {
            prospectListId: tenant.listId,
            origin: { name: 'x' },
            prospects: [{ url: profileUrl(randomSlug()), customProfile: { birthday: { day: 32, month: 1 }, phoneNumbers: [{ number: '1', type: 'fax' }] } }],
          },
          ['/prospects/0/customProfile/birthday/day', '/prospects/0/customProfile/phoneNumbers/0/type'],
        ],
        [[1, 2], ['']],
      ];
      for (const [request, paths] of cases) {
        const problem = assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, body: request }), 400, 'V000400-001');
        for (const path of paths) assert.ok(problem.errors.some((e: any) => e.path === path), `${path} in ${JSON.stringify(problem.errors)}`);
      }
      // Each problem once, where it is: a bad field inside a nullable object is not also reported as
      // "the object must be null" on every enclosing level.
      const nested = {
        prospectListId: tenant.listId,
        origin: { name: 'x' },
        prospects: [{ url: profileUrl(randomSlug()), customProfile: { firstName: 5, birthday: { day: 14, month: 13 }, company: { name: 7 }, phoneNumbers: [{ number: '1', type: 'fax' }] } }],
      };
      const problem = assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, body: nested }), 400, 'V000400-001');
      assert.deepEqual(
        problem.errors.map((e: any) => e.path).sort(),
        [
          '/prospects/0/customProfile/birthday/month',
          '/prospects/0/customProfile/company/name',
          '/prospects/0/customProfile/firstName',
          '/prospects/0/customProfile/phoneNumbers/0/type',
        ],
        JSON.stringify(problem.errors),
      );
      const byPath = Object.fromEntries(problem.errors.map((e: any) => [e.path.split('/').at(-1), e.message]));
      assert.equal(byPath.firstName, 'must be string or null');
      assert.equal(byPath.month, 'must be <= 12');
      assert.match(byPath.type, /"mobile"/);
      for (const raw of ['{"prospects": [', 'null', '', '{"__proto__": {"admin": true}, "prospects": []}']) {
        const problem = assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, rawBody: raw, headers: { 'content-type': 'application/json' } }), 400, 'V000400-001');
        assert.ok(problem.errors.length >= 1);
      }
      await assertNothingWritten(tenant);
    });

    test('V000400-001: a bad origin name — empty after trim, over 64 characters, control characters', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      for (const name of ['', '   ', 'x'.repeat(65), 'bad\u0000name', 'tab\there', 'bell\u0007', 'rtl\u202Eoverride']) {
        const body = { ...importFor(tenant), origin: { name } };
        const problem = assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, body }), 400, 'V000400-001');
        assert.deepEqual(problem.errors.map((e: any) => e.path), ['/origin/name'], JSON.stringify(name));
      }
      await assertNothingWritten(tenant);
      // 64 characters after trimming, and non-ASCII printable text, are fine.
      for (const name of [`  ${'y'.repeat(64)}  `, 'Café ☕ 東京']) {
        const [item] = await postImport(server, tenant, { ...importFor(tenant), origin: { name } });
        assert.equal(item.importCode, 'success');
      }
    });

    test('V000400-002: 1001 prospects (the default batch limit); 1000 are accepted', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { plan: 'business' });
      const many = (n: number) => importBody(tenant.listId, Array.from({ length: n }, () => ({ url: profileUrl(randomSlug()) })));
      const body = assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, body: many(1001) }), 400, 'V000400-002');
      assert.match(body.detail, /1000/);
      await assertNothingWritten(tenant);
      const result = await postImport(server, tenant, many(1000));
      assert.equal(result.filter((r) => r.importCode === 'success').length, 1000);
    });

    test('V000415-001: a text/plain body, a form body, no content type', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const json = JSON.stringify(importFor(tenant));
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
        const answer = await server.request(IMPORT_PATH, { key: tenant.key, rawBody: json, headers: { 'content-type': contentType } });
        assertProblem(answer, 415, 'V000415-001', IMPORT_PATH);
      }
      assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, rawBody: 'a=b&c=d', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'V000415-001');
      // fetch sends a string body without a declared type as text/plain.
      assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, rawBody: json }), 415, 'V000415-001');
      await assertNothingWritten(tenant);
      // JSON with a charset parameter is JSON.
      const withCharset = await server.request(IMPORT_PATH, { key: tenant.key, rawBody: json, headers: { 'content-type': 'application/json; charset=utf-8' } });
      assert.equal(withCharset.status, 200, withCharset.text);
    });

    test('404 problem for an unknown route', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      for (const [method, path] of [['GET', '/nope'], ['POST', '/prospects/unknown'], ['GET', IMPORT_PATH]] as const) {
        const answer = await server.request(path, { method, key: tenant.key });
        const body = assertProblem(answer, 404, 'R000404-001', path);
        assert.ok(body.detail.includes(path));
      }
    });

    test('a caller-supplied sane x-request-id is echoed as requestId; an insane one is replaced', async () => {
      const server = shared();
      const sane = 'trace-1234.abc';
      const answer = await server.request('/integrations/test', { headers: { 'x-request-id': sane } });
      assert.equal(assertProblem(answer, 401, 'A000401-001').requestId, sane);
      const insane = await server.request('/integrations/test', { headers: { 'x-request-id': 'has spaces and <tags>' } });
      assert.notEqual(assertProblem(insane, 401, 'A000401-001').requestId, 'has spaces and <tags>');
    });
  });

  describe(`request-level errors under configured limits (${engine})`, () => {
    test('V000400-002 follows MAX_BATCH', async (t) => {
      const server = await startServer(t, engine, { MAX_BATCH: '3' });
      const tenant = await createTenant(server.database);
      const body = (n: number) => importBody(tenant.listId, Array.from({ length: n }, () => ({ url: profileUrl(randomSlug()) })));
      const problem = assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, body: body(4) }), 400, 'V000400-002');
      assert.equal(problem.maxBatch, 3);
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 0);
      assert.equal((await postImport(server, tenant, body(3))).length, 3);
    });

    test('S000500-001: a failing write answers a bare 500 problem and rolls the whole request back', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const existing = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url: existing }]));
      const before = await prospectRows(server.database, tenant.user.id);
      // The activity event is the request's last write: without its table, every earlier write
      // (new prospects, a move, counts) must be undone (docs/api.md#atomicity-and-concurrency).
      await sql`drop table activity_events`.execute(server.database.db);
      const body = importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }, { url: existing }], { moveDuplicatesToOtherList: true, campaignId: tenant.campaigns.running.id });
      const answer = await server.request(IMPORT_PATH, { key: tenant.key, body, headers: { 'x-request-id': 'find-me-123' } });
      const problem = assertProblem(answer, 500, 'S000500-001', IMPORT_PATH);
      assert.equal(problem.requestId, 'find-me-123');
      assert.doesNotMatch(answer.text, /activity_events|sqlite|relation|select|insert|stack/i, 'no internals leak');
      assert.deepEqual(Object.keys(problem).sort(), ['code', 'detail', 'instance', 'message', 'requestId', 'status', 'title', 'type']);
      assert.deepEqual(await prospectRows(server.database, tenant.user.id), before, 'nothing of the request was kept');
      assert.equal((await server.database.db.selectFrom('enrolments').selectAll().where('user_id', '=', tenant.user.id).execute()).length, 0);
      const totals = await listTotals(server, tenant);
      assert.deepEqual([totals[tenant.listId], totals[tenant.lists[1]!.id]], [0, 1]);
      const user = await server.database.db.selectFrom('users').select('prospect_count').where('id', '=', tenant.user.id).executeTakeFirstOrThrow();
      assert.equal(Number(user.prospect_count), 1);
    });

    test('V000413-001 follows BODY_LIMIT_BYTES, with nothing imported', async (t) => {
      const server = await startServer(t, engine, { BODY_LIMIT_BYTES: '2048' });
      const tenant = await createTenant(server.database);
      const big = importBody(tenant.listId, [{ url: profileUrl(randomSlug()), customVariables: [{ label: 'pad', value: 'p'.repeat(3000) }] }]);
      assertProblem(await server.request(IMPORT_PATH, { key: tenant.key, body: big }), 413, 'V000413-001', IMPORT_PATH);
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 0);
      assert.equal((await activityRows(server.database, tenant.user.id)).length, 0);
      // Just under the limit is fine.
      const small = importBody(tenant.listId, [{ url: profileUrl(randomSlug()), customVariables: [{ label: 'pad', value: 'p'.repeat(900) }] }]);
      assert.equal((await postImport(server, tenant, small))[0].importCode, 'success');
    });
  });
}
