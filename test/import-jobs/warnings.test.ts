import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENGINES } from '../support/engines.js';
import { allResults, postRaw, waitForJob } from '../support/import-jobs.js';
import { sharedServer } from '../support/server.js';
import { createTenant, uniqueProfileUrl } from '../support/tenant.js';

const UNKNOWN = 'unknown field, ignored';

// Unknown fields of a JSON row are ignored and reported, as the compatible endpoint's warnings are (docs/v1.md#import-jobs).
for (const engine of ENGINES) {
  describe(`import jobs: warnings (${engine})`, () => {
    const server = sharedServer(engine, { IMPORT_POLL_MS: '20', MAX_BATCH: '2', RATE_LIMIT: 'off' });

    test('a JSON Lines job reports each unknown field with its row and path, across chunks, and stores none of them', async () => {
      const tenant = await createTenant(server().database);
      const lines = [
        { url: uniqueProfileUrl(), nickname: 'Al' },
        { url: uniqueProfileUrl() },
        { url: uniqueProfileUrl(), customProfile: { firstName: 'Cy', 'odd/key': 1, company: { name: 'Acme', size: 10 } } },
      ];
      const created = await postRaw(server(), tenant.fullKey, 'application/x-ndjson', lines.map((line) => JSON.stringify(line)).join('\n'), { prospectListId: tenant.listId });
      assert.equal(created.status, 202, created.text);
      assert.deepEqual([created.body.warnings, created.body.warningCount], [[], 0]);
      const job = await waitForJob(server(), tenant.fullKey, created.body.id);
      assert.equal(job.state, 'completed');
      assert.deepEqual(job.warnings, [
        { row: 1, path: '/nickname', message: UNKNOWN },
        { row: 3, path: '/customProfile/odd~1key', message: UNKNOWN },
        { row: 3, path: '/customProfile/company/size', message: UNKNOWN },
      ]);
      assert.equal(job.warningCount, 3);
      const listed = await server().request('/v1/imports', { key: tenant.fullKey });
      assert.deepEqual(listed.body.data[0].warnings, job.warnings, 'the list answers them too');

      const results = await allResults(server(), tenant.fullKey, job.id);
      const prospect = await server().request(`/v1/prospects/${results[2].prospectId}`, { key: tenant.fullKey });
      assert.equal(prospect.status, 200, prospect.text);
      assert.equal(prospect.body.profile.firstName, 'Cy');
      assert.deepEqual(prospect.body.profile.company, { name: 'Acme' });
    });

    test('a JSON body reports its prospects\' unknown fields; a job keeps the first 100 and counts them all; CSV has none', async () => {
      const tenant = await createTenant(server().database);
      const crowded: Record<string, unknown> = { url: uniqueProfileUrl() };
      for (let i = 0; i < 105; i++) crowded[`extra${i}`] = i;
      const json = await server().request('/v1/imports', { method: 'POST', key: tenant.fullKey, body: { prospectListId: tenant.listId, prospects: [{ url: uniqueProfileUrl() }, crowded] } });
      assert.equal(json.status, 202, json.text);
      const job = await waitForJob(server(), tenant.fullKey, json.body.id);
      assert.equal(job.warningCount, 105);
      assert.equal(job.warnings.length, 100);
      assert.deepEqual(job.warnings[0], { row: 2, path: '/extra0', message: UNKNOWN });
      assert.deepEqual(job.warnings[99], { row: 2, path: '/extra99', message: UNKNOWN });

      const csv = await postRaw(server(), tenant.fullKey, 'text/csv', `url,Whatever\n${uniqueProfileUrl()},x\n`, { prospectListId: tenant.listId });
      const csvJob = await waitForJob(server(), tenant.fullKey, csv.body.id);
      assert.deepEqual([csvJob.warnings, csvJob.warningCount], [[], 0], 'an unmapped column is the mapping\'s choice, not an unknown field');
    });
  });
}
