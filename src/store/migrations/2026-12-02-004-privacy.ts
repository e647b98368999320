import { sql, type Kysely } from 'kysely';

// Frozen in time: never imports application code.
// Privacy (docs/v1.md#privacy-erasure-do-not-contact-access):
// - do_not_contact on prospects and lists: such a prospect is never enrolled;
// - erased_identities: per user, the salted hash of each identity of an erased person, so a later
//   import of them is refused (profile_deleted) without keeping who they were;
// - installation_settings: one row per setting, here the salt of those hashes, generated on first need;
// - audit_log: what was done to personal data, never naming it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('prospects').addColumn('do_not_contact', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('prospect_lists').addColumn('do_not_contact', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('installation_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('erased_identities')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('erased_identities_pk', ['user_id', 'hash'])
    .execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index audit_log_user on audit_log (user_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').ifExists().execute();
  await db.schema.dropTable('erased_identities').ifExists().execute();
  await db.schema.dropTable('installation_settings').ifExists().execute();
  await db.schema.alterTable('prospect_lists').dropColumn('do_not_contact').execute();
  await db.schema.alterTable('prospects').dropColumn('do_not_contact').execute();
}
