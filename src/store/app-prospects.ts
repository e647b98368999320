import type { Db } from './db.js';
import type { ProspectRow } from './schema.js';

// The reads behind a prospect's page: one prospect, its enrolments and the imports that touched it.

export function findProspect(db: Db, userId: string, prospectId: string): Promise<ProspectRow | undefined> {
  return db.selectFrom('prospects').selectAll().where('id', '=', prospectId).where('user_id', '=', userId).executeTakeFirst();
}

/** Every enrolment of one prospect, oldest first, with its campaign. */
export function enrolmentsOfProspect(db: Db, userId: string, prospectId: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .select(['e.id as id', 'e.active as active', 'e.created_at as createdAt', 'c.id as campaignId', 'c.name as campaignName', 'c.state as campaignState'])
    .where('e.user_id', '=', userId)
    .where('e.prospect_id', '=', prospectId)
    .orderBy('e.id')
    .execute();
}

/**
 * The imports that touched a prospect, read from the activity feed's stored outcomes: the history is
 * derived, not kept twice. A text match narrows the events, the JSON check confirms each one.
 */
export async function importsOfProspect(db: Db, userId: string, prospectId: string) {
  const rows = await db
    .selectFrom('activity_events')
    .select(['id', 'origin_label', 'list_id', 'created_at', 'outcomes', 'api_key_id'])
    .where('user_id', '=', userId)
    .where('outcomes', 'like', `%${prospectId}%`)
    .orderBy('id')
    .limit(200)
    .execute();
  return rows.flatMap((row) => {
    const outcomes = JSON.parse(row.outcomes) as { prospectId: string | null; importCode: string; addToCampaignCode: string | null }[];
    const mine = outcomes.find((o) => o.prospectId === prospectId);
    return mine ? [{ eventId: row.id, originLabel: row.origin_label, listId: row.list_id, createdAt: row.created_at, importCode: mine.importCode, addToCampaignCode: mine.addToCampaignCode }] : [];
  });
}

/** Rows of a list in id order, a page at a time, for the CSV export. */
export function listPage(db: Db, userId: string, listId: string, afterId: string | null, limit: number): Promise<ProspectRow[]> {
  let query = db.selectFrom('prospects').selectAll().where('user_id', '=', userId).where('list_id', '=', listId);
  if (afterId) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}
