import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import { ApiProblem } from '../../problems.js';
import type { Database } from '../../store/database.js';
import { claimableJobs, claimJob, holdJobAt, purgeEndedJobs, purgeStagingJobs, releaseLease, renewLease } from '../../store/import-jobs.js';
import { nowIso } from '../../store/time.js';
import { inTransaction, isTransientDatabaseError } from '../../store/transaction.js';
import { endJob, runChunk } from './run-chunk.js';

/**
 * The import-job runner, one per process (docs/v1.md#import-jobs): each tick it leases a job it
 * may run (queued, its user under the concurrent-job limit, or running under a lease that ran out)
 * and runs it chunk after chunk. A heartbeat renews the lease; a runner that lost it stops before
 * writing anything (run-chunk.ts), and the instance that took the job over goes on from the last
 * committed chunk.
 */

type RunnerConfig = Pick<Config, 'importJobsPerUser' | 'importRunnerSlots' | 'importLeaseMs' | 'importPollMs' | 'importRetentionDays' | 'undoWindowDays'>;

export interface RunnerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

const STAGING_ABANDONED_MS = 24 * 3_600_000;
const PURGE_EVERY_MS = 3_600_000;
const PURGED_PER_ROUND = 100;

export class ImportJobRunner {
  readonly owner = randomUUID();
  private readonly active = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = true;
  private lastPurge = 0;

  constructor(
    private readonly database: Database,
    private readonly config: RunnerConfig,
    private readonly log: RunnerLogger,
  ) {}

  start(): void {
    if (this.config.importRunnerSlots === 0) return;
    this.stopped = false;
    this.schedule(0);
    this.heartbeat = setInterval(() => void this.renewLeases(), Math.max(50, Math.floor(this.config.importLeaseMs / 3)));
    this.heartbeat.unref();
  }

  /** Stops after the chunk in progress and gives the leases back, so another instance goes on at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.all(this.active.values());
    clearInterval(this.heartbeat);
  }

  /** Wakes the runner now (a job was just queued here). */
  poke(): void {
    if (this.stopped || this.ticking) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((err: unknown) => this.log.warn({ err }, 'import job tick failed'))
        .finally(() => {
          this.ticking = undefined;
          this.schedule(this.config.importPollMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** Takes jobs while slots are free. Exposed for tests. */
  async tick(): Promise<void> {
    if (Date.now() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = Date.now();
      await purgeStagingJobs(this.database.db, nowIso(Date.now() - STAGING_ABANDONED_MS));
      await this.purgeEnded();
    }
    while (!this.stopped && this.active.size < this.config.importRunnerSlots) {
      const claimed = await this.claimOne();
      if (!claimed) return;
      this.log.info({ jobId: claimed.id, owner: this.owner, chunk: Number(claimed.next_chunk) }, 'import job claimed');
      const run = this.run(claimed.id, Number(claimed.next_chunk)).finally(() => this.active.delete(claimed.id));
      this.active.set(claimed.id, run);
    }
  }

  /**
   * Deletes the jobs that ended more than IMPORT_RETENTION_DAYS ago, never before the undo window
   * (UNDO_WINDOW_DAYS) is over (docs/v1.md#import-jobs, "Retention"); answers how many went. `now` is for tests.
   */
  async purgeEnded(now = Date.now()): Promise<number> {
    const days = Math.max(this.config.importRetentionDays, this.config.undoWindowDays);
    const before = nowIso(now - days * 86_400_000);
    let total = 0;
    for (;;) {
      const count = await purgeEndedJobs(this.database.db, before, PURGED_PER_ROUND);
      total += count;
      if (count < PURGED_PER_ROUND || this.stopped) break;
    }
    if (total > 0) this.log.info({ count: total }, 'purged import jobs past their retention');
    return total;
  }

  private async claimOne() {
    const now = Date.now();
    const candidates = await claimableJobs(this.database.db, nowIso(now), 20);
    for (const candidate of candidates) {
      if (this.active.has(candidate.id)) continue;
      const job = await inTransaction(this.database, (trx) =>
        claimJob(trx, candidate.id, candidate.user_id, this.owner, nowIso(now), nowIso(now + this.config.importLeaseMs), this.config.importJobsPerUser),
      );
      if (job) return job;
    }
    return undefined;
  }

  private async run(jobId: string, firstChunk: number): Promise<void> {
    let chunk = firstChunk;
    while (!this.stopped) {
      let outcome;
      try {
        outcome = await runChunk(this.database, jobId, this.owner, chunk, this.config.importLeaseMs);
      } catch (error) {
        if (isTransientDatabaseError(error)) {
          // The database is briefly away: the lease runs out and a runner (maybe this one) goes on.
          this.log.warn({ err: error, jobId }, 'import job chunk failed; it will be retried');
          return;
        }
        await this.fail(jobId, chunk, error);
        return;
      }
      if (outcome !== 'next') return;
      chunk++;
    }
    await releaseLease(this.database.db, jobId, this.owner, nowIso()).catch(() => {});
  }

  /** A chunk refused as a whole (its list deleted meanwhile, say): the job fails with the reason, its done rows stay done. */
  private async fail(jobId: string, chunk: number, error: unknown): Promise<void> {
    const reason = error instanceof ApiProblem ? error.detail : 'an internal error stopped the job';
    if (!(error instanceof ApiProblem)) this.log.warn({ err: error, jobId }, 'import job failed');
    await inTransaction(this.database, async (trx) => {
      const job = await holdJobAt(trx, jobId, this.owner, chunk, nowIso(Date.now() + this.config.importLeaseMs));
      if (job) await endJob(trx, job, this.owner, 'failed', reason);
    }).catch((err: unknown) => this.log.warn({ err, jobId }, 'could not record an import job failure'));
  }

  private async renewLeases(): Promise<void> {
    const until = nowIso(Date.now() + this.config.importLeaseMs);
    for (const jobId of this.active.keys()) {
      await renewLease(this.database.db, jobId, this.owner, until).catch((err: unknown) => this.log.warn({ err, jobId }, 'import job heartbeat failed'));
    }
  }
}
