import type { Db } from './db.js';

/** Per campaign of the user: prospects ever enrolled and those travelling it now. */
export async function enrolmentCounts(db: Db, userId: string): Promise<Map<string, { enrolled: number; active: number }>> {
  const rows = await db
    .selectFrom('enrolments')
    .select((eb) => ['campaign_id', eb.fn.countAll<number | string>().as('enrolled'), eb.fn.sum<number | string>('active').as('active')])
    .where('user_id', '=', userId)
    .groupBy('campaign_id')
    .execute();
  return new Map(rows.map((r) => [r.campaign_id, { enrolled: Number(r.enrolled), active: Number(r.active ?? 0) }]));
}

/** A campaign's enrolled prospects, in enrolment order, a page at a time. */
export function enrolledProspects(db: Db, userId: string, campaignId: string, afterEnrolmentId: string | null, limit: number) {
  let query = db
    .selectFrom('enrolments as e')
    .innerJoin('prospects as p', 'p.id', 'e.prospect_id')
    .innerJoin('prospect_lists as l', 'l.id', 'p.list_id')
    .select([
      'e.id as enrolmentId',
      'e.active as active',
      'e.created_at as enrolledAt',
      'p.id as prospectId',
      'p.first_name as firstName',
      'p.last_name as lastName',
      'p.linkedin_url as linkedinUrl',
      'p.company_name as company',
      'l.id as listId',
      'l.name as listName',
    ])
    .where('e.user_id', '=', userId)
    .where('e.campaign_id', '=', campaignId);
  if (afterEnrolmentId) query = query.where('e.id', '>', afterEnrolmentId);
  return query.orderBy('e.id').limit(limit).execute();
}
