import type { Database } from './database.js';
import { runSql } from './dialect.js';

// Enough for every key that calls between two commits; a flood of distinct keys only empties it.
const MAX_ENTRIES = 10_000;

/**
 * Remembers look-ups on SQLite's read connection for as long as nobody has committed anything:
 * `PRAGMA data_version` changes as soon as any other connection, of this process or another
 * (the CLI, a second instance), has committed, and then everything remembered is dropped. An answer
 * from here is therefore exactly what a fresh look-up would read. Under load it saves the API-key
 * look-up for every request but the first between two commits: each fresh read transaction after a
 * commit starts with an emptied page cache, so the join read its pages again (~10 µs a request).
 * PostgreSQL has no such cheap change counter: there every call looks up.
 */
export function unchangedDatabaseCache<V>(database: Database, lookUp: (key: string) => Promise<V | undefined>): (key: string) => Promise<V | undefined> {
  if (database.engine !== 'sqlite') return lookUp;
  let version: unknown = null;
  // Promises, so that the requests arriving together share one look-up instead of each starting its own.
  let remembered = new Map<string, Promise<V | undefined>>();
  return async (key) => {
    const [row] = await runSql<{ data_version: number }>(database.readDb, 'pragma data_version', []);
    if (row?.data_version !== version || remembered.size >= MAX_ENTRIES) {
      version = row?.data_version;
      remembered = new Map();
    }
    let found = remembered.get(key);
    if (found === undefined) {
      const entries = remembered;
      found = lookUp(key);
      entries.set(key, found);
      // Only what was found stays: an unknown key costs a look-up each time, as before.
      found.then((value) => value === undefined && entries.get(key) === found && entries.delete(key), () => entries.delete(key));
    }
    return found;
  };
}
