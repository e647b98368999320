import type { Kysely } from 'kysely';

// Frozen in time: never imports application code.
// The language the web app speaks to a user ("en" or "fr"), chosen on the account page. Every user
// made before it speaks English, as the app did.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('language', 'text', (c) => c.notNull().defaultTo('en')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('language').execute();
}
