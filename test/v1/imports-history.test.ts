import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertProblem } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { allResults, postRaw, waitForJob } from '../support/import-jobs.js';
import { readAllPages } from '../support/pages.js';
import { sharedServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// What the app's import history reads (docs/app.md#imports): the activity feed without the requests
// import jobs wrote (GET /v1/activity?job=false), and a job's results narrowed to its failed rows
// (GET /v1/imports/:id/results?failed=true) — docs/v1.md#activity, docs/v1.md#import-jobs.

async function importDirect(server: TestServer, tenant: Tenant, n: number): Promise<string> {
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, Array.from({ length: n }, () => uniqueProfileUrl()), { origin: { name: 'n8n' } }) });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.activityId as string;
}

async function csvJob(server: TestServer, tenant: Tenant, lines: string[]): Promise<any> {
  const created = await postRaw(server, tenant.fullKey, 'text/csv', ['url', ...lines].join('\n'), { prospectListId: tenant.listId });
  assert.equal(created.status, 202, created.text);
  return waitForJob(server, tenant.fullKey, created.body.id);
}

for (const engine of ENGINES) {
  describe(`import history on /v1 (${engine})`, () => {
    const server = sharedServer(engine, { IMPORT_POLL_MS: '20', MAX_BATCH: '2', RATE_LIMIT: 'off' });

    test('GET /v1/activity?job= keeps or leaves out the requests import jobs wrote, the user\'s own only', async () => {
      const tenant = await createTenant(server().database);
      const before = await importDirect(server(), tenant, 2);
      const job = await csvJob(server(), tenant, Array.from({ length: 5 }, () => uniqueProfileUrl()));
      assert.equal(job.state, 'completed');
      assert.equal(job.activityIds.length, 3, 'five rows in chunks of two: three requests');
      const after = await importDirect(server(), tenant, 1);

      const all = await readAllPages(server(), '/v1/activity', tenant.fullKey, 2);
      assert.equal(all.length, 5);
      const direct = await readAllPages(server(), '/v1/activity?job=false', tenant.fullKey, 1);
      assert.deepEqual(direct.map((e) => e.id), [after, before], 'paged one at a time, newest first, no chunk of the job');
      const ofJobs = await readAllPages(server(), '/v1/activity?job=true', tenant.fullKey, 2);
      assert.deepEqual(ofJobs.map((e) => e.id), [...job.activityIds].reverse());
      const together = await readAllPages(server(), `/v1/activity?job=false&listId=${tenant.listId}&origin=n8n`, tenant.fullKey, 10);
      assert.deepEqual(together.map((e) => e.id), [after, before], 'with the other filters');

      const other = await createTenant(server().database);
      await csvJob(server(), other, [uniqueProfileUrl()]);
      assert.deepEqual(await readAllPages(server(), '/v1/activity?job=true', tenant.fullKey, 10).then((page) => page.length), 3, "another user's job is not counted");
      assert.deepEqual(await readAllPages(server(), '/v1/activity?job=false', other.fullKey, 10), []);

      assertProblem(await server().request('/v1/activity?job=maybe', { key: tenant.fullKey }), 400, 'V000400-001');
    });

    test('GET /v1/imports/:id/results?failed= keeps the rows counted failed, or the others, with importCode and across pages', async () => {
      const tenant = await createTenant(server().database);
      const job = await csvJob(server(), tenant, [uniqueProfileUrl(), 'https://example.com/nobody', uniqueProfileUrl(), 'not a url', uniqueProfileUrl()]);
      assert.equal(job.state, 'completed_with_errors');
      assert.equal(job.rows.failed, 2);

      const failed = await allResults(server(), tenant.fullKey, job.id, '&failed=true');
      assert.deepEqual(failed.map((r) => [r.row, r.importCode]), [[2, 'invalid_row'], [4, 'invalid_row']]);
      const paged = await server().request(`/v1/imports/${job.id}/results?failed=true&limit=1`, { key: tenant.fullKey });
      assert.deepEqual([paged.body.data.map((r: { row: number }) => r.row), typeof paged.body.nextCursor], [[2], 'string']);
      const next = await server().request(`/v1/imports/${job.id}/results?failed=true&limit=1&cursor=${paged.body.nextCursor}`, { key: tenant.fullKey });
      assert.deepEqual(next.body.data.map((r: { row: number }) => r.row), [4]);

      const others = await allResults(server(), tenant.fullKey, job.id, '&failed=false');
      assert.deepEqual(others.map((r) => [r.row, r.importCode]), [[1, 'success'], [3, 'success'], [5, 'success']]);
      assert.deepEqual(await allResults(server(), tenant.fullKey, job.id, '&failed=true&importCode=success'), [], 'a code that is no failure, among the failures');
      assert.deepEqual((await allResults(server(), tenant.fullKey, job.id, '&failed=false&importCode=success')).length, 3);
      assert.deepEqual(await allResults(server(), tenant.fullKey, job.id, '&failed=false&importCode=invalid_row'), []);

      assertProblem(await server().request(`/v1/imports/${job.id}/results?failed=sometimes`, { key: tenant.fullKey }), 400, 'V000400-001');
    });

    test("a multipart upload's job names its file, without folders; a raw body's and a JSON body's name none", async () => {
      const tenant = await createTenant(server().database);
      const form = new FormData();
      form.append('options', JSON.stringify({ prospectListId: tenant.listId }));
      form.append('file', new Blob([`url\n${uniqueProfileUrl()}\n`], { type: 'text/csv' }), 'exports/leads march.csv');
      const multipart = await fetch(`${server().baseUrl}/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${tenant.fullKey}` }, body: form });
      const created = (await multipart.json()) as any;
      assert.equal(multipart.status, 202, JSON.stringify(created));
      assert.equal(created.fileName, 'leads march.csv');
      assert.equal((await waitForJob(server(), tenant.fullKey, created.id)).fileName, 'leads march.csv');

      const raw = await csvJob(server(), tenant, [uniqueProfileUrl()]);
      const json = await server().request('/v1/imports', { key: tenant.fullKey, body: { prospectListId: tenant.listId, prospects: [{ url: uniqueProfileUrl() }] } });
      assert.equal(json.status, 202, json.text);
      assert.deepEqual([raw.fileName, json.body.fileName], [null, null]);
      const listed = await server().request('/v1/imports', { key: tenant.fullKey });
      assert.deepEqual(listed.body.data.map((j: { fileName: string | null }) => j.fileName), [null, null, 'leads march.csv']);
    });
  });
}
