import type { Database } from './database.js';
import type { Db } from './db.js';

// PostgreSQL: serialization failure, deadlock. SQLite: busy/locked past the busy timeout.
const RETRYABLE = new Set(['40001', '40P01', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']);

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/**
 * Runs work in one transaction, the single place a request opens one; the transaction is passed
 * down to every store call. A transient conflict reruns the whole unit, which is safe because it
 * either committed entirely or not at all.
 */
export async function inTransaction<T>(database: Database, work: (trx: Db) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.db.transaction().execute(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
