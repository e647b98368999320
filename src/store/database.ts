import { nameRegisteredStatements } from './postgres-prepared.js';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { createRequire } from 'node:module';
import type Pg from 'pg';
import type { Schema } from './schema.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { EACH_ROW, eachRowStatement, TransactionalDdlSqliteDialect } from './sqlite-dialect.js';

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<Schema>;
  /**
   * For reads outside a transaction that need not see the caller's own uncommitted writes (API-key
   * look-ups). On SQLite a second connection, so they run while the one writer holds its
   * connection for a commit group (WAL lets readers run beside it); elsewhere the same as `db`.
   */
  readonly readDb: Kysely<Schema>;
  readonly engine: Engine;
  /** Where the data lives, for logs: a file path or the PostgreSQL URL without its password. */
  readonly location: string;
  /** PostgreSQL only: the schema named by `?schema=` in the URL (null: the server's search_path). */
  readonly schema: string | null;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  poolSize?: number;
  statementTimeoutMs?: number;
  ssl?: boolean;
  /** SQLite only: how long a writer waits for another process's write lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens the database named by a DATABASE_URL: postgres://… or a SQLite file path (optionally sqlite:/file:). */
export function openDatabase(url: string, options: DatabaseOptions = {}): Database {
  return isPostgresUrl(url) ? openPostgres(url, options) : openSqlite(url, options);
}

function openSqlite(url: string, options: DatabaseOptions): Database {
  const path = url.replace(/^(sqlite|file):(\/\/)?/i, '');
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const connection = new SQLite(path);
  applyServerPragmas(connection, options.busyTimeoutMs);
  const db = new Kysely<Schema>({ dialect: new TransactionalDdlSqliteDialect({ database: withStatementCache(connection) }) });
  const readDb = path === ':memory:' ? db : openSqliteReader(path, options.busyTimeoutMs);
  const checkpointer = path === ':memory:' ? null : startCheckpointer(path);
  return {
    db,
    readDb,
    engine: 'sqlite',
    location: path,
    schema: null,
    ping: () => pingWith(db),
    close: async () => {
      await checkpointer?.stop();
      if (readDb !== db) await readDb.destroy();
      await db.destroy();
    },
  };
}

/**
 * Server pragmas, durability trade-off in docs/benchmarks.md: WAL lets readers run beside the one
 * writer; synchronous=NORMAL in WAL mode never corrupts, and can only lose the last transactions on
 * power loss (not on a process crash); busy_timeout makes a second process wait, not fail. The page
 * cache is 8 MB: it counts in the server's resident memory, which a 64 MB cache pushed past 250 MB
 * under 1,000-prospect batches. Exported so the benchmark's raw-insert ceiling runs under the same.
 */
export function applyServerPragmas(connection: SQLite.Database, busyTimeoutMs = 10_000): void {
  // busy_timeout first: switching a new file to WAL takes a lock another starting process may hold.
  connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('cache_size = -8192');
  connection.pragma('temp_store = MEMORY');
  // The checkpoints run in a worker thread (sqlite-checkpointer.ts); this threshold (40 MB of WAL)
  // is the backstop that makes the writer checkpoint itself if the worker ever falls behind.
  connection.pragma('wal_autocheckpoint = 10000');
}

/**
 * The read connection: opened lazily by Kysely (after the writer has switched the file to WAL),
 * refused any write by query_only, with a small page cache of its own since it counts in RSS too.
 */
function openSqliteReader(path: string, busyTimeoutMs = 10_000): Kysely<Schema> {
  return new Kysely<Schema>({
    dialect: new TransactionalDdlSqliteDialect({
      database: async () => {
        const connection = new SQLite(path);
        connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
        connection.pragma('cache_size = -2048');
        connection.pragma('query_only = ON');
        return withStatementCache(connection);
      },
    }),
  });
}

// Kysely's SQLite driver prepares every query afresh; compiling the statement was the largest single
// cost of a small import (docs/benchmarks.md). The same SQL text reuses its prepared statement, which
// is safe on this one synchronous connection: a statement runs to completion before the next starts.
const STATEMENT_CACHE_SIZE = 256;

function withStatementCache(connection: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => connection.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (!statement) {
        // First in, first out: the texts in use are few, so a hit is never worth reordering for.
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        statement = text.startsWith(EACH_ROW) ? eachRowStatement(connection.prepare(text)) : connection.prepare(text);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

// pg is loaded on first use: a SQLite server never needs it, and it weighs ~15 MB of resident memory.
const requirePg = (): typeof Pg => createRequire(import.meta.url)('pg') as typeof Pg;

function openPostgres(url: string, options: DatabaseOptions): Database {
  const pg = requirePg();
  // ?schema=NAME puts every table in that schema (a search_path), e.g. one schema per test or tenant.
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name "${schema}" in DATABASE_URL`);
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    options: schema ? `-c search_path=${schema}` : undefined,
    max: options.poolSize ?? 10,
    ssl: options.ssl ? { rejectUnauthorized: false } : undefined,
    statement_timeout: options.statementTimeoutMs || undefined,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its server (restart, failover) must not crash the process: the pool
  // replaces it and /readyz reports the outage.
  pool.on('error', () => {});
  // A client checked out of the pool has no error listener, so losing the server in the middle of a
  // query made pg emit an unhandled 'error' and crashed the whole process (seen in
  // test/operations/readiness.test.ts). The query itself still fails with the error, and the pool
  // discards the broken client when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    nameRegisteredStatements(client);
  });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    readDb: db,
    engine: 'postgres',
    location: redactPassword(url),
    schema,
    ping: () => pingWith(db),
    close: () => db.destroy(),
  };
}

async function pingWith(db: Kysely<Schema>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when a PostgreSQL server answers at `url` within `timeoutMs` (a `?schema=` is ignored): how the
 * tests, the benchmark and `npm run cluster` decide whether to run on PostgreSQL.
 */
export async function postgresAnswers(url: string, timeoutMs = 2000): Promise<boolean> {
  const parsed = new URL(url);
  parsed.searchParams.delete('schema');
  const client = new (requirePg().Client)({ connectionString: parsed.toString(), connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function redactPassword(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
