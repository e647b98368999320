import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, postgresAnswers, type Database, type Engine } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';

/**
 * Every store and API test runs once per engine: SQLite always, PostgreSQL when one answers at
 * TEST_DATABASE_URL (default: the local one). Under CI a missing PostgreSQL is a failure, not a skip.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function detectEngines(): Promise<{ engines: Engine[]; skipped: string | null }> {
  const wanted = (process.env.TEST_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
  const engines: Engine[] = [];
  if (wanted.includes('sqlite')) engines.push('sqlite');
  if (!wanted.includes('postgres')) return { engines, skipped: 'PostgreSQL run skipped: TEST_ENGINES excludes it' };
  if (await postgresAnswers(TEST_DATABASE_URL)) return { engines: [...engines, 'postgres'], skipped: null };
  if (process.env.CI === 'true') throw new Error(`CI=true but PostgreSQL does not answer at ${TEST_DATABASE_URL}`);
  return { engines, skipped: `PostgreSQL run skipped: nothing answers at ${TEST_DATABASE_URL}` };
}

const detected = await detectEngines();
if (detected.skipped) process.stderr.write(`# ${detected.skipped}\n`);
export const ENGINES: readonly Engine[] = detected.engines;

export interface TestDatabase {
  database: Database;
  /** A DATABASE_URL naming the same database, for child processes (servers, the CLI). */
  url: string;
  drop(): Promise<void>;
}

/** A brand-new, migrated database of the given engine: a temp SQLite file, or a fresh PostgreSQL schema. */
export async function freshDatabase(engine: Engine): Promise<TestDatabase> {
  const url = await freshDatabaseUrl(engine);
  const database = openDatabase(url.url, { poolSize: 5 });
  await migrateToLatest(database);
  return {
    database,
    url: url.url,
    drop: async () => {
      await database.close();
      await url.drop();
    },
  };
}

/** A URL for an empty database (not migrated) and how to remove it. */
export async function freshDatabaseUrl(engine: Engine): Promise<{ url: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-hub-test-'));
    return { url: join(dir, 'test.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create schema ${schema}`);
  const separator = TEST_DATABASE_URL.includes('?') ? '&' : '?';
  return { url: `${TEST_DATABASE_URL}${separator}schema=${schema}`, drop: () => adminQuery(`drop schema ${schema} cascade`) };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
