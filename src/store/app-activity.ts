import { sql } from 'kysely';
import type { Db } from './db.js';

export interface ActivityFilter {
  /** The origin name as the import sent it (`n8n`, `CSV` for the app …). */
  origin?: string;
  listId?: string;
  /** Created at or after this ISO-8601 time. */
  after?: string;
  /** Created strictly before this ISO-8601 time. */
  before?: string;
  /** Strictly older than this event (ids are time-ordered: the keyset of newest-first pages). */
  beforeId?: string;
  eventId?: string;
  /** true: only the import requests written by import jobs' chunks; false: only the others (docs/v1.md#activity). */
  job?: boolean;
  limit: number;
}

/** The user's import events, newest first, with the names of their key, list and campaign. */
export function activityWithNames(db: Db, userId: string, filter: ActivityFilter) {
  let query = db
    .selectFrom('activity_events as a')
    .leftJoin('api_keys as k', 'k.id', 'a.api_key_id')
    .leftJoin('prospect_lists as l', 'l.id', 'a.list_id')
    .leftJoin('campaigns as c', 'c.id', 'a.campaign_id')
    .select([
      'a.id',
      'a.api_key_id',
      'a.origin',
      'a.origin_label',
      'a.integration_origin',
      'a.list_id',
      'a.campaign_id',
      'a.prospect_count',
      'a.counts',
      'a.outcomes',
      'a.created_at',
      'a.reverted_at',
      'a.undo',
      // The journal itself stays in the database: a feed page needs only whether it is there.
      sql<number>`case when a.journal is null then 0 else 1 end`.as('undoable'),
    ])
    .select(['k.name as key_name', 'l.name as list_name', 'c.name as campaign_name'])
    .where('a.user_id', '=', userId);
  if (filter.origin !== undefined) query = query.where('a.origin', '=', filter.origin);
  if (filter.listId !== undefined) query = query.where('a.list_id', '=', filter.listId);
  if (filter.after !== undefined) query = query.where('a.created_at', '>=', filter.after);
  if (filter.before !== undefined) query = query.where('a.created_at', '<', filter.before);
  if (filter.beforeId !== undefined) query = query.where('a.id', '<', filter.beforeId);
  if (filter.eventId !== undefined) query = query.where('a.id', '=', filter.eventId);
  if (filter.job !== undefined) {
    // The user's jobs' chunks name the requests they wrote: their own jobs only, so the index on import_jobs (user_id, id) narrows it.
    const ofJobs = db
      .selectFrom('import_job_chunks as jc')
      .innerJoin('import_jobs as j', 'j.id', 'jc.job_id')
      .select('jc.activity_id')
      .where('j.user_id', '=', userId)
      .where('jc.activity_id', 'is not', null)
      .$narrowType<{ activity_id: string }>();
    query = query.where('a.id', filter.job ? 'in' : 'not in', ofJobs);
  }
  return query.orderBy('a.id', 'desc').limit(filter.limit).execute();
}
