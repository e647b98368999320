import type { Db } from './db.js';

/** The user's import events, newest first, with the names of their key, list and campaign. */
export function activityWithNames(db: Db, userId: string, options: { beforeId?: string; eventId?: string; limit: number }) {
  let query = db
    .selectFrom('activity_events as a')
    .leftJoin('api_keys as k', 'k.id', 'a.api_key_id')
    .leftJoin('prospect_lists as l', 'l.id', 'a.list_id')
    .leftJoin('campaigns as c', 'c.id', 'a.campaign_id')
    .selectAll('a')
    .select(['k.name as key_name', 'l.name as list_name', 'c.name as campaign_name'])
    .where('a.user_id', '=', userId);
  if (options.beforeId) query = query.where('a.id', '<', options.beforeId);
  if (options.eventId) query = query.where('a.id', '=', options.eventId);
  return query.orderBy('a.id', 'desc').limit(options.limit).execute();
}
