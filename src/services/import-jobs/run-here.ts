import { randomUUID } from 'node:crypto';
import type { Database } from '../../store/database.js';
import { claimJob, renewLease } from '../../store/import-jobs.js';
import type { ImportJobRow } from '../../store/schema.js';
import { nowIso } from '../../store/time.js';
import { inTransaction } from '../../store/transaction.js';
import { runChunk } from './run-chunk.js';

const ENDED = new Set<ImportJobRow['state']>(['completed', 'completed_with_errors', 'failed', 'canceled', 'reverted']);

export interface RunHereOptions {
  leaseMs: number;
  perUser: number;
  pollMs: number;
  /** Called with the job after each chunk, and while it waits. */
  onProgress(job: ImportJobRow): void;
}

/**
 * Runs one job to its end in this process (the CLI's import, the benchmark): it takes the job's
 * lease like any instance's runner, so a server running on the same database never runs it at the
 * same time — and when a server got it first, this follows its progress instead. Answers the job
 * as it ended.
 */
export async function runJobHere(database: Database, jobId: string, options: RunHereOptions): Promise<ImportJobRow> {
  const owner = randomUUID();
  const read = () => database.db.selectFrom('import_jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
  for (;;) {
    const job = await read();
    if (ENDED.has(job.state)) return job;
    const now = Date.now();
    const claimed = await inTransaction(database, (trx) => claimJob(trx, jobId, job.user_id, owner, nowIso(now), nowIso(now + options.leaseMs), options.perUser));
    if (!claimed) {
      options.onProgress(job);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs));
      continue;
    }
    const heartbeat = setInterval(() => void renewLease(database.db, jobId, owner, nowIso(Date.now() + options.leaseMs)).catch(() => {}), Math.max(50, options.leaseMs / 3));
    try {
      for (let chunk = Number(claimed.next_chunk); ; chunk++) {
        const outcome = await runChunk(database, jobId, owner, chunk, options.leaseMs);
        options.onProgress(await read());
        if (outcome !== 'next') break;
      }
    } finally {
      clearInterval(heartbeat);
    }
  }
}
