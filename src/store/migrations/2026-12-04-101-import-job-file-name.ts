import type { Kysely } from 'kysely';

// Frozen in time: never imports application code.
// The name of the file an import job was uploaded as (a multipart upload, the CLI), so its history
// can say which file it was; null for a raw body or JSON.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_jobs').addColumn('file_name', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_jobs').dropColumn('file_name').execute();
}
