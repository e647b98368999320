import { createHash } from 'node:crypto';
import { resolveMapping, type StagedRow } from '../../engine/import-job-rows.js';
import { checkOriginName } from '../../engine/origin.js';
import { newId } from '../../ids.js';
import { ApiProblem, validationProblem } from '../../problems.js';
import type { ImportJobOptions } from '../../schemas/import-jobs.js';
import type { Database } from '../../store/database.js';
import { deleteStagingJob, findJobByKey, insertChunk, insertStagingJob, queueJob } from '../../store/import-jobs.js';
import { findList } from '../../store/lists.js';
import type { ImportJobRow } from '../../store/schema.js';
import { nowIso } from '../../store/time.js';
import { PERMISSION_IMPORT_DUPLICATES, type Caller } from '../caller.js';
import { DEFAULT_JOB_ORIGIN, type StoredJobOptions } from './job-options.js';
import { counted, readCsv, readJsonLines, type RowSink } from './read-upload.js';

/**
 * Creating an import job (docs/v1.md#import-jobs): checks the options as the compatible endpoint
 * checks a request (origin, list, permission), then stages the upload as it streams in, 1,000 rows
 * a chunk, so any instance can run the job; the job is queued once the whole file is staged. A
 * refused upload (too large, too many rows, a mapping that does not fit the header) leaves nothing.
 */

/** `fileName`: the file's name as uploaded (a multipart part, the CLI), shown in the job's history. */
export type Upload = { format: 'csv' | 'jsonl'; body: AsyncIterable<Buffer | string>; fileName?: string } | { format: 'json'; prospects: readonly unknown[] };

export interface JobLimits {
  maxBytes: number;
  maxRows: number;
  /** Rows per chunk: the compatible endpoint's batch (MAX_BATCH, 1,000), so a row gets the codes a batch of the same rows gives it. */
  chunkRows: number;
}

export type CreatedJob = { kind: 'created' | 'replayed'; job: ImportJobRow };

