import type { Kysely } from 'kysely';

// Frozen in time: never imports application code.
// Moves made in the web app, for a prospect's history (imports and their moves are already in
// activity_events.outcomes, enrolments in enrolments).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('prospect_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('prospect_id', 'text', (c) => c.notNull().references('prospects.id').onDelete('cascade'))
    .addColumn('from_list_id', 'text', (c) => c.notNull())
    .addColumn('to_list_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prospect_moves_prospect').on('prospect_moves').columns(['prospect_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('prospect_moves').ifExists().execute();
}
