import { sql, type Kysely } from 'kysely';

// Frozen in time (see the initial migration): the web app's sessions, and the indexes that keep its
// prospect table fast at 100,000 rows in a list (keyset pagination per sort key).

/** Sort keys of the app's prospect table; the same expressions are used by src/store/app-prospects.ts. */
const SORT_EXPRESSIONS = {
  name: sql`coalesce(first_name, '') || ' ' || coalesce(last_name, '')`,
  company: sql`coalesce(company_name, '')`,
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sessions')
    // SHA-256 (hex) of the session token: the token itself lives only in the browser's cookie.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();

  await db.schema
    .createIndex('prospects_list_name')
    .on('prospects')
    .expression(sql`list_id, (${SORT_EXPRESSIONS.name}), id`)
    .execute();
  await db.schema
    .createIndex('prospects_list_company')
    .on('prospects')
    .expression(sql`list_id, (${SORT_EXPRESSIONS.company}), id`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('prospects_list_company').ifExists().execute();
  await db.schema.dropIndex('prospects_list_name').ifExists().execute();
  await db.schema.dropTable('sessions').ifExists().execute();
}
