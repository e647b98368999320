import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startCluster, type Cluster, type Instance } from '../../scripts/cluster.js';
import type { Database, Engine } from '../../src/store/database.js';
import { ENGINES, freshDatabase } from '../support/engines.js';
import { allResults, countsOf } from '../support/import-jobs.js';
import { assertDatabaseInvariants } from '../support/invariants.js';
import { send, type TestServer } from '../support/server.js';
import { createTenant, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

/**
 * Crash safety and leases (docs/v1.md#import-jobs): SIGKILL the instance running a job in the
 * middle of it; after a restart (or on the other instance) the job goes on from its last committed
 * chunk. Checked from the database itself: every row has exactly one result, no profile was
 * imported twice, the job's counters equal the sum of its results, and the counts are exact.
 */

const ROWS = 6000;
const ENV = { MAX_BATCH: '100', IMPORT_POLL_MS: '20', IMPORT_LEASE_MS: '1500', LOG_LEVEL: 'info', RATE_LIMIT: 'off', DB_POOL_SIZE: '4' };

/** A file whose rows name ROWS / 2 profiles, each twice (a later row is a duplicate of an earlier one). */
function file(): string {
  const urls = Array.from({ length: ROWS / 2 }, () => uniqueProfileUrl('crash'));
  return [...urls, ...urls].map((url, i) => JSON.stringify({ url, customProfile: { firstName: `R${i}` } })).join('\n');
}

/** A TestServer-like view of one instance, for the shared helpers. */
function viewOf(instance: Instance, database: Database): TestServer {
  return { request: (path, init) => send(instance.url, path, init), database } as TestServer;
}

async function jobRow(database: Database, id: string) {
  return database.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Waits (polling the database) until `check` holds for the job row. */
async function until(database: Database, id: string, check: (row: Awaited<ReturnType<typeof jobRow>>) => boolean) {
  for (;;) {
    const row = await jobRow(database, id);
    if (check(row)) return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The guarantees after any crash: one result per committed row, counters = results, no double prospect. */
async function assertConsistent(database: Database, tenant: Tenant, id: string): Promise<void> {
  const row = await jobRow(database, id);
  const results = await database.db.selectFrom('import_job_results').select(['row_number', 'import_code', 'campaign_code']).where('job_id', '=', id).orderBy('row_number').execute();
  assert.equal(results.length, Number(row.rows_done), 'one result per row done');
  assert.deepEqual(results.map((r) => Number(r.row_number)), Array.from({ length: results.length }, (_, i) => i + 1), 'the committed rows are the first ones, each once');
  const counts = countsOf(results.map((r) => ({ importCode: r.import_code, addToCampaignCode: r.campaign_code })));
  assert.deepEqual(JSON.parse(row.import_codes), counts.importCodes, 'the counters are the sum of the results');
  const prospects = await database.db.selectFrom('prospects').select('id').where('user_id', '=', tenant.user.id).execute();
  assert.equal(prospects.length, counts.importCodes.success ?? 0, 'one prospect per row that succeeded, none twice');
  await assertDatabaseInvariants(database);
}

async function assertFinished(database: Database, instance: Instance, tenant: Tenant, id: string): Promise<void> {
  const row = await until(database, id, (r) => r.state !== 'running' && r.state !== 'queued');
  assert.equal(row.state, 'completed');
  await assertConsistent(database, tenant, id);
  const results = await allResults(viewOf(instance, database), tenant.fullKey, id);
  assert.equal(results.length, ROWS);
  assert.deepEqual(countsOf(results).importCodes, { success: ROWS / 2, duplicated_prospect: ROWS / 2 });
}

async function start(url: string, env: Record<string, string>, instances = 1): Promise<Cluster> {
  return startCluster({ databaseUrl: url, instances, runtime: 'source', env: { ...ENV, ...env } });
}

async function createJob(instance: Instance, tenant: Tenant): Promise<string> {
  const created = await send(instance.url, `/v1/imports?prospectListId=${tenant.listId}`, { method: 'POST', key: tenant.fullKey, rawBody: file(), headers: { 'content-type': 'application/x-ndjson' } });
  assert.equal(created.status, 202, created.text);
  return created.body.id as string;
}

for (const engine of ENGINES) {
  describe(`import jobs: crash and resume (${engine})`, () => {
    test('SIGKILL mid-job: the restarted server resumes from the last committed chunk; no row twice, exact counters', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const tenant = await createTenant(fresh.database);
      const first = await start(fresh.url, {});
      const id = await createJob(first.instances[0]!, tenant);
      const before = await until(fresh.database, id, (r) => Number(r.rows_done) >= 1000);
      await first.instances[0]!.stop('SIGKILL');
      const atKill = await jobRow(fresh.database, id);
      assert.ok(Number(atKill.rows_done) < ROWS, `killed mid-job (${atKill.rows_done} of ${ROWS} rows done; ${before.rows_done} when the kill was decided)`);
      assert.equal(atKill.state, 'running');
      await assertConsistent(fresh.database, tenant, id);

      const second = await start(fresh.url, {});
      t.after(async () => void (await second.stop()));
      await assertFinished(fresh.database, second.instances[0]!, tenant, id);
      assert.match(second.instances[0]!.output(), new RegExp(`"jobId":"${id}","owner":"[^"]+","chunk":${Number(atKill.next_chunk)}`), 'taken over at the chunk after the last committed one');
    });
  });
}

describe('import jobs: two instances on PostgreSQL', () => {
  test('one runner at a time; the other takes the job over when the runner is killed', { skip: !ENGINES.includes('postgres' as Engine) && 'needs PostgreSQL' }, async (t) => {
    const fresh = await freshDatabase('postgres');
    t.after(() => fresh.drop());
    const tenant = await createTenant(fresh.database);
    const cluster = await start(fresh.url, {}, 2);
    t.after(async () => void (await Promise.all(cluster.instances.map((i) => i.stop()))));
    const id = await createJob(cluster.instances[0]!, tenant);
    await until(fresh.database, id, (r) => Number(r.rows_done) >= 1000);
    const claimLine = new RegExp(`"jobId":"${id}","owner":"([^"]+)"`);
    const runners = cluster.instances.filter((i) => claimLine.test(i.output()));
    assert.equal(runners.length, 1, 'one instance runs the job');
    const runner = runners[0]!;
    const other = cluster.instances.find((i) => i !== runner)!;
    await runner.stop('SIGKILL');
    await assertConsistent(fresh.database, tenant, id);
    await assertFinished(fresh.database, other, tenant, id);
    assert.match(other.output(), claimLine, 'the other instance took the job over');
    assert.doesNotMatch(other.output(), /import job failed/);
  });
});
