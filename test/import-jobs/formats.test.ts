import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { ENGINES } from '../support/engines.js';
import { allResults, countsOf, postRaw, waitForJob } from '../support/import-jobs.js';
import { sharedServer } from '../support/server.js';
import { createTenant, uniqueProfileUrl } from '../support/tenant.js';
import { prospectRows } from '../support/compatible-api.js';

for (const engine of ENGINES) {
  describe(`import jobs: formats and mappings (${engine})`, () => {
    const server = sharedServer(engine, { IMPORT_POLL_MS: '20' });

    test('a JSON Lines job imports every row; a bad URL and a broken line are results of their own', async () => {
      const tenant = await createTenant(server().database);
      const urls = [uniqueProfileUrl(), uniqueProfileUrl(), uniqueProfileUrl()];
      const body = [
        JSON.stringify({ url: urls[0], customProfile: { firstName: 'Ann' } }),
        '{"url": broken',
        JSON.stringify({ url: 'https://example.com/not-linkedin' }),
        '',
        JSON.stringify({ url: urls[1], customVariables: [{ label: 'source', value: 'webinar' }] }),
        JSON.stringify({ url: urls[2], customProfile: { firstName: 'x'.repeat(201) } }),
      ].join('\n');
      const created = await postRaw(server(), tenant.fullKey, 'application/x-ndjson', body, { prospectListId: tenant.listId, origin: 'n8n' });
      assert.equal(created.status, 202, created.text);
      assert.equal(created.headers.get('location'), `/v1/imports/${created.body.id}`);
      assert.equal(created.body.format, 'jsonl');
      assert.equal(created.body.rows.total, 5);
      const job = await waitForJob(server(), tenant.fullKey, created.body.id);
      assert.equal(job.state, 'completed_with_errors');
      assert.deepEqual(job.rows, { done: 5, total: 5, failed: 3 });
      const results = await allResults(server(), tenant.fullKey, job.id);
      assert.deepEqual(results.map((r) => [r.row, r.importCode]), [[1, 'success'], [2, 'invalid_row'], [3, 'invalid_row'], [4, 'success'], [5, 'invalid_row']]);
      assert.match(results[1].message, /unreadable JSON line/);
      assert.match(results[2].message, /not a LinkedIn profile URL/);
      assert.equal(results[2].url, 'https://example.com/not-linkedin');
      assert.match(results[4].message, /customProfile\/firstName/);
      const counts = countsOf(results);
      assert.deepEqual(job.importCodes, counts.importCodes);
      const stored = await prospectRows(server().database, tenant.user.id);
      assert.deepEqual(stored.map((p) => p.id).sort(), [results[0].prospectId, results[3].prospectId].sort());
      assert.equal(job.activityIds.length, 1, 'one chunk, one import request in the activity');
    });

    test('a CSV job maps headers automatically and by the query string, custom variables by prefix and by list', async () => {
      const tenant = await createTenant(server().database);
      const [a, b] = [uniqueProfileUrl(), uniqueProfileUrl()];
      const csv = ['Profile,First Name,Boîte,cv.source,Team', `${a},Ann,Acme,webinar,red`, `"${b}","Bob, Jr.",,fair,`, 'only,two', ''].join('\r\n');
      const created = await postRaw(server(), tenant.fullKey, 'text/csv', csv, { prospectListId: tenant.listId, map: ['Profile=url', 'Boîte=company.name'], variablePrefix: 'cv.', variable: 'Team' });
      assert.equal(created.status, 202, created.text);
      const job = await waitForJob(server(), tenant.fullKey, created.body.id);
      const results = await allResults(server(), tenant.fullKey, job.id);
      assert.deepEqual(results.map((r) => r.importCode), ['success', 'success', 'invalid_row']);
      assert.match(results[2].message, /2 fields where the header has 5/);
      const prospect = await server().request(`/v1/prospects/${results[0].prospectId}`, { key: tenant.fullKey });
      assert.equal(prospect.status, 200, prospect.text);
      assert.equal(prospect.body.profile.firstName, 'Ann');
      assert.equal(prospect.body.profile.company.name, 'Acme');
      assert.deepEqual(prospect.body.customVariables, [{ label: 'source', value: 'webinar' }, { label: 'Team', value: 'red' }]);
      const second = await server().request(`/v1/prospects/${results[1].prospectId}`, { key: tenant.fullKey });
      assert.equal(second.body.profile.firstName, 'Bob, Jr.');

      const failed = await server().request(`/v1/imports/${job.id}/failed-rows.csv`, { key: tenant.fullKey });
      assert.equal(failed.status, 200);
      assert.match(failed.headers.get('content-type') ?? '', /^text\/csv/);
      assert.deepEqual(parse(failed.text, { relax_column_count: true }), [['Profile', 'First Name', 'Boîte', 'cv.source', 'Team', 'error'], ['only', 'two', '', '', '', 'the line has 2 fields where the header has 5']]);
    });

    test('a multipart upload takes its options from a JSON part; a JSON body is the compatible endpoint\'s shape without its cap', async () => {
      const tenant = await createTenant(server().database);
      const form = new FormData();
      form.append('options', JSON.stringify({ prospectListId: tenant.listId, campaignId: tenant.campaigns.running.id, mapping: { columns: { Who: 'url' } } }));
      form.append('file', new Blob([`Who,email\n${uniqueProfileUrl()},ann@example.com\n`], { type: 'text/csv' }), 'people.csv');
      const multipart = await fetch(`${server().baseUrl}/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${tenant.fullKey}` }, body: form });
      const createdMultipart = (await multipart.json()) as any;
      assert.equal(multipart.status, 202, JSON.stringify(createdMultipart));
      const job = await waitForJob(server(), tenant.fullKey, createdMultipart.id);
      assert.equal(job.state, 'completed');
      assert.deepEqual([job.importCodes, job.addToCampaignCodes], [{ success: 1 }, { success: 1 }]);

      const prospects = Array.from({ length: 1203 }, () => ({ url: uniqueProfileUrl() }));
      const json = await server().request('/v1/imports', { key: tenant.fullKey, body: { prospectListId: tenant.lists[1]!.id, origin: { name: 'Make' }, prospects } });
      assert.equal(json.status, 202, json.text);
      const done = await waitForJob(server(), tenant.fullKey, json.body.id);
      assert.deepEqual([done.state, done.rows.done, done.importCodes], ['completed', 1203, { success: 1203 }]);
      assert.equal(done.activityIds.length, 2, 'two chunks: 1,000 and 203 rows');
      const list = await server().request('/v1/imports', { key: tenant.fullKey });
      assert.deepEqual(list.body.data.map((j: any) => j.id), [done.id, job.id]);
    });
  });
}
