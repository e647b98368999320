import type { EnrolmentInfo } from '../engine/decide-import.js';
import { newId } from '../ids.js';
import type { Db } from './db.js';
import { chunk } from './time.js';

/** Enrolments of these prospects that matter to enrolling them in campaignId: in it, or active anywhere. */
export async function findEnrolments(db: Db, prospectIds: readonly string[], campaignId: string): Promise<EnrolmentInfo[]> {
  const found: EnrolmentInfo[] = [];
  for (const part of chunk(prospectIds, 500)) {
    const rows = await db
      .selectFrom('enrolments')
      .select(['prospect_id', 'campaign_id', 'active'])
      .where('prospect_id', 'in', part)
      .where((eb) => eb.or([eb('campaign_id', '=', campaignId), eb('active', '=', 1)]))
      .execute();
    found.push(...rows.map((r) => ({ prospectId: r.prospect_id, campaignId: r.campaign_id, active: Number(r.active) === 1 })));
  }
  return found;
}

export async function insertEnrolments(
  db: Db,
  userId: string,
  enrolments: readonly { prospectId: string; campaignId: string }[],
  at: string,
): Promise<void> {
  for (const part of chunk(enrolments, 1000)) {
    await db
      .insertInto('enrolments')
      .values(
        part.map((e) => ({
          id: newId(),
          user_id: userId,
          prospect_id: e.prospectId,
          campaign_id: e.campaignId,
          active: 1,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }
}
