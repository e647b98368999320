import type { Kysely } from 'kysely';

// Frozen in time: never imports application code.
// Tags and notes on prospects (docs/v1.md#tags-and-notes):
// - tags: a user's tag names, unique per user without regard to case (name_key: the name in NFC,
//   lowercased, computed by the service), so "VIP" and "vip" are one tag;
// - prospect_tags: which prospect carries which tag; the primary key serves a prospect's tags and
//   the cascade from prospects, the (tag_id, prospect_id) index the `tag` filter and the counts;
// - prospect_notes: free text on a prospect with its author and times, newest first by id.
// Both link tables cascade from prospects: a deleted or erased prospect takes its notes and tags along.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tags_user_key').unique().on('tags').columns(['user_id', 'name_key']).execute();

  await db.schema
    .createTable('prospect_tags')
    .addColumn('prospect_id', 'text', (c) => c.notNull().references('prospects.id').onDelete('cascade'))
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    // No foreign key of its own: the prospect's and the tag's already cascade from the user, and each
    // key is a check per row that a bulk tag of 100,000 prospects pays.
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('prospect_tags_pk', ['prospect_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('prospect_tags_tag').on('prospect_tags').columns(['tag_id', 'prospect_id']).execute();

  await db.schema
    .createTable('prospect_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('prospect_id', 'text', (c) => c.notNull().references('prospects.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    // 'person' (the web app's session) or 'key' (an API key), and the name it had when writing.
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prospect_notes_prospect').on('prospect_notes').columns(['prospect_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['prospect_notes', 'prospect_tags', 'tags']) await db.schema.dropTable(table).ifExists().execute();
}
