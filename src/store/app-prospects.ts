import { sql, type RawBuilder } from 'kysely';
import type { Db } from './db.js';
import type { ProspectRow } from './schema.js';
import { chunk } from './time.js';

/**
 * The web app's reads of prospects: a list's table with search, sort and keyset pagination (no
 * OFFSET, so page 2,000 of a 100,000-row list costs what page 1 costs), and the enrolments shown
 * beside them. The sort expressions match the indexes of migration 2026-11-27-002 exactly.
 */
export const PROSPECT_SORTS = ['added', 'name', 'company'] as const;
export type ProspectSort = (typeof PROSPECT_SORTS)[number];

const SORT_KEY: Record<ProspectSort, RawBuilder<string>> = {
  added: sql<string>`id`,
  name: sql<string>`coalesce(first_name, '') || ' ' || coalesce(last_name, '')`,
  company: sql<string>`coalesce(company_name, '')`,
};

export interface Cursor {
  key: string;
  id: string;
}

export interface BrowseQuery {
  listId: string;
  search?: string;
  sort: ProspectSort;
  descending: boolean;
  /** Rows strictly after this cursor in the sort order, or strictly before it. */
  after?: Cursor;
  before?: Cursor;
  limit: number;
}

export interface BrowsePage {
  rows: (ProspectRow & { sort_key: string })[];
  hasMoreAfter: boolean;
  hasMoreBefore: boolean;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function searchFilter(search: string) {
  const pattern = `%${escapeLike(search.toLowerCase())}%`;
  return sql<boolean>`(lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) like ${pattern} escape '\\'
    or lower(coalesce(email, '')) like ${pattern} escape '\\'
    or lower(coalesce(company_name, '')) like ${pattern} escape '\\'
    or lower(coalesce(occupation, '')) like ${pattern} escape '\\')`;
}

export async function browseProspects(db: Db, userId: string, query: BrowseQuery): Promise<BrowsePage> {
  const key = SORT_KEY[query.sort];
  // Walking backwards (the "previous" button) reads the index in reverse and flips the page after.
  const backwards = query.before !== undefined;
  const ascending = query.descending === backwards;
  let builder = db
    .selectFrom('prospects')
    .selectAll()
    .select(key.as('sort_key'))
    .where('user_id', '=', userId)
    .where('list_id', '=', query.listId);
  const search = query.search?.trim();
  if (search) builder = builder.where(searchFilter(search));
  const cursor = query.after ?? query.before;
  if (cursor) {
    const value = query.sort === 'added' ? cursor.id : cursor.key;
    // (key, id) > (value, id) spelt so that SQLite, too, sees a range on the indexed expression
    // (it does not use a row-value comparison on an expression index).
    builder = ascending
      ? builder.where(sql<boolean>`${key} >= ${value} and (${key} > ${value} or id > ${cursor.id})`)
      : builder.where(sql<boolean>`${key} <= ${value} and (${key} < ${value} or id < ${cursor.id})`);
  }
  const direction = ascending ? sql`asc` : sql`desc`;
  const rows = await builder
    .orderBy(sql`${key} ${direction}`)
    .orderBy(sql`id ${direction}`)
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (backwards) page.reverse();
  return {
    rows: page,
    hasMoreAfter: backwards ? true : more,
    hasMoreBefore: backwards ? more : cursor !== undefined,
  };
}

/** Exact number of the list's prospects matching the search (the list's own count when there is none). */
export async function countMatches(db: Db, userId: string, listId: string, search: string): Promise<number> {
  const row = await db
    .selectFrom('prospects')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('list_id', '=', listId)
    .where(searchFilter(search.trim()))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ActiveEnrolment {
  prospectId: string;
  campaignId: string;
  campaignName: string;
  campaignState: string;
}

/** The campaign each of these prospects currently travels, if any. */
export async function activeEnrolments(db: Db, userId: string, prospectIds: readonly string[]): Promise<Map<string, ActiveEnrolment>> {
  const found = new Map<string, ActiveEnrolment>();
  for (const part of chunk(prospectIds, 500)) {
    const rows = await db
      .selectFrom('enrolments as e')
      .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
      .select(['e.prospect_id as prospectId', 'c.id as campaignId', 'c.name as campaignName', 'c.state as campaignState'])
      .where('e.user_id', '=', userId)
      .where('e.active', '=', 1)
      .where('e.prospect_id', 'in', part)
      .execute();
    for (const row of rows) found.set(row.prospectId, row);
  }
  return found;
}

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
