import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { claimJob } from '../../src/store/import-jobs.js';
import { nowIso } from '../../src/store/time.js';
import { inTransaction } from '../../src/store/transaction.js';
import { ENGINES } from '../support/engines.js';
import { allResults, postRaw, waitForJob } from '../support/import-jobs.js';
import { sharedServer, type TestServer } from '../support/server.js';
import { createTenant, uniqueProfileUrl } from '../support/tenant.js';

const DAY_MS = 86_400_000;

function stagedChunks(server: TestServer, jobId: string) {
  return server.database.db.selectFrom('import_job_chunks').select(['chunk', 'rows']).where('job_id', '=', jobId).orderBy('chunk').execute();
}

// Retention of import jobs (docs/v1.md#import-jobs, "Retention"): staged rows only while they are needed, ended jobs for IMPORT_RETENTION_DAYS.
for (const engine of ENGINES) {
  describe(`import jobs: retention (${engine})`, () => {
    // Retention of 2 days under an undo window of 5: a job is kept for 5.
    const server = sharedServer(engine, { IMPORT_POLL_MS: '20', MAX_BATCH: '2', RATE_LIMIT: 'off', IMPORT_RETENTION_DAYS: '2', UNDO_WINDOW_DAYS: '5' });
    const idle = sharedServer(engine, { IMPORT_RUNNER_SLOTS: '0', MAX_BATCH: '2', IMPORT_RETENTION_DAYS: '1', UNDO_WINDOW_DAYS: '1' });

    test('an ended job keeps only its failed rows staged; the failed-rows file still has them', async () => {
      const tenant = await createTenant(server().database);
      const csv = `url,Note\n${uniqueProfileUrl()},a\nnot a url,b\n${uniqueProfileUrl()},c\n${uniqueProfileUrl()},d\nonly\n`;
      const created = await postRaw(server(), tenant.fullKey, 'text/csv', csv, { prospectListId: tenant.listId });
      assert.equal(created.status, 202, created.text);
      const job = await waitForJob(server(), tenant.fullKey, created.body.id);
      assert.equal(job.state, 'completed_with_errors');
      const chunks = await stagedChunks(server(), job.id);
      assert.deepEqual(
        chunks.map((c) => (JSON.parse(c.rows) as { n: number }[]).map((row) => row.n)),
        [[2], [], [5]],
        'each chunk keeps only the rows that were not imported',
      );
      const failed = await server().request(`/v1/imports/${job.id}/failed-rows.csv`, { key: tenant.fullKey });
      assert.equal(failed.status, 200, failed.text);
      const lines = parse(failed.text, { relax_column_count: true }) as string[][];
      assert.deepEqual(lines.map((line) => line.slice(0, 2)), [['url', 'Note'], ['not a url', 'b'], ['only', '']]);
      // The undo still finds every chunk's import.
      const undone = await server().request(`/v1/imports/${job.id}/undo`, { method: 'POST', key: tenant.fullKey });
      assert.equal(undone.status, 200, undone.text);
      assert.equal(undone.body.counts.removed, 3);
    });

    test('a job canceled before it ran keeps no staged rows', async () => {
      const tenant = await createTenant(idle().database);
      const body = Array.from({ length: 5 }, () => JSON.stringify({ url: uniqueProfileUrl() })).join('\n');
      const created = await postRaw(idle(), tenant.fullKey, 'application/x-ndjson', body, { prospectListId: tenant.listId });
      assert.equal(created.status, 202, created.text);
      assert.equal((await stagedChunks(idle(), created.body.id)).length, 3);
      const canceled = await idle().request(`/v1/imports/${created.body.id}/cancel`, { method: 'POST', key: tenant.fullKey });
      assert.equal(canceled.body.state, 'canceled', canceled.text);
      assert.deepEqual(await stagedChunks(idle(), created.body.id), []);
    });

    test('an ended job, its results and staged rows go after the retention, not before the undo window; a running job stays', async () => {
      const tenant = await createTenant(server().database);
      const created = await postRaw(server(), tenant.fullKey, 'application/x-ndjson', `${JSON.stringify({ url: uniqueProfileUrl() })}\n{broken`, { prospectListId: tenant.listId });
      const job = await waitForJob(server(), tenant.fullKey, created.body.id);
      assert.equal((await allResults(server(), tenant.fullKey, job.id)).length, 2);

      // Three days on: past IMPORT_RETENTION_DAYS (2), inside UNDO_WINDOW_DAYS (5): kept.
      await server().app.importRunner.purgeEnded(Date.now() + 3 * DAY_MS);
      assert.equal((await server().request(`/v1/imports/${job.id}`, { key: tenant.fullKey })).status, 200);

      await server().app.importRunner.purgeEnded(Date.now() + 6 * DAY_MS);
      assert.equal((await server().request(`/v1/imports/${job.id}`, { key: tenant.fullKey })).status, 404);
      assert.equal((await server().request(`/v1/imports/${job.id}/results`, { key: tenant.fullKey })).status, 404);
      const left = await server().database.db.selectFrom('import_job_results').select('row_number').where('job_id', '=', job.id).execute();
      assert.deepEqual(left, []);
      assert.deepEqual(await stagedChunks(server(), job.id), []);
      // The prospects it imported stay: only the job's record goes.
      const page = await server().request(`/v1/prospects?listId=${tenant.listId}`, { key: tenant.fullKey });
      assert.equal(page.body.data.length, 1);
    });

    test('the purge leaves queued and running jobs alone, however old', async () => {
      const tenant = await createTenant(idle().database);
      const body = Array.from({ length: 3 }, () => JSON.stringify({ url: uniqueProfileUrl() })).join('\n');
      const queued = await postRaw(idle(), tenant.fullKey, 'application/x-ndjson', body, { prospectListId: tenant.listId });
      const running = await postRaw(idle(), tenant.fullKey, 'application/x-ndjson', body, { prospectListId: tenant.listId });
      const now = Date.now();
      const claimed = await inTransaction(idle().database, (trx) => claimJob(trx, running.body.id, tenant.user.id, 'test-owner', nowIso(now), nowIso(now + 60_000), 5));
      assert.equal(claimed?.state, 'running');

      await idle().app.importRunner.purgeEnded(Date.now() + 400 * DAY_MS);
      for (const [id, state] of [[queued.body.id, 'queued'], [running.body.id, 'running']] as const) {
        const answer = await idle().request(`/v1/imports/${id}`, { key: tenant.fullKey });
        assert.equal(answer.body.state, state, answer.text);
        assert.equal((await stagedChunks(idle(), id)).length, 2, 'its staged rows are all there');
      }
    });
  });
}
