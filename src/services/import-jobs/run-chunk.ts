import { countCodes } from '../../engine/decide-import.js';
import { readStagedRow, resolveMapping, type ResolvedMapping, type RowReading, type StagedRow } from '../../engine/import-job-rows.js';
import { ApiProblem } from '../../problems.js';
import { INVALID_ROW } from '../../schemas/import-jobs.js';
import type { Database } from '../../store/database.js';
import { parseJsonArray, type Db } from '../../store/db.js';
import { recordEvent } from '../../store/events.js';
import { advanceJob, deleteChunksFrom, finishJob, holdJobAt, insertResults, keepChunkRows, readChunk, setChunkActivity, type CodeCounts, type JobWarning, type ResultRow } from '../../store/import-jobs.js';
import type { ImportJobRow } from '../../store/schema.js';
import { nowIso } from '../../store/time.js';
import { inTransaction } from '../../store/transaction.js';
import { importBatchIn } from '../import-prospects.js';
import { jobCaller } from './job-caller.js';
import { chunkRequest, optionsOf } from './job-options.js';
import { endEvent } from './job-events.js';

/**
 * One chunk of a job, in ONE transaction (docs/v1.md#import-jobs): hold the job at this chunk
 * (nothing is written unless this runner still holds the lease and the chunk is not committed
 * yet), read the staged rows, import the readable ones exactly as a request of the compatible
 * endpoint would (importBatchIn), record each row's result, add the counters, move past the
 * chunk — and end the job after its last chunk or on a cancel. A crash anywhere leaves the chunk
 * wholly done or wholly to do.
 */

export type ChunkOutcome = 'next' | 'finished' | 'lost';

/** Import codes of a row that was not imported and could be fixed and sent again (the failed-rows file). */
export const FAILED_IMPORT_CODES: ReadonlySet<string> = new Set([INVALID_ROW, 'max_limit_crm', 'custom_variable_exceeds_1000_chars', 'failed_to_change_prospect_list', 'server_error', 'unknown_error']);

export async function runChunk(database: Database, jobId: string, owner: string, chunk: number, leaseMs: number): Promise<ChunkOutcome> {
  return inTransaction(database, async (trx) => {
      const job = await holdJobAt(trx, jobId, owner, chunk, nowIso(Date.now() + leaseMs));
      if (!job) return 'lost';
      if (Number(job.cancel_requested) === 1) return (await endJob(trx, job, owner, 'canceled', null)) ? 'finished' : 'lost';
      if (chunk >= Number(job.chunk_count)) {
        const state = Number(job.failed_rows) > 0 ? 'completed_with_errors' : 'completed';
        return (await endJob(trx, job, owner, state, null)) ? 'finished' : 'lost';
      }
      const staged = await readChunk(trx, job.id, chunk);
      if (!staged) throw new Error(`import job ${job.id} has no chunk ${chunk}`);
      const rows = JSON.parse(staged.rows) as StagedRow[];
      const results = await importRows(trx, database, job, rows);
      await insertResults(trx, job.id, results.rows);
      await keepChunkRows(trx, job.id, chunk, JSON.stringify(rows.filter((_, i) => FAILED_IMPORT_CODES.has(results.rows[i]!.importCode))));
      if (results.activityId) await setChunkActivity(trx, job.id, chunk, results.activityId);
      await advanceJob(trx, job, { rows: results.rows.length, failed: results.failed, importCodes: results.importCodes, campaignCodes: results.campaignCodes, warnings: results.warnings, at: nowIso() });
      return 'next';
    },
  );
}

/** Ends the job (state, event) if `owner` still holds it. */
export async function endJob(trx: Db, job: ImportJobRow, owner: string, state: 'completed' | 'completed_with_errors' | 'failed' | 'canceled', error: string | null): Promise<boolean> {
  if (!(await finishJob(trx, job.id, owner, state, error, nowIso()))) return false;
  await deleteChunksFrom(trx, job.id, Number(job.next_chunk));
  const event = endEvent({ ...job, state }, error);
  if (event) await recordEvent(trx, job.user_id, event.type, event.data);
  return true;
}

interface ChunkResults {
  rows: ResultRow[];
  failed: number;
  importCodes: CodeCounts;
  campaignCodes: CodeCounts;
  warnings: JobWarning[];
  activityId: string | null;
}

async function importRows(trx: Db, database: Database, job: ImportJobRow, staged: readonly StagedRow[]): Promise<ChunkResults> {
  const options = optionsOf(job);
  const header = job.columns === null ? null : parseJsonArray(job.columns);
  const context = { header, mapping: header ? mappingOf(header, options.mapping) : null };
  const readings: RowReading[] = staged.map((row) => readStagedRow(row, context));
  const readable = readings.flatMap((reading) => (reading.ok ? [reading] : []));
  let decided: Awaited<ReturnType<typeof importBatchIn>> | null = null;
  if (readable.length > 0) {
    const caller = await jobCaller(trx, job.user_id, job.api_key_id);
    decided = await importBatchIn(trx, database, caller, {
      request: chunkRequest(options, readable.map((r) => r.input)),
      batch: readable.map((r) => r.item),
      origin: options.origin,
      // A job of the web app (a session, no key) is labelled in the feed by its origin as the app
      // names it ("CSV"), as the app's own imports are; a key's job like any API import ("API-…").
      options: { dryRun: options.dryRun ?? false, integrationOrigin: null, warnings: [], jobChunk: true, ...(job.api_key_id === null ? { originLabel: options.origin } : {}) },
    });
  }
  const items = decided?.decision.items ?? [];
  const counts = countCodes(items);
  let next = 0;
  let failed = 0;
  const rows = readings.map((reading, index): ResultRow => {
    const n = staged[index]!.n;
    if (!reading.ok) {
      failed++;
      counts.importCodes[INVALID_ROW] = (counts.importCodes[INVALID_ROW] ?? 0) + 1;
      return { row: n, url: reading.url, importCode: INVALID_ROW, campaignCode: null, prospectId: null, message: reading.reason };
    }
    const item = items[next++]!;
    if (FAILED_IMPORT_CODES.has(item.importCode)) failed++;
    return {
      row: n,
      // An erased person's URL is not stored again (docs/v1.md#privacy-erasure-do-not-contact-access).
      url: item.importCode === 'profile_deleted' ? null : reading.input.url,
      importCode: item.importCode,
      campaignCode: item.addToCampaignCode ?? null,
      prospectId: item.prospect?.id ?? null,
      message: item.message,
    };
  });
  const warnings = readings.flatMap((reading, index) => (reading.ok ? reading.warnings.map((w) => ({ row: staged[index]!.n, ...w })) : []));
  return { rows, failed, warnings, importCodes: counts.importCodes, campaignCodes: counts.addToCampaignCodes, activityId: decided?.activityId ?? null };
}

// A job's mapping was checked against its header when it was created: resolving it again cannot fail.
function mappingOf(header: string[], mapping: Parameters<typeof resolveMapping>[1]): ResolvedMapping {
  const resolved = resolveMapping(header, mapping);
  if (!resolved.ok) throw new ApiProblem('V000400-011', resolved.problems.join('; '));
  return resolved.resolved;
}
