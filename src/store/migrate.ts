import { Migrator, sql, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';
import { isSqliteBusy } from './transaction.js';

export class MigrationError extends Error {}

// SQLite: how often a migration that lost the race for the write lock is rerun (see below).
const SQLITE_ATTEMPTS = 20;

/**
 * Brings the schema up to date. Throws on any failure: a half-migrated database must stop the
 * start, never be served. Safe when several instances start at the same moment (migrations.test.ts
 * "4 processes migrating one fresh database at once…"):
 * - PostgreSQL: Kysely's migrator holds a session advisory lock around the run, so one instance
 *   migrates and the others then find nothing left to do.
 * - SQLite: the migrator takes no lock (one connection per process); the run is one deferred
 *   transaction (sqlite-dialect.ts declares SQLite's DDL transactional), so a process that read the
 *   migration table before another committed gets SQLITE_BUSY(_SNAPSHOT) on its first write; its
 *   transaction rolled back whole, so it is rerun and then finds the migrations applied.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  return migrateTo(database);
}

/**
 * Brings the schema to `target` (a migration's name; the latest when absent), with the same retries
 * as migrateToLatest. Upgrade tests use it to stop at an older schema.
 */
export async function migrateTo(database: Database, target?: string): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: await migrationTableSchema(database),
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results }: MigrationResultSet = await (target ? migrator.migrateTo(target) : migrator.migrateToLatest());
    const failed = results?.find((r) => r.status === 'Error');
    if (!error && !failed) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (database.engine === 'postgres' && !failed && isConcurrentSchemaDrop(error) && attempt < POSTGRES_ATTEMPTS) {
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
      continue;
    }
    if (database.engine === 'sqlite' && isSqliteBusy(error) && attempt < SQLITE_ATTEMPTS) {
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
      continue;
    }
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new MigrationError(`migration ${failed?.migrationName ?? ''} failed: ${cause}`.replace('  ', ' '));
  }
}

// PostgreSQL: Kysely's migrator introspects the tables of EVERY schema of the database, and looks
// each column up again (pg_get_serial_sequence); a schema another client drops at that moment (tests,
// tenants) fails it with 3F000 "schema … does not exist", 42P01 (relation) or 42703 "column … of
// relation … does not exist" (each seen under the full test suite). Only outside the migrations
// themselves, which touch our own schema alone; nothing was written: run it again.
const POSTGRES_ATTEMPTS = 5;
function isConcurrentSchemaDrop(error: unknown): boolean {
  return ['3F000', '42P01', '42703'].includes((error as { code?: string } | undefined)?.code ?? '');
}

/**
 * PostgreSQL: the schema that holds Kysely's own migration tables, named explicitly. Left unnamed,
 * the migrator decides whether kysely_migration exists by looking in EVERY schema of the database,
 * so a second schema (another tenant, another test run) with that table made it skip creating its
 * own and fail with `relation "kysely_migration" does not exist`. A `?schema=` that does not exist
 * yet is created here.
 */
async function migrationTableSchema(database: Database): Promise<string | undefined> {
  if (database.engine !== 'postgres') return undefined;
  if (database.schema) {
    try {
      await sql`create schema if not exists ${sql.id(database.schema)}`.execute(database.db);
    } catch (error) {
      // Two instances creating it at once: one of them may see a unique violation; the schema exists.
      if (!['23505', '42P06'].includes((error as { code?: string }).code ?? '')) throw error;
    }
    return database.schema;
  }
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(database.db);
  return rows[0]?.schema ?? undefined;
}
