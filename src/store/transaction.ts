import { CompiledQuery } from 'kysely';
import { CommitGroup } from './commit-group.js';
import type { Database } from './database.js';
import type { Db } from './db.js';

// PostgreSQL: serialization failure, deadlock. SQLite (better-sqlite3 reports extended result
// codes as `code`): SQLITE_BUSY and its variants (_SNAPSHOT when a deferred transaction read an
// older snapshot than the last commit, _RECOVERY, _TIMEOUT), SQLITE_LOCKED and its variants.
const RETRYABLE_POSTGRES = new Set(['40001', '40P01']);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** SQLite answered "another connection holds the lock" (after waiting busy_timeout, or at once when waiting could not help). */
export function isSqliteBusy(error: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)(_|$)/.test(codeOf(error) ?? '');
}

function isRetryable(error: unknown): boolean {
  return isSqliteBusy(error) || RETRYABLE_POSTGRES.has(codeOf(error) ?? '');
}

// A database that is briefly unable to serve (as opposed to a bug): still busy after the retries,
// a statement past DB_STATEMENT_TIMEOUT_MS (57014), a connection refused or lost, the server shutting
// down (57P01-57P03), too many connections (53300). Answered 503 + Retry-After, not 500.
const TRANSIENT_POSTGRES = new Set(['57014', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);
const TRANSIENT_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

export function isTransientDatabaseError(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined && (isRetryable(error) || TRANSIENT_POSTGRES.has(code) || TRANSIENT_NETWORK.has(code))) return true;
  // pg reports a pool that could not connect in connectionTimeoutMillis as a plain Error.
  return error instanceof Error && /^(timeout exceeded when trying to connect|Connection terminated)/i.test(error.message);
}

/** Past this many rows named by a request, a change runs `alone` (TransactionOptions). */
export const ALONE_FROM_ROWS = 1_000;

export interface TransactionOptions {
  /**
   * Units with the same key may share a commit (commit-group.ts): give the lock they would wait
   * for anyway, such as the CRM an import locks. On SQLite every unit shares, key or not.
   */
  commitGroup?: string;
  /**
   * A bulk change (thousands of rows): on SQLite it takes a group's transaction for itself rather
   * than a savepoint in one, whose journal would hold every page it changes in memory.
   */
  alone?: boolean;
  attempts?: number;
}

/**
 * Runs work in one transaction, the single place a request opens one; the transaction is passed
 * down to every store call. A transient conflict reruns the whole unit, which is safe because it
 * either committed entirely or not at all.
 */
export async function inTransaction<T>(database: Database, work: (trx: Db) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const group = database.engine === 'sqlite' ? 'sqlite' : options.commitGroup;
  for (let attempt = 1; ; attempt++) {
    try {
      return group === undefined ? await database.db.transaction().execute(work) : await commitGroupOf(database, group).run(work, options.alone);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}

/**
 * Runs `work` in `db` when it is already a transaction, else in a new one: for store functions that
 * callers use both inside a unit and alone (the CLI, seeding) and that must record their event
 * atomically with their change (docs/webhooks.md#events).
 */
export function inOneTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

// IMMEDIATE takes SQLite's write lock up front (waiting busy_timeout for another process), so no
// statement inside a group can fail with SQLITE_BUSY_SNAPSHOT and take the others with it.
const BEGIN = { sqlite: CompiledQuery.raw('begin immediate'), postgres: CompiledQuery.raw('begin') };

const commitGroups = new WeakMap<Database['db'], Map<string, CommitGroup>>();

function commitGroupOf(database: Database, key: string): CommitGroup {
  let groups = commitGroups.get(database.db);
  if (!groups) {
    groups = new Map();
    commitGroups.set(database.db, groups);
  }
  let group = groups.get(key);
  if (!group) {
    const created: CommitGroup = new CommitGroup(database.db, {
      begin: BEGIN[database.engine],
      joinedStatements: database.engine === 'postgres',
      // An idle group is forgotten (one per CRM would otherwise pile up); a unit that still
      // reaches it runs all the same.
      onIdle: () => groups.get(key) === created && groups.delete(key),
    });
    group = created;
    groups.set(key, group);
  }
  return group;
}
