import type { Kysely } from 'kysely';

// Frozen in time: never imports application code.
// A key's scopes, as a JSON array of names ("import", "read", "write", "admin"). NULL for every key
// made before scopes existed: such a key keeps exactly the rights it had, the compatible endpoints.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('scopes', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').dropColumn('scopes').execute();
}
