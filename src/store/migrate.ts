import { Migrator, sql, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {}

/**
 * Brings the schema up to date. Kysely's migrator takes a lock (a row lock on PostgreSQL), so
 * several instances starting at once migrate exactly once. Throws on any failure: a half-migrated
 * database must stop the start, never be served.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its own tables in every schema unless told which one: with another schema of
    // the same database already migrated (one schema per tenant or per test), it would skip creating
    // them in ours and fail with 'relation "kysely_migration_lock" does not exist'.
    migrationTableSchema: await currentSchema(database),
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new MigrationError(`migration ${failed?.migrationName ?? ''} failed: ${cause}`.replace('  ', ' '));
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The schema our tables live in on PostgreSQL (first of the search_path); undefined on SQLite. */
async function currentSchema(database: Database): Promise<string | undefined> {
  if (database.engine !== 'postgres') return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  return rows[0]?.schema ?? undefined;
}
