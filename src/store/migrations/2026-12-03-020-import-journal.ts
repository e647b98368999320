import type { Kysely } from 'kysely';

// Frozen in time: never imports application code.
// Undo of an import (docs/v1.md#undo-an-import):
// - import_journal: one row per import, written in the import's transaction, holding what it did
//   (prospects created, the previous list and data of those it changed, enrolments made), as JSON.
//   Keyed by the activity id, which starts with its creation second, so the purge of old entries
//   walks the primary key;
// - activity_events.reverted_at and .undo: when the import was undone and what the undo did (JSON
//   counts), kept after the journal is purged.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_journal')
    .addColumn('activity_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The updated_at the import wrote on every row it touched: a row still holding it is unchanged since.
    .addColumn('written_at', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('changed', 'text', (c) => c.notNull())
    .addColumn('enrolled', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_journal_user').on('import_journal').columns(['user_id', 'activity_id']).execute();
  await db.schema.alterTable('activity_events').addColumn('reverted_at', 'text').execute();
  await db.schema.alterTable('activity_events').addColumn('undo', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activity_events').dropColumn('undo').execute();
  await db.schema.alterTable('activity_events').dropColumn('reverted_at').execute();
  await db.schema.dropTable('import_journal').ifExists().execute();
}
