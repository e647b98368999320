import type { Db } from './db.js';
import { runSql } from './dialect.js';
import type { ActivityEventRow, NewActivityEventRow } from './schema.js';

/** The journal is required: every import keeps one for its undo (store/import-journal.ts). */
export type NewActivityEvent = Omit<NewActivityEventRow, 'journal'> & { journal: string | null };

/** The columns insertActivityEvent writes, in activityValues order. */
export const ACTIVITY_COLUMNS = 'id, user_id, api_key_id, origin, origin_label, integration_origin, list_id, campaign_id, prospect_count, counts, outcomes, journal, created_at';

export function activityValues(event: NewActivityEvent): unknown[] {
  return [
    event.id,
    event.user_id,
    event.api_key_id,
    event.origin,
    event.origin_label,
    event.integration_origin,
    event.list_id,
    event.campaign_id,
    event.prospect_count,
    event.counts,
    event.outcomes,
    event.journal,
    event.created_at,
  ];
}

export async function insertActivityEvent(db: Db, event: NewActivityEvent): Promise<void> {
  await runSql(db, `insert into activity_events (${ACTIVITY_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, activityValues(event));
}

/** The user's events, newest first (ids are time-ordered). */
export function listActivityEvents(db: Db, userId: string, limit: number, beforeId?: string): Promise<ActivityEventRow[]> {
  let query = db.selectFrom('activity_events').selectAll().where('user_id', '=', userId);
  if (beforeId) query = query.where('id', '<', beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
