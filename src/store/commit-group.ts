import { CompiledQuery } from 'kysely';
import type { Db } from './db.js';

/**
 * Group commit. Each write unit (an import, a move…) used to be its own transaction, and its COMMIT
 * was its most expensive statement: on SQLite writing the changed pages to the WAL, on PostgreSQL
 * waiting for the WAL flush (docs/benchmarks.md). Units that would wait for each other anyway — every
 * write on SQLite's one connection, the imports of one CRM on PostgreSQL, which take the same row
 * lock — now run one after another inside one transaction, each in its own SAVEPOINT, and the
 * group commits once.
 *
 * What a caller sees does not change: its unit commits or rolls back whole (a unit that throws is
 * rolled back to its savepoint, the others keep their work), and its promise settles only after the
 * COMMIT that made its work durable, so no answer is ever given for work that was not committed.
 * If the group as a whole cannot commit, every unit of it fails with that error and nothing of it
 * is written.
 */

export type WriteUnit<T> = (trx: Db) => Promise<T>;

interface Pending {
  work: WriteUnit<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

// A group ends at this many units or this much time: past that, committing sooner shortens the
// wait of the units already done more than a bigger group would save. Caps of 8 or 16 units
// measured slower at 50 connections (more commits for the same work).
const MAX_UNITS = 64;
const MAX_GROUP_MS = 10;

const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');
const SAVEPOINT = CompiledQuery.raw('savepoint unit');
const RELEASE = CompiledQuery.raw('release unit');
const ROLLBACK_TO = CompiledQuery.raw('rollback to unit');

export interface CommitGroupOptions {
  /** The statement that opens the group's transaction. */
  begin: CompiledQuery;
  /** Called when the queue has run dry, so an owner can forget an idle group. */
  onIdle?: () => void;
  /** How long after its BEGIN a group still takes queued units (10 ms); a test holds it open longer. */
  windowMs?: number;
}

export class CommitGroup {
  readonly #db: Db;
  readonly #options: CommitGroupOptions;
  #queue: Pending[] = [];
  #running = false;

  constructor(db: Db, options: CommitGroupOptions) {
    this.#db = db;
    this.#options = options;
  }

  /** Runs `work` in the next group; settles once the group has committed (or failed). */
  run<T>(work: WriteUnit<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) await this.#runGroup();
    } finally {
      this.#running = false;
      this.#options.onIdle?.();
    }
  }

  async #runGroup(): Promise<void> {
    const settled: [Pending, Outcome][] = [];
    let current: Pending | undefined;
    try {
      await this.#db.connection().execute(async (connection) => {
        await connection.executeQuery(this.#options.begin);
        const started = performance.now();
        const windowMs = this.#options.windowMs ?? MAX_GROUP_MS;
        try {
          while (settled.length < MAX_UNITS && performance.now() - started < windowMs) {
            // SQLite answers synchronously, so a unit runs start to end in one burst of microtasks
            // and other requests would never get to queue theirs: give them one turn of the event loop.
            if (this.#queue.length === 0) await new Promise(setImmediate);
            if (this.#queue.length === 0) break;
            current = this.#queue.shift()!;
            settled.push([current, await runUnit(connection, current.work)]);
            current = undefined;
          }
          await connection.executeQuery(COMMIT);
        } catch (error) {
          // The transaction is broken (SQLite rolled it back itself, or COMMIT failed): nothing of
          // the group is written.
          await connection.executeQuery(ROLLBACK).catch(() => {});
          throw error;
        }
      });
    } catch (error) {
      // The unit that broke the transaction fails with the others; when BEGIN itself failed, the
      // first waiting unit takes the error, so a failure that repeats cannot leave the queue waiting forever.
      const failed = settled.map(([unit]) => unit);
      if (current) failed.push(current);
      else if (failed.length === 0 && this.#queue.length > 0) failed.push(this.#queue.shift()!);
      for (const unit of failed) unit.reject(error);
      return;
    }
    for (const [unit, outcome] of settled) {
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    }
  }
}

/** One unit in its savepoint; its own error rolls back only its own work. A broken transaction throws. */
async function runUnit(connection: Db, work: WriteUnit<unknown>): Promise<Outcome> {
  await connection.executeQuery(SAVEPOINT);
  let outcome: Outcome;
  try {
    outcome = { ok: true, value: await work(connection) };
  } catch (error) {
    try {
      await connection.executeQuery(ROLLBACK_TO);
    } catch {
      // SQLite already rolled the whole transaction back (disk full, I/O error): the group is
      // lost, and this unit's own error is the one to report to all of it.
      throw error;
    }
    outcome = { ok: false, error };
  }
  await connection.executeQuery(RELEASE);
  return outcome;
}
