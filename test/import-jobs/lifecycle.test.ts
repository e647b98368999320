import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runChunk } from '../../src/services/import-jobs/run-chunk.js';
import { ImportJobRunner } from '../../src/services/import-jobs/runner.js';
import { claimJob } from '../../src/store/import-jobs.js';
import { nowIso } from '../../src/store/time.js';
import { inTransaction } from '../../src/store/transaction.js';
import type { Database } from '../../src/store/database.js';
import { assertProblem, prospectRows } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { allResults, countsOf, postRaw, waitForJob } from '../support/import-jobs.js';
import { sharedServer } from '../support/server.js';
import { createTenant, uniqueProfileUrl } from '../support/tenant.js';

const jsonl = (n: number) => Array.from({ length: n }, () => JSON.stringify({ url: uniqueProfileUrl() })).join('\n');

/** Leases a job to `owner` as a runner would (the server of these tests runs none: IMPORT_RUNNER_SLOTS=0). */
function claim(database: Database, job: { id: string }, userId: string, owner: string, perUser = 2) {
  const now = Date.now();
  return inTransaction(database, (trx) => claimJob(trx, job.id, userId, owner, nowIso(now), nowIso(now + 60_000), perUser));
}

for (const engine of ENGINES) {
  describe(`import jobs: limits, idempotency, cancel, progress, events (${engine})`, () => {
    const server = sharedServer(engine, { IMPORT_POLL_MS: '20', IMPORT_MAX_BYTES: '4000', IMPORT_MAX_ROWS: '20', RATE_LIMIT: 'off' });
    const idle = sharedServer(engine, { IMPORT_RUNNER_SLOTS: '0', MAX_BATCH: '2', IMPORT_JOBS_PER_USER: '1' });

    test('limits and refusals answer their problem and leave no job behind', async () => {
      const tenant = await createTenant(server().database);
      // Fewer rows than IMPORT_MAX_ROWS, more bytes than IMPORT_MAX_BYTES: the size is what refuses it.
      const big = `url,note\n${Array.from({ length: 10 }, () => `${uniqueProfileUrl()},${'n'.repeat(500)}`).join('\n')}`;
      const tooLarge = await postRaw(server(), tenant.fullKey, 'text/csv', big, { prospectListId: tenant.listId });
      assertProblem(tooLarge, 413, 'V000413-010');
      assert.equal(tooLarge.body.maxBytes, 4000);
      const tooMany = await postRaw(server(), tenant.fullKey, 'application/x-ndjson', jsonl(21), { prospectListId: tenant.listId });
      assertProblem(tooMany, 400, 'V000400-010');
      assert.equal(tooMany.body.maxRows, 20);
      const unmapped = await postRaw(server(), tenant.fullKey, 'text/csv', 'Who,Name\nx,y\n', { prospectListId: tenant.listId, map: 'Nobody=url' });
      assertProblem(unmapped, 400, 'V000400-011');
      assert.match(unmapped.body.detail, /"Nobody", which is not a column/);
      assert.match(unmapped.body.detail, /no column is mapped to url/);
      assertProblem(await postRaw(server(), tenant.fullKey, 'text/csv', 'url\n', { prospectListId: tenant.listId, map: 'url=nonsense' }), 400, 'V000400-011');
      assertProblem(await postRaw(server(), tenant.fullKey, 'text/plain', 'url\n', { prospectListId: tenant.listId }), 415, 'V000415-010');
      assert.deepEqual(assertProblem(await postRaw(server(), tenant.fullKey, 'text/csv', 'url\n', {}), 400, 'V000400-001').errors, [{ path: 'querystring/prospectListId', message: 'name the list to import into' }]);
      const other = await createTenant(server().database);
      assertProblem(await postRaw(server(), tenant.fullKey, 'text/csv', 'url\n', { prospectListId: other.listId }), 404, 'R000404-002');
      const free = await createTenant(server().database, { plan: 'advanced' });
      assertProblem(await server().request('/v1/imports', { key: free.fullKey, body: { prospectListId: free.listId, canCreateDuplicates: true, prospects: [{ url: uniqueProfileUrl() }] } }), 403, 'M000401-001');
      const unknownField = await server().request('/v1/imports', { key: tenant.fullKey, body: { prospectListId: tenant.listId, prospects: [{ url: uniqueProfileUrl() }], listId: 'x' } });
      assertProblem(unknownField, 400, 'V000400-001');
      const list = await server().request('/v1/imports', { key: tenant.fullKey });
      assert.deepEqual(list.body.data, [], 'a refused upload leaves no job');
    });

    test("another user's job answers exactly like a missing one", async () => {
      const alice = await createTenant(server().database);
      const bob = await createTenant(server().database);
      const created = await postRaw(server(), alice.fullKey, 'application/x-ndjson', jsonl(1), { prospectListId: alice.listId });
      for (const path of ['', '/results', '/failed-rows.csv', '/events']) {
        const foreign = await server().request(`/v1/imports/${created.body.id}${path}`, { key: bob.fullKey });
        const missing = await server().request(`/v1/imports/ffffffffffffffffffffffff${path}`, { key: bob.fullKey });
        assert.deepEqual([foreign.status, foreign.body.code], [missing.status, missing.body.code]);
        assert.equal(foreign.status, 404);
      }
      assertProblem(await server().request(`/v1/imports/${created.body.id}/cancel`, { method: 'POST', key: bob.fullKey }), 404, 'R000404-001');
      await waitForJob(server(), alice.fullKey, created.body.id);
    });

    test('an Idempotency-Key gets the same job back; another body under it is refused', async () => {
      const tenant = await createTenant(server().database);
      const body = jsonl(3);
      const first = await postRaw(server(), tenant.fullKey, 'application/x-ndjson', body, { prospectListId: tenant.listId }, { 'idempotency-key': 'upload-1' });
      assert.equal(first.status, 202, first.text);
      const again = await postRaw(server(), tenant.fullKey, 'application/x-ndjson', body, { prospectListId: tenant.listId }, { 'idempotency-key': 'upload-1' });
      assert.equal(again.status, 202);
      assert.equal(again.body.id, first.body.id);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assertProblem(await postRaw(server(), tenant.fullKey, 'application/x-ndjson', jsonl(3), { prospectListId: tenant.listId }, { 'idempotency-key': 'upload-1' }), 422, 'I000422-001');
      const job = await waitForJob(server(), tenant.fullKey, first.body.id);
      assert.equal(job.rows.done, 3);
      assert.equal((await prospectRows(server().database, tenant.user.id)).length, 3, 'imported once');
    });

    test('progress as server-sent events, ending with the job as it ended; import.completed once for the job', async () => {
      const tenant = await createTenant(server().database);
      const created = await postRaw(server(), tenant.fullKey, 'application/x-ndjson', jsonl(15), { prospectListId: tenant.listId, campaignId: tenant.campaigns.running.id });
      const stream = await fetch(`${server().baseUrl}/v1/imports/${created.body.id}/events`, { headers: { authorization: `Bearer ${tenant.fullKey}` } });
      assert.equal(stream.status, 200);
      assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
      const events = (await stream.text())
        .split('\n\n')
        .filter((block) => block.startsWith('event:'))
        .map((block) => ({ type: /^event: (\w+)/.exec(block)![1], job: JSON.parse(/\ndata: (.*)/.exec(block)![1]!) }));
      const last = events.at(-1)!;
      assert.deepEqual([last.type, last.job.state, last.job.rows.done], ['end', 'completed', 15]);
      const done = events.map((e) => e.job.rows.done);
      assert.deepEqual(done, [...done].sort((a, b) => a - b), 'rows done never go back');
      const feed = await server().request('/v1/events?types=import.completed', { key: tenant.fullKey });
      assert.deepEqual(
        feed.body.data.map((e: any) => e.data),
        [{ activityId: null, jobId: created.body.id, listId: tenant.listId, campaignId: tenant.campaigns.running.id, origin: 'import-job', prospectCount: 15, importCodes: { success: 15 }, addToCampaignCodes: { success: 15 } }],
      );
    });

    test('cancel: a queued job at once; a running one at its next chunk, the rows done staying done and reported', async () => {
      const { database } = idle();
      const tenant = await createTenant(database);
      const queued = await postRaw(idle(), tenant.fullKey, 'application/x-ndjson', jsonl(3), { prospectListId: tenant.listId });
      const canceled = await idle().request(`/v1/imports/${queued.body.id}/cancel`, { method: 'POST', key: tenant.fullKey });
      assert.deepEqual([canceled.status, canceled.body.state, canceled.body.rows.done], [200, 'canceled', 0]);
      assertProblem(await idle().request(`/v1/imports/${queued.body.id}/cancel`, { method: 'POST', key: tenant.fullKey }), 409, 'R000409-010');

      const created = await postRaw(idle(), tenant.fullKey, 'application/x-ndjson', jsonl(9), { prospectListId: tenant.listId });
      assert.ok(await claim(database, created.body, tenant.user.id, 'runner-a'));
      assert.equal(await runChunk(database, created.body.id, 'runner-a', 0, 60_000), 'next');
      assert.equal(await runChunk(database, created.body.id, 'runner-a', 1, 60_000), 'next');
      const asked = await idle().request(`/v1/imports/${created.body.id}/cancel`, { method: 'POST', key: tenant.fullKey });
      assert.deepEqual([asked.status, asked.body.state], [200, 'running'], 'a running job stops at its next chunk');
      assert.equal(await runChunk(database, created.body.id, 'runner-a', 2, 60_000), 'finished');
      const job = (await idle().request(`/v1/imports/${created.body.id}`, { key: tenant.fullKey })).body;
      assert.deepEqual([job.state, job.rows], ['canceled', { done: 4, total: 9, failed: 0 }]);
      const results = await allResults(idle(), tenant.fullKey, job.id);
      assert.deepEqual(results.map((r) => r.row), [1, 2, 3, 4]);
      assert.deepEqual(countsOf(results).importCodes, job.importCodes);
      assert.equal((await prospectRows(database, tenant.user.id)).length, 4 + 0);
      const feed = await idle().request('/v1/events?types=import.canceled', { key: tenant.fullKey });
      assert.deepEqual(feed.body.data.map((e: any) => [e.data.jobId, e.data.rowsDone, e.data.rowsTotal]), [[job.id, 4, 9]]);
    });

    test("a user's jobs beyond IMPORT_JOBS_PER_USER stay queued; another user's job runs", async () => {
      const { database } = idle();
      const [ann, bob] = [await createTenant(database), await createTenant(database)];
      const first = await postRaw(idle(), ann.fullKey, 'application/x-ndjson', jsonl(1), { prospectListId: ann.listId });
      const second = await postRaw(idle(), ann.fullKey, 'application/x-ndjson', jsonl(1), { prospectListId: ann.listId });
      const bobs = await postRaw(idle(), bob.fullKey, 'application/x-ndjson', jsonl(1), { prospectListId: bob.listId });
      assert.ok(await claim(database, first.body, ann.user.id, 'runner-a', 1));
      assert.equal(await claim(database, second.body, ann.user.id, 'runner-b', 1), undefined, 'Ann already runs one job');
      assert.equal((await idle().request(`/v1/imports/${second.body.id}`, { key: ann.fullKey })).body.state, 'queued');
      assert.ok(await claim(database, bobs.body, bob.user.id, 'runner-b', 1));
      assert.equal(await runChunk(database, first.body.id, 'runner-a', 0, 60_000), 'next');
      assert.equal(await runChunk(database, first.body.id, 'runner-a', 1, 60_000), 'finished');
      assert.ok(await claim(database, second.body, ann.user.id, 'runner-b', 1), 'her first job ended: the second may run');
    });

    test('a job whose list is deleted before it runs fails with the reason', async () => {
      const { database } = idle();
      const tenant = await createTenant(database);
      const doomed = await postRaw(idle(), tenant.fullKey, 'application/x-ndjson', jsonl(4), { prospectListId: tenant.lists[1]!.id });
      await idle().request(`/v1/lists/${tenant.lists[1]!.id}`, { method: 'DELETE', key: tenant.fullKey });
      const runner = new ImportJobRunner(database, { importJobsPerUser: 5, importRunnerSlots: 1, importLeaseMs: 60_000, importPollMs: 20, importRetentionDays: 30, undoWindowDays: 7 }, { info: () => {}, warn: () => {} });
      runner.start();
      const failed = await waitForJob(idle(), tenant.fullKey, doomed.body.id);
      await runner.stop();
      assert.equal(failed.state, 'failed');
      assert.match(failed.error, /no prospect list/);
      const feed = await idle().request('/v1/events?types=import.failed', { key: tenant.fullKey });
      assert.deepEqual(feed.body.data.map((e: any) => e.data.jobId), [doomed.body.id]);
    });
  });
}
