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
  alone: boolean;
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
const RELEASE_AND_SAVEPOINT = CompiledQuery.raw('release unit; savepoint unit');

export interface CommitGroupOptions {
  /** The statement that opens the group's transaction. */
  begin: CompiledQuery;
  /**
   * The connection takes several statements in one parameterless query (PostgreSQL's simple query
   * protocol, which node-pg uses for a query without parameters). Then the group sends its savepoint
   * statements together: one round trip between two units instead of two, none after the last unit
   * (COMMIT ends its savepoint), bench/notes.md. SQLite prepares one statement at a time.
   */
  joinedStatements?: boolean;
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

  /** BEGIN, and on PostgreSQL the first unit's savepoint with it (a group starts for a queued unit). */
  readonly #begin: CompiledQuery;

  constructor(db: Db, options: CommitGroupOptions) {
    this.#db = db;
    this.#options = options;
    this.#begin = options.joinedStatements ? CompiledQuery.raw(`${options.begin.sql}; ${SAVEPOINT.sql}`) : options.begin;
  }

  /**
   * Runs `work` in the next group; settles once the group has committed (or failed). A unit `alone`
   * gets the group's transaction to itself, without a savepoint: SQLite keeps the original of every
   * page a savepoint changes, in memory, until the savepoint ends, which for a bulk change of
   * 100,000 prospects was ~200 MB (bench/notes.md "Memory of bulk actions").
   */
  run<T>(work: WriteUnit<T>, alone = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, alone, resolve: resolve as (value: unknown) => void, reject });
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
        await connection.executeQuery(this.#begin);
        const started = performance.now();
        const windowMs = this.#options.windowMs ?? MAX_GROUP_MS;
        const savepoints = this.#options.joinedStatements ? new JoinedSavepoints(connection, 'clean') : new OneStatementSavepoints(connection);
        try {
          while (settled.length < MAX_UNITS && performance.now() - started < windowMs) {
            // SQLite answers synchronously, so a unit runs start to end in one burst of microtasks
            // and other requests would never get to queue theirs: give them one turn of the event loop.
            if (this.#queue.length === 0) await new Promise(setImmediate);
            if (this.#queue.length === 0) break;
            // A unit alone starts the next group: the units taken so far commit first.
            if (this.#queue[0]!.alone && settled.length > 0) break;
            current = this.#queue.shift()!;
            if (current.alone) {
              // Its error breaks the transaction, which holds its work only.
              settled.push([current, { ok: true, value: await current.work(connection) }]);
              current = undefined;
              break;
            }
            settled.push([current, await runUnit(connection, savepoints, current.work)]);
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

/** How a group puts each unit in a savepoint of its own: before the unit, after it, when it failed. */
interface Savepoints {
  beforeUnit(): Promise<void>;
  /** Undoes the unit's work; the transaction goes on as it was before the unit. */
  rollBackUnit(): Promise<void>;
  /** After the unit, whether it succeeded or was rolled back. */
  afterUnit(succeeded: boolean): Promise<void>;
}

/** One statement at a time (SQLite): a savepoint before each unit, released after it. */
class OneStatementSavepoints implements Savepoints {
  readonly #connection: Db;
  constructor(connection: Db) {
    this.#connection = connection;
  }
  async beforeUnit() {
    await this.#connection.executeQuery(SAVEPOINT);
  }
  async rollBackUnit() {
    await this.#connection.executeQuery(ROLLBACK_TO);
  }
  async afterUnit() {
    await this.#connection.executeQuery(RELEASE);
  }
}

/**
 * Several statements a query (PostgreSQL): a unit's savepoint is released only when the next unit
 * starts, in the same query as the next savepoint, and the last one by COMMIT. ROLLBACK TO keeps its
 * savepoint, so the unit after a failed one starts without a statement of its own.
 */
class JoinedSavepoints implements Savepoints {
  readonly #connection: Db;
  /** clean: a savepoint with nothing done since (the group's BEGIN opened the first); used: a unit's work is in it. */
  #state: 'clean' | 'used';
  constructor(connection: Db, state: 'clean' | 'used') {
    this.#connection = connection;
    this.#state = state;
  }
  async beforeUnit() {
    if (this.#state === 'clean') return;
    await this.#connection.executeQuery(RELEASE_AND_SAVEPOINT);
    this.#state = 'clean';
  }
  async rollBackUnit() {
    await this.#connection.executeQuery(ROLLBACK_TO);
    this.#state = 'clean';
  }
  async afterUnit(succeeded: boolean) {
    if (succeeded) this.#state = 'used';
  }
}

/** One unit in its savepoint; its own error rolls back only its own work. A broken transaction throws. */
async function runUnit(connection: Db, savepoints: Savepoints, work: WriteUnit<unknown>): Promise<Outcome> {
  await savepoints.beforeUnit();
  let outcome: Outcome;
  try {
    outcome = { ok: true, value: await work(connection) };
  } catch (error) {
    try {
      await savepoints.rollBackUnit();
    } catch {
      // SQLite already rolled the whole transaction back (disk full, I/O error): the group is
      // lost, and this unit's own error is the one to report to all of it.
      throw error;
    }
    outcome = { ok: false, error };
  }
  await savepoints.afterUnit(outcome.ok);
  return outcome;
}
