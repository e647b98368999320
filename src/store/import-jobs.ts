import type { Db } from './db.js';
import { insertRows, isPostgres, runSql } from './dialect.js';
import type { ImportJobRow, ImportJobsTable } from './schema.js';

/**
 * Import jobs (docs/v1.md#import-jobs): the job rows, their staged chunks and per-row results. Every
 * read of a user's job takes the user id; the runner's writes take the lease owner, and a write
 * whose owner lost the lease changes nothing.
 */

export type CodeCounts = Record<string, number>;

export async function insertStagingJob(db: Db, row: Pick<ImportJobsTable, 'id' | 'user_id' | 'api_key_id' | 'format' | 'options' | 'idempotency_key' | 'request_hash' | 'file_name'> & { at: string }): Promise<void> {
  const { at, ...job } = row;
  await db.insertInto('import_jobs').values({ ...job, state: 'staging', created_at: at, updated_at: at }).execute();
}

export async function insertChunk(db: Db, jobId: string, chunk: number, firstRow: number, rows: string): Promise<void> {
  await db.insertInto('import_job_chunks').values({ job_id: jobId, chunk, first_row: firstRow, rows }).execute();
}

/** The upload is all staged: the job waits for a runner. */
export async function queueJob(db: Db, jobId: string, staged: { columns: string | null; totalRows: number; chunkCount: number; at: string }): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ state: 'queued', columns: staged.columns, total_rows: staged.totalRows, chunk_count: staged.chunkCount, updated_at: staged.at })
    .where('id', '=', jobId)
    .where('state', '=', 'staging')
    .execute();
}

/** A job whose upload was refused or broke off: it and its chunks go. */
export async function deleteStagingJob(db: Db, jobId: string): Promise<void> {
  await db.deleteFrom('import_job_chunks').where('job_id', '=', jobId).execute();
  await db.deleteFrom('import_jobs').where('id', '=', jobId).where('state', '=', 'staging').execute();
}

/** Uploads abandoned before `before` (their process died mid-upload). */
export async function purgeStagingJobs(db: Db, before: string): Promise<void> {
  const stale = await db.selectFrom('import_jobs').select('id').where('state', '=', 'staging').where('created_at', '<', before).execute();
  for (const { id } of stale) await deleteStagingJob(db, id);
}

export function findJob(db: Db, userId: string, jobId: string): Promise<ImportJobRow | undefined> {
  return db.selectFrom('import_jobs').selectAll().where('user_id', '=', userId).where('id', '=', jobId).where('state', '<>', 'staging').executeTakeFirst();
}

export function findJobByKey(db: Db, userId: string, key: string): Promise<ImportJobRow | undefined> {
  return db.selectFrom('import_jobs').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();
}