export async function createImportJob(database: Database, caller: Caller, upload: Upload, options: ImportJobOptions, limits: JobLimits, idempotencyKey?: string): Promise<CreatedJob> {
  const stored = await checkOptions(database, caller, options);
  const hash = createHash('sha256').update(JSON.stringify([idempotencyKey, caller.userId, upload.format, stored]));
  const bytes = upload.format === 'json' ? null : hashing(counted(upload.body, limits.maxBytes, () => tooLarge(limits.maxBytes)), hash);
  if (idempotencyKey !== undefined) {
    const existing = await findJobByKey(database.db, caller.userId, idempotencyKey);
    if (existing) return replayOf(existing, await finalHash(hash, upload, bytes));
  }
  const jobId = newId();
  try {
    await insertStagingJob(database.db, { id: jobId, user_id: caller.userId, api_key_id: caller.keyId, format: upload.format, options: JSON.stringify(stored), idempotency_key: idempotencyKey ?? null, request_hash: null, file_name: fileNameOf(upload), at: nowIso() });
  } catch (error) {
    // The same key, claimed by a request that started meanwhile.
    const existing = idempotencyKey === undefined ? undefined : await findJobByKey(database.db, caller.userId, idempotencyKey);
    if (existing) return replayOf(existing, await finalHash(hash, upload, bytes));
    throw error;
  }
  try {
    const staged = await stage(database, jobId, upload, bytes, stored, limits);
    if (upload.format === 'json') hash.update(JSON.stringify(upload.prospects));
    const requestHash = hash.digest('hex');
    await database.db.updateTable('import_jobs').set({ request_hash: requestHash }).where('id', '=', jobId).execute();
    await queueJob(database.db, jobId, { ...staged, at: nowIso() });
  } catch (error) {
    await deleteStagingJob(database.db, jobId);
    throw error;
  }
  const job = await database.db.selectFrom('import_jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
  return { kind: 'created', job };
}

async function checkOptions(database: Database, caller: Caller, options: ImportJobOptions): Promise<StoredJobOptions> {
  const origin = checkOriginName(options.origin?.name ?? DEFAULT_JOB_ORIGIN);
  if (!origin.ok) throw validationProblem([{ path: '/origin/name', message: origin.reason }]);
  if (options.canCreateDuplicates && !caller.permissions.has(PERMISSION_IMPORT_DUPLICATES)) {
    throw new ApiProblem('M000401-001', 'canCreateDuplicates needs the import_duplicates permission, which your plan does not include');
  }
  const list = await findList(database.db, caller.userId, options.prospectListId);
  if (!list) throw new ApiProblem('R000404-002', `no prospect list "${options.prospectListId}" among your lists`);
  return { ...options, origin: origin.name };
}

function tooLarge(maxBytes: number): ApiProblem {
  return new ApiProblem('V000413-010', `the file is larger than ${maxBytes} bytes, the most one import job takes (IMPORT_MAX_BYTES)`, { maxBytes });
}

async function* hashing(source: AsyncIterable<Buffer>, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  for await (const piece of source) {
    hash.update(piece);
    yield piece;
  }
}

/** The hash of a request whose key was already used: its body is read (not staged) to compare. */
async function finalHash(hash: ReturnType<typeof createHash>, upload: Upload, bytes: AsyncIterable<Buffer> | null): Promise<string> {
  if (upload.format === 'json') hash.update(JSON.stringify(upload.prospects));
  else for await (const _piece of bytes!);
  return hash.digest('hex');
}

function replayOf(job: ImportJobRow, requestHash: string): CreatedJob {
  if (job.request_hash === null) {
    throw new ApiProblem('I000409-001', 'a request with this Idempotency-Key is still uploading; retry shortly', {}, { 'retry-after': '1' });
  }
  if (job.request_hash !== requestHash) throw new ApiProblem('I000422-001', 'this Idempotency-Key was already used with a different request; use a new key for a new request');
  return { kind: 'replayed', job };
}

async function stage(database: Database, jobId: string, upload: Upload, bytes: AsyncIterable<Buffer> | null, options: StoredJobOptions, limits: JobLimits) {
  let pending: StagedRow[] = [];
  let chunkCount = 0;
  let totalRows = 0;
  let columns: string[] | null = null;
  const flush = async (all: boolean) => {
    while (pending.length >= limits.chunkRows || (all && pending.length > 0)) {
      const rows = pending.slice(0, limits.chunkRows);
      pending = pending.slice(limits.chunkRows);
      await insertChunk(database.db, jobId, chunkCount++, rows[0]!.n, JSON.stringify(rows));
    }
  };
  // The parser's callbacks must not throw (csv-parse would take it for a bad line): a refusal waits for drain.
  let refusal: ApiProblem | null = null;
  const sink: RowSink = {
    header: (names) => {
      columns = names;
      const resolved = resolveMapping(names, options.mapping);
      if (!resolved.ok) {
        refusal ??= new ApiProblem('V000400-011', resolved.problems.join('; '), { errors: resolved.problems.map((message) => ({ path: '/mapping', message })), columns: names });
      }
    },
    row: (row) => {
      totalRows++;
      if (totalRows > limits.maxRows) {
        refusal ??= new ApiProblem('V000400-010', `the file has more than ${limits.maxRows} rows, the most one import job takes (IMPORT_MAX_ROWS)`, { maxRows: limits.maxRows });
      }
      if (refusal === null) pending.push(row);
    },
    drain: () => {
      if (refusal) throw refusal;
      return flush(false);
    },
  };
  if (upload.format === 'json') {
    for (let index = 0; index < upload.prospects.length; index++) {
      sink.row({ n: index + 1, v: upload.prospects[index] });
      if (pending.length >= limits.chunkRows) await sink.drain();
    }
    await sink.drain();
  } else if (upload.format === 'csv') {
    await readCsv(bytes!, sink);
  } else {
    await readJsonLines(bytes!, sink);
  }
  await flush(true);
  return { columns: columns === null ? null : JSON.stringify(columns), totalRows, chunkCount };
}

/** The upload's file name, as a label: without folders, at most 255 characters; null when there is none. */
function fileNameOf(upload: Upload): string | null {
  const name = upload.format === 'json' ? '' : (upload.fileName ?? '').split(/[\\/]/).pop()!.trim();
  return name === '' ? null : name.slice(0, 255);
}
