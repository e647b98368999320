import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not, so its migrator ran
 * each migration statement by statement with no lock: a crash left half a schema, and processes
 * starting together raced ("table plans already exists"). Declared transactional, every migration
 * run is one transaction: it commits whole or not at all, and a process that lost the race gets
 * SQLITE_BUSY and reruns (migrate.ts). Migrations must therefore avoid statements SQLite refuses
 * inside a transaction (VACUUM, PRAGMA foreign_keys/journal_mode).
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
export class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
