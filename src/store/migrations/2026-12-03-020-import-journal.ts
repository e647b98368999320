import type { Kysely } from 'kysely';

// Frozen in time: never imports application code.
// Undo of an import (docs/v1.md#undo-an-import), on the import's own activity entry:
// - journal: what the import did (prospects created, the list and data before of those it changed,
//   enrolments made), JSON, written by the insert the import makes anyway, so the hot path pays no
//   statement for it; set to null once undone or past the undo window;
// - reverted_at and undo: when the import was undone and what the undo did (JSON counts).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activity_events').addColumn('journal', 'text').execute();
  await db.schema.alterTable('activity_events').addColumn('reverted_at', 'text').execute();
  await db.schema.alterTable('activity_events').addColumn('undo', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activity_events').dropColumn('undo').execute();
  await db.schema.alterTable('activity_events').dropColumn('reverted_at').execute();
  await db.schema.alterTable('activity_events').dropColumn('journal').execute();
}
