import type { Db } from './db.js';
import { nowIso } from './time.js';

/** Per campaign of the user (these ones only, when given): prospects ever enrolled and those travelling it now. */
export async function enrolmentCounts(db: Db, userId: string, campaignIds?: readonly string[]): Promise<Map<string, { enrolled: number; active: number }>> {
  if (campaignIds?.length === 0) return new Map();
  let query = db
    .selectFrom('enrolments')
    .select((eb) => ['campaign_id', eb.fn.countAll<number | string>().as('enrolled'), eb.fn.sum<number | string>('active').as('active')])
    .where('user_id', '=', userId);
  if (campaignIds) query = query.where('campaign_id', 'in', [...campaignIds]);
  const rows = await query.groupBy('campaign_id').execute();
  return new Map(rows.map((r) => [r.campaign_id, { enrolled: Number(r.enrolled), active: Number(r.active ?? 0) }]));
}

export interface EnrolmentFilter {
  /** Only enrolments travelling the campaign now (true) or ended ones (false). */
  active?: boolean;
  /** Strictly after this enrolment in the page's order (ids are time-ordered: enrolment order). */
  afterId?: string;
  /** Newest first instead of oldest first. */
  newestFirst?: boolean;
  /** This prospect's only. */
  prospectId?: string;
  limit: number;
}

/** A campaign's enrolments with their prospect and its list, in enrolment order. */
export function enrolmentsOfCampaign(db: Db, userId: string, campaignId: string, filter: EnrolmentFilter) {
  let query = db
    .selectFrom('enrolments as e')
    .innerJoin('prospects as p', 'p.id', 'e.prospect_id')
    .innerJoin('prospect_lists as l', 'l.id', 'p.list_id')
    .leftJoin('webhook_messages as m', 'm.enrolment_id', 'e.id')
    .select([
      'e.id as enrolmentId',
      'e.active as active',
      'e.stage as stage',
      'e.outcome as outcome',
      'm.state as messageState',
      'm.next_attempt_at as messageNextAttemptAt',
      'e.created_at as enrolledAt',
      'e.updated_at as updatedAt',
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
  if (filter.active !== undefined) query = query.where('e.active', '=', filter.active ? 1 : 0);
  if (filter.afterId !== undefined) query = query.where('e.id', filter.newestFirst ? '<' : '>', filter.afterId);
  if (filter.prospectId !== undefined) query = query.where('e.prospect_id', '=', filter.prospectId);
  return query.orderBy('e.id', filter.newestFirst ? 'desc' : 'asc').limit(filter.limit).execute();
}

/** Ends a prospect's active enrolment in a campaign of the user's; answers whether one was active. */
export async function endEnrolment(db: Db, userId: string, campaignId: string, prospectId: string): Promise<boolean> {
  const result = await db
    .updateTable('enrolments')
    .set({ active: 0, updated_at: nowIso() })
    .where('user_id', '=', userId)
    .where('campaign_id', '=', campaignId)
    .where('prospect_id', '=', prospectId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