/** The user's jobs, newest first, before an id. */
export function listJobs(db: Db, userId: string, limit: number, beforeId?: string): Promise<ImportJobRow[]> {
  let query = db.selectFrom('import_jobs').selectAll().where('user_id', '=', userId).where('state', '<>', 'staging');
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** The activity entries (import requests) of a job's committed chunks, in chunk order. */
export async function jobActivityIds(db: Db, jobIds: readonly string[]): Promise<Map<string, string[]>> {
  const byJob = new Map<string, string[]>(jobIds.map((id) => [id, []]));
  if (jobIds.length === 0) return byJob;
  const rows = await db
    .selectFrom('import_job_chunks')
    .select(['job_id', 'activity_id'])
    .where('job_id', 'in', [...jobIds])
    .where('activity_id', 'is not', null)
    .orderBy('job_id')
    .orderBy('chunk')
    .execute();
  for (const row of rows) byJob.get(row.job_id)?.push(row.activity_id!);
  return byJob;
}

/**
 * Cancels a job: a queued one at once, a running one at its runner's next chunk. Answers the job
 * as it now is, or undefined when it is not the user's.
 */
export async function requestCancel(db: Db, userId: string, jobId: string, at: string): Promise<ImportJobRow | undefined> {
  const canceled = await db.updateTable('import_jobs').set({ state: 'canceled', finished_at: at, updated_at: at }).where('user_id', '=', userId).where('id', '=', jobId).where('state', '=', 'queued').executeTakeFirst();
  // A job canceled before it ran needs none of its staged rows (docs/v1.md#import-jobs, "Retention").
  if (Number(canceled.numUpdatedRows) === 1) await deleteChunksFrom(db, jobId, 0);
  await db.updateTable('import_jobs').set({ cancel_requested: 1, updated_at: at }).where('user_id', '=', userId).where('id', '=', jobId).where('state', '=', 'running').execute();
  return findJob(db, userId, jobId);
}

/** Marks an ended job reverted (its imports undone: docs/v1.md#import-jobs). False when it had not ended or is not the user's. */
export async function markJobReverted(trx: Db, userId: string, jobId: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('import_jobs')
    .set({ state: 'reverted', updated_at: at })
    .where('user_id', '=', userId)
    .where('id', '=', jobId)
    .where('state', 'in', ['completed', 'completed_with_errors', 'failed', 'canceled'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Jobs a runner may take: queued ones, oldest first, and running ones whose lease ran out (their
 * instance died or hung). Read without a lock: claimJob decides.
 */
export function claimableJobs(db: Db, now: string, limit: number) {
  return db
    .selectFrom('import_jobs')
    .select(['id', 'user_id', 'state'])
    .where((eb) => eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'running'), eb('lease_until', '<', now)])]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Leases a job to `owner`, in the caller's transaction. A queued job starts only while its user runs
 * fewer than `perUser` jobs (the user's row is locked first on PostgreSQL, so two instances cannot
 * both start the one job too many). Answers the job, or undefined when another runner got it first.
 */
export async function claimJob(trx: Db, jobId: string, userId: string, owner: string, now: string, leaseUntil: string, perUser: number): Promise<ImportJobRow | undefined> {
  if (isPostgres(trx)) await runSql(trx, 'select id from users where id = ? for update', [userId]);
  const [running] = await runSql<{ n: number }>(trx, "select count(*) as n from import_jobs where user_id = ? and state = 'running' and id <> ?", [userId, jobId]);
  const full = Number(running?.n ?? 0) >= perUser;
  const [claimed] = await runSql<{ id: string }>(
    trx,
    `update import_jobs set state = 'running', lease_owner = ?, lease_until = ?, started_at = coalesce(started_at, ?), updated_at = ?
     where id = ? and ((state = 'queued' and ? = 0) or (state = 'running' and lease_until < ?)) returning id`,
    [owner, leaseUntil, now, now, jobId, full ? 1 : 0, now],
  );
  if (!claimed) return undefined;
  return trx.selectFrom('import_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
}

/** The heartbeat: extends the lease while `owner` holds it; false when it was lost. */
export async function renewLease(db: Db, jobId: string, owner: string, leaseUntil: string): Promise<boolean> {
  const result = await db.updateTable('import_jobs').set({ lease_until: leaseUntil }).where('id', '=', jobId).where('lease_owner', '=', owner).where('state', '=', 'running').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives a lease back (a graceful stop): another instance may take the job over at once. */
export async function releaseLease(db: Db, jobId: string, owner: string, at: string): Promise<void> {
  await db.updateTable('import_jobs').set({ lease_until: at }).where('id', '=', jobId).where('lease_owner', '=', owner).where('state', '=', 'running').execute();
}

/**
 * The first statement of a chunk's transaction: the job as `owner` holds it at `chunk`, with its
 * row locked until commit (PostgreSQL) — or undefined when the lease was lost or the chunk is
 * already committed, and then nothing may be written.
 */
export async function holdJobAt(trx: Db, jobId: string, owner: string, chunk: number, leaseUntil: string): Promise<ImportJobRow | undefined> {
  const [held] = await runSql<{ id: string }>(
    trx,
    "update import_jobs set lease_until = ? where id = ? and lease_owner = ? and state = 'running' and next_chunk = ? returning id",
    [leaseUntil, jobId, owner, chunk],
  );
  if (!held) return undefined;
  return trx.selectFrom('import_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
}

export async function readChunk(db: Db, jobId: string, chunk: number): Promise<{ rows: string; first_row: number } | undefined> {
  return db.selectFrom('import_job_chunks').select(['rows', 'first_row']).where('job_id', '=', jobId).where('chunk', '=', chunk).executeTakeFirst();
}

export async function setChunkActivity(trx: Db, jobId: string, chunk: number, activityId: string): Promise<void> {
  await trx.updateTable('import_job_chunks').set({ activity_id: activityId }).where('job_id', '=', jobId).where('chunk', '=', chunk).execute();
}

/** A committed chunk's counters: added to the job's, with next_chunk moved past it. */
export async function advanceJob(
  trx: Db,
  job: ImportJobRow,
  done: { rows: number; failed: number; importCodes: CodeCounts; campaignCodes: CodeCounts; warnings: readonly JobWarning[]; at: string },
): Promise<void> {
  await trx
    .updateTable('import_jobs')
    .set({
      next_chunk: Number(job.next_chunk) + 1,
      rows_done: Number(job.rows_done) + done.rows,
      failed_rows: Number(job.failed_rows) + done.failed,
      import_codes: JSON.stringify(addCounts(JSON.parse(job.import_codes) as CodeCounts, done.importCodes)),
      campaign_codes: JSON.stringify(addCounts(JSON.parse(job.campaign_codes) as CodeCounts, done.campaignCodes)),
      ...(done.warnings.length > 0 ? { warnings: JSON.stringify(addWarnings(JSON.parse(job.warnings) as JobWarning[], done.warnings)), warning_count: Number(job.warning_count) + done.warnings.length } : {}),
      updated_at: done.at,
    })
    .where('id', '=', job.id)
    .execute();
}

export interface JobWarning {
  row: number;
  path: string;
  message: string;
}

/** A job keeps its first warnings only (and counts them all): a file may have an unknown column on every line. */
export const JOB_WARNINGS_MAX = 100;

function addWarnings(kept: readonly JobWarning[], more: readonly JobWarning[]): JobWarning[] {
  return [...kept, ...more.slice(0, Math.max(0, JOB_WARNINGS_MAX - kept.length))];
}

export function addCounts(into: CodeCounts, more: CodeCounts): CodeCounts {
  const sum = { ...into };
  for (const [code, n] of Object.entries(more)) sum[code] = (sum[code] ?? 0) + n;
  return sum;
}

/** The end of a job, by the runner holding it. */
export async function finishJob(trx: Db, jobId: string, owner: string, state: ImportJobRow['state'], error: string | null, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('import_jobs')
    .set({ state, error, finished_at: at, updated_at: at, lease_owner: null, lease_until: null })
    .where('id', '=', jobId)
    .where('lease_owner', '=', owner)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface ResultRow {
  row: number;
  url: string | null;
  importCode: string;
  campaignCode: string | null;
  prospectId: string | null;
  message: string | null;
}

const RESULT_COLUMNS = [
  ['job_id', 'text'],
  ['row_number', 'integer'],
  ['url', 'text'],
  ['import_code', 'text'],
  ['campaign_code', 'text'],
  ['prospect_id', 'text'],
  ['message', 'text'],
] as const;

export async function insertResults(trx: Db, jobId: string, results: readonly ResultRow[]): Promise<void> {
  await insertRows(trx, 'import_job_results', RESULT_COLUMNS, results.map((r) => [jobId, r.row, r.url, r.importCode, r.campaignCode, r.prospectId, r.message]));
}

/** A job's results in row order after a row number, optionally of one importCode (or several), or of none of `exceptCodes`. */
export function listResults(db: Db, jobId: string, options: { afterRow?: number; importCodes?: readonly string[]; exceptCodes?: readonly string[]; limit: number; fromRow?: number; toRow?: number }) {
  let query = db.selectFrom('import_job_results').selectAll().where('job_id', '=', jobId);
  if (options.afterRow !== undefined) query = query.where('row_number', '>', options.afterRow);
  if (options.fromRow !== undefined) query = query.where('row_number', '>=', options.fromRow);
  if (options.toRow !== undefined) query = query.where('row_number', '<=', options.toRow);
  if (options.importCodes !== undefined) query = query.where('import_code', 'in', [...options.importCodes]);
  if (options.exceptCodes !== undefined) query = query.where('import_code', 'not in', [...options.exceptCodes]);
  return query.orderBy('row_number').limit(options.limit).execute();
}

/**
 * A committed chunk keeps, of its staged rows, only those the failed-rows file reads back (the rows
 * that were not imported): the others were needed only to run it (docs/v1.md#import-jobs, "Retention").
 */
export async function keepChunkRows(trx: Db, jobId: string, chunk: number, rows: string): Promise<void> {
  await trx.updateTable('import_job_chunks').set({ rows }).where('job_id', '=', jobId).where('chunk', '=', chunk).execute();
}

/** The chunks an ended job never ran (it was canceled or failed before them) go. */
export async function deleteChunksFrom(trx: Db, jobId: string, chunk: number): Promise<void> {
  await trx.deleteFrom('import_job_chunks').where('job_id', '=', jobId).where('chunk', '>=', chunk).execute();
}

const ENDED_STATES = ['completed', 'completed_with_errors', 'failed', 'canceled', 'reverted'] as const;

/**
 * Jobs that ended before `before` go, with their chunks and results (docs/v1.md#import-jobs, "Retention"), at
 * most `limit` per call: answers how many went. A job still staging, queued or running is never
 * touched (it has no finished_at).
 */
export async function purgeEndedJobs(db: Db, before: string, limit: number): Promise<number> {
  const ended = await db.selectFrom('import_jobs').select('id').where('state', 'in', [...ENDED_STATES]).where('finished_at', '<', before).orderBy('id').limit(limit).execute();
  const ids = ended.map((row) => row.id);
  if (ids.length === 0) return 0;
  await db.deleteFrom('import_job_results').where('job_id', 'in', ids).execute();
  await db.deleteFrom('import_job_chunks').where('job_id', 'in', ids).execute();
  await db.deleteFrom('import_jobs').where('id', 'in', ids).where('state', 'in', [...ENDED_STATES]).execute();
  return ids.length;
}

/** The staged chunks of a job, in order, from `chunk` on (for the failed-rows file). */
export function chunksFrom(db: Db, jobId: string, chunk: number, limit: number) {
  return db.selectFrom('import_job_chunks').select(['chunk', 'first_row', 'rows']).where('job_id', '=', jobId).where('chunk', '>=', chunk).orderBy('chunk').limit(limit).execute();
}

/** What a job's runner needs to act as the job's user: the plan's and the user's permissions and limits, the team. */
export function jobUserRow(db: Db, userId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('plans as p', 'p.id', 'u.plan_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select(['u.id as userId', 'p.permissions as planPermissions', 'u.permissions as userPermissions', 'p.crm_limit as planCrmLimit', 'u.crm_limit as userCrmLimit', 't.id as teamId', 't.dedup_enabled as teamDedup'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
