import type { Kysely } from 'kysely';

// Frozen in time: never imports application code.
// A prospect's enrolments, active or ended, by prospect: deleting prospects deletes their enrolments
// by prospect id, and only the active ones were indexed (enrolments_one_active). Without it a bulk
// delete of 100,000 enrolled prospects read the whole enrolments table for each part of 500.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('enrolments_prospect').on('enrolments').columns(['prospect_id', 'campaign_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('enrolments_prospect').execute();
}
