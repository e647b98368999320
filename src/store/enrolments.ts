import type { EnrolmentInfo } from '../engine/decide-import.js';
import { newId } from '../ids.js';
import type { Db } from './db.js';
import { insertRows, valueSet, type ColumnList } from './dialect.js';

/** Enrolments of these prospects that matter to enrolling them in campaignId: in it, or active anywhere. */
export async function findEnrolments(db: Db, prospectIds: readonly string[], campaignId: string): Promise<EnrolmentInfo[]> {
  // Looked up by prospect (the unique index leads with prospect_id) and filtered here: with the OR in
  // SQL, SQLite preferred scanning every enrolment of the campaign and every active one.
  const rows = await db
    .selectFrom('enrolments')
    .select(['prospect_id', 'campaign_id', 'active'])
    .where('prospect_id', 'in', valueSet(db, prospectIds))
    .execute();
  const found: EnrolmentInfo[] = [];
  for (const row of rows) {
    const active = Number(row.active) === 1;
    if (active || row.campaign_id === campaignId) found.push({ prospectId: row.prospect_id, campaignId: row.campaign_id, active });
  }
  return found;
}

const ENROLMENT_COLUMNS: ColumnList<'enrolments'> = [
  ['id', 'text'],
  ['user_id', 'text'],
  ['prospect_id', 'text'],
  ['campaign_id', 'text'],
  ['active', 'integer'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
];

/** Inserts active enrolments; answers their ids, in order. */
export async function insertEnrolments(
  db: Db,
  userId: string,
  enrolments: readonly { prospectId: string; campaignId: string }[],
  at: string,
): Promise<string[]> {
  const ids = enrolments.map(() => newId());
  await insertRows(
    db,
    'enrolments',
    ENROLMENT_COLUMNS,
    enrolments.map((e, i) => [ids[i], userId, e.prospectId, e.campaignId, 1, at, at]),
  );
  return ids;
}
