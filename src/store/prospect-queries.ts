import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from './db.js';
import { isPostgres } from './dialect.js';
import { normalizeSearch } from './prospect-search.js';
import type { ProspectRow, Schema } from './schema.js';

/**
 * The /v1 prospect queries (docs/v1.md#prospects): one filter, applied the same way to a page and to
 * a bulk selection. Pages go newest first by (created_at, id), read from the indexes of migration
 * 2026-12-02-002-prospect-queries: per list, per origin, or per CRM.
 */
export interface ProspectFilter {
  listId?: string;
  campaignId?: string;
  origin?: string;
  /** ISO-8601 UTC instants, exclusive bounds. */
  createdAfter?: string;
  createdBefore?: string;
  updatedAfter?: string;
  updatedBefore?: string;
  hasEmail?: boolean;
  q?: string;
}

/** The last row of a page: the next one starts strictly after it. */
export interface PagePosition {
  createdAt: string;
  id: string;
}

/** Below this many characters a search cannot use trigrams and scans the CRM's rows instead. */
const TRIGRAM = 3;

type ProspectQuery<O> = SelectQueryBuilder<Schema, 'prospects', O>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The text search: SQLite asks the FTS5 trigram table for the rowids holding the text (a quoted
 * phrase: a substring match, no syntax of its own); PostgreSQL a LIKE the pg_trgm index serves.
 */
function withSearch<O>(db: Db, query: ProspectQuery<O>, q: string): ProspectQuery<O> {
  const text = normalizeSearch(q.trim());
  if (text === '') return query;
  if (isPostgres(db)) return query.where(sql<boolean>`search_text like ${`%${escapeLike(text)}%`} escape '\\'`);
  if ([...text].length < TRIGRAM) return query.where(sql<boolean>`instr(search_text, ${text}) > 0`);
  return query.where(sql<boolean>`rowid in (select rowid from prospects_search where prospects_search match ${`"${text.replace(/"/g, '""')}"`})`);
}

export function filtered<O>(db: Db, query: ProspectQuery<O>, userId: string, filter: ProspectFilter): ProspectQuery<O> {
  let q = query.where('user_id', '=', userId);
  if (filter.listId !== undefined) q = q.where('list_id', '=', filter.listId);
  if (filter.origin !== undefined) q = q.where('origin', '=', filter.origin);
  if (filter.campaignId !== undefined) {
    const campaignId = filter.campaignId;
    q = q.where('id', 'in', (eb) => eb.selectFrom('enrolments').select('prospect_id').where('user_id', '=', userId).where('campaign_id', '=', campaignId));
  }
  if (filter.createdAfter !== undefined) q = q.where('created_at', '>', filter.createdAfter);
  if (filter.createdBefore !== undefined) q = q.where('created_at', '<', filter.createdBefore);
  if (filter.updatedAfter !== undefined) q = q.where('updated_at', '>', filter.updatedAfter);
  if (filter.updatedBefore !== undefined) q = q.where('updated_at', '<', filter.updatedBefore);
  if (filter.hasEmail !== undefined) q = q.where('email', filter.hasEmail ? 'is not' : 'is', null);
  if (filter.q !== undefined) q = withSearch(db, q, filter.q);
  return q;
}

/** One page of the caller's prospects matching the filter, newest first, `limit + 1` rows to tell whether more follow. */
export function pageOfProspects(db: Db, userId: string, filter: ProspectFilter, after: PagePosition | undefined, limit: number): Promise<ProspectRow[]> {
  let query = filtered(db, db.selectFrom('prospects').selectAll(), userId, filter);
  if (after) {
    // (created_at, id) < (cursor) spelt so that SQLite, too, sees a range on the index.
    query = query.where(sql<boolean>`created_at <= ${after.createdAt} and (created_at < ${after.createdAt} or id < ${after.id})`);
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}

/** Ids of every prospect of the caller matching the filter (a bulk action's selection), oldest first. */
export async function idsMatching(db: Db, userId: string, filter: ProspectFilter): Promise<string[]> {
  const rows = await filtered(db, db.selectFrom('prospects').select('id'), userId, filter).orderBy('id').execute();
  return rows.map((r) => r.id);
}
