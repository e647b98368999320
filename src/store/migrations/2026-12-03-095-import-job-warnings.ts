import type { Kysely } from 'kysely';

// Frozen in time: never imports application code.
// The unknown fields an import job's rows had (ignored, and reported like the compatible endpoint's
// warnings): the first ones as a JSON array of {row, path, message}, and how many there were in all.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_jobs').addColumn('warnings', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('import_jobs').addColumn('warning_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_jobs').dropColumn('warning_count').execute();
  await db.schema.alterTable('import_jobs').dropColumn('warnings').execute();
}
