import type { Db } from './db.js';
import type { ActivityEventRow } from './schema.js';

export type NewActivityEvent = ActivityEventRow;

export async function insertActivityEvent(db: Db, event: NewActivityEvent): Promise<void> {
  await db.insertInto('activity_events').values(event).execute();
}

/** The user's events, newest first (ids are time-ordered). */
export function listActivityEvents(db: Db, userId: string, limit: number, beforeId?: string): Promise<ActivityEventRow[]> {
  let query = db.selectFrom('activity_events').selectAll().where('user_id', '=', userId);
  if (beforeId) query = query.where('id', '<', beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

export function findActivityEvent(db: Db, userId: string, eventId: string): Promise<ActivityEventRow | undefined> {
  return db.selectFrom('activity_events').selectAll().where('id', '=', eventId).where('user_id', '=', userId).executeTakeFirst();
}
