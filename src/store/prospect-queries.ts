import { sql, type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Db } from './db.js';
import { isPostgres, ownedBy, valueSet } from './dialect.js';
import { ITEM_COLUMNS, itemColumns, type ProspectItemRow } from './prospect-items.js';
import { searchQuery } from './prospect-search.js';
import type { ProspectRow, Schema } from './schema.js';
import { allBelowAreOlder, fewIndexedMatches, indexedMatchesBelow, indexPhrase, indexState, unindexedSql } from './sqlite-search-index.js';

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
  /** The key of a tag (src/engine/tag-name.ts): prospects carrying it. */
  tag?: string;
  importId?: string;
  enrolment?: 'active' | 'ended' | 'none';
  company?: string;
  variable?: string;
  variableValue?: string;
  q?: string;
}

/** The last row of a page: the next one starts strictly after it. */
export interface PagePosition {
  createdAt: string;
  id: string;
}

type ProspectQuery<O> = SelectQueryBuilder<Schema, 'prospects', O>;

/** The normalized text a page looks for (docs/v1.md#text-search), or undefined for no search. */
type Search = { text: string } | undefined;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function planSearch(q: string | undefined): Search {
  const text = searchQuery(q ?? '');
  return text === '' ? undefined : { text };
}

/**
 * The text test. PostgreSQL's LIKE is served by the pg_trgm index. SQLite tests each row it reads:
 * all of them along the page's index for text too short for trigrams, otherwise only the rows its
 * trigram index names and those it may not know yet (sqliteSearchPage).
 */
function withSearch<O>(db: Db, query: ProspectQuery<O>, search: NonNullable<Search>): ProspectQuery<O> {
  if (isPostgres(db)) return query.where(sql<boolean>`search_text like ${`%${escapeLike(search.text)}%`} escape '\\'`);
  return query.where(sql<boolean>`instr(search_text, ${search.text}) > 0`);
}

/**
 * The campaign filters: `campaignId` alone, enrolled in it now or before; with `enrolment`, the
 * state of that enrolment (or of any enrolment without `campaignId`) as docs/v1.md#prospects words it.
 */
function withEnrolment<O>(query: ProspectQuery<O>, userId: string, campaignId: string | undefined, state: ProspectFilter['enrolment']): ProspectQuery<O> {
  if (campaignId === undefined && state === undefined) return query;
  const enrolled = (active?: number) => (eb: ExpressionBuilder<Schema, 'prospects'>) => {
    let sub = eb.selectFrom('enrolments').select('prospect_id').where('user_id', '=', userId);
    if (campaignId !== undefined) sub = sub.where('campaign_id', '=', campaignId);
    return active === undefined ? sub : sub.where('active', '=', active);
  };
  if (campaignId !== undefined) {
    if (state === undefined) return query.where('id', 'in', enrolled());
    if (state === 'none') return query.where('id', 'not in', enrolled());
    return query.where('id', 'in', enrolled(state === 'active' ? 1 : 0));
  }
  if (state === 'active') return query.where('id', 'in', enrolled(1));
  if (state === 'none') return query.where('id', 'not in', enrolled(1));
  return query.where('id', 'in', enrolled(0)).where('id', 'not in', enrolled(1));
}

/** The prospect ids an import's stored outcomes name (an import of another user names none). */
function prospectsOfImport(db: Db, userId: string, importId: string) {
  if (isPostgres(db)) {
    return sql<string>`(select o.value->>'prospectId' from activity_events a, jsonb_array_elements(a.outcomes::jsonb) o where a.id = ${importId} and a.user_id = ${userId} and o.value->>'prospectId' is not null)`;
  }
  return sql<string>`(select json_extract(o.value, '$.prospectId') from activity_events a, json_each(a.outcomes) o where a.id = ${importId} and a.user_id = ${userId} and json_extract(o.value, '$.prospectId') is not null)`;
}

/**
 * A custom variable with a value (any, or exactly `value`), read from the stored JSON array. The
 * array is written by JSON.stringify (src/store/prospects.ts), so a row holding the label (and the
 * value) holds their JSON text: that cheap substring test goes first and spares most rows the JSON
 * parse, the costly part of this filter.
 */
function hasVariable(db: Db, label: string, value: string | undefined) {
  const texts = [JSON.stringify(label), ...(value === undefined ? [] : [JSON.stringify(value)])];
  if (isPostgres(db)) {
    const holds = sql.join(texts.map((text) => sql`strpos(prospects.custom_variables, ${text}) > 0`), sql` and `);
    const match = value === undefined ? sql`v.value->>'value' <> ''` : sql`v.value->>'value' = ${value}`;
    return sql<boolean>`(${holds} and exists (select 1 from jsonb_array_elements(prospects.custom_variables::jsonb) v where v.value->>'label' = ${label} and ${match}))`;
  }
  const holds = sql.join(texts.map((text) => sql`instr(prospects.custom_variables, ${text}) > 0`), sql` and `);
  const match = value === undefined ? sql`json_extract(v.value, '$.value') <> ''` : sql`json_extract(v.value, '$.value') = ${value}`;
  return sql<boolean>`(${holds} and exists (select 1 from json_each(prospects.custom_variables) v where json_extract(v.value, '$.label') = ${label} and ${match}))`;
}

/**
 * SQLite: the prospects among some rowids, read by rowid. A subquery with a LIMIT is not flattened
 * into the outer query, so no index of the outer filters can take the plan over (left to itself,
 * SQLite walked the whole CRM's created_at index to spare itself a sort of a few rows).
 */
function prospectsAmong(db: Db, rowids: RawBuilder<boolean>): SelectQueryBuilder<Schema, 'prospects', object> {
  return db.selectFrom(sql<ProspectRow>`(select * from prospects where ${rowids} limit -1)`.as('prospects')) as unknown as SelectQueryBuilder<Schema, 'prospects', object>;
}

const rowidIn = (rowids: readonly number[]) => sql<boolean>`rowid in (select value from json_each(${JSON.stringify(rowids)}))`;

/** (created_at, id) < (cursor) spelt so that SQLite, too, sees a range on the index. */
const afterPosition = (after: PagePosition) => sql<boolean>`created_at <= ${after.createdAt} and (created_at < ${after.createdAt} or id < ${after.id})`;

/** Newest first: created_at, then id (the page order). */
const newestFirst = (a: ProspectRow, b: ProspectRow) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.created_at < b.created_at ? 1 : -1);

/** A text the trigram index holds in at most this many rows is read whole and sorted (a rare name, a slug). */
const FEW_MATCHES = 256;

/**
 * A page of a text search on SQLite (docs/v1.md#text-search). A rare text: every match the index
 * names, with the rows it may not know yet, sorted. A common one: the index's matches newest rowid
 * first, in growing chunks, until the page is full and no older rowid can still belong to it
 * (allBelowAreOlder), so a page reads about its own size in rows whatever the CRM's.
 */
async function sqliteSearchPage(db: Db, userId: string, filter: ProspectFilter, phrase: string, after: PagePosition | undefined, limit: number): Promise<ProspectItemRow[]> {
  const want = limit + 1;
  const search = planSearch(filter.q)!;
  const read = (rowids: RawBuilder<boolean>, count?: number) => {
    let query = filtered(db, prospectsAmong(db, rowids).selectAll(), userId, filter, search);
    if (after) query = query.where(afterPosition(after));
    query = query.orderBy('created_at', 'desc').orderBy('id', 'desc');
    return (count === undefined ? query : query.limit(count)).execute();
  };
  const few = await fewIndexedMatches(db, phrase, FEW_MATCHES);
  if (few !== null) return itemsOf(db, userId, await read(sql<boolean>`(${rowidIn(few)} or ${unindexedSql})`, want));

  const state = await indexState(db);
  const found = new Map<string, ProspectRow>();
  const add = (rows: ProspectRow[]) => rows.forEach((row) => found.set(row.id, row));
  const page = () => [...found.values()].sort(newestFirst).slice(0, want);
  add(await read(unindexedSql, want));
  let below = Number.MAX_SAFE_INTEGER;
  for (let chunk = want + 28; ; chunk = Math.min(chunk * 2, 4_096)) {
    const rowids = await indexedMatchesBelow(db, phrase, below, chunk);
    if (rowids.length > 0) add(await read(rowidIn(rowids)));
    if (rowids.length < chunk) break;
    below = rowids.at(-1)!;
    const sorted = page();
    if (sorted.length === want && (await allBelowAreOlder(db, below, state, sorted.at(-1)!.created_at))) break;
  }
  return itemsOf(db, userId, page());
}

/** A page found in pieces, read again whole with its item columns, in page order. */
async function itemsOf(db: Db, userId: string, rows: readonly ProspectRow[]): Promise<ProspectItemRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const { rows: items } = await sql<ProspectItemRow>`select ${itemColumns(db, 'p')} from prospects p where p.id in ${valueSet(db, ids)} and ${ownedBy(db, userId, 'p')} order by p.created_at desc, p.id desc`.execute(db);
  return items;
}

/**
 * A page with its item columns: the page's query (its own order and LIMIT) wrapped, so the item
 * subqueries run for the rows of the page only, whatever plan the page's filters get.
 */
async function withItems<O>(db: Db, page: ProspectQuery<O>): Promise<ProspectItemRow[]> {
  const { rows } = await sql<ProspectItemRow>`select ${itemColumns(db, 'p')} from ${page} as p order by p.created_at desc, p.id desc`.execute(db);
  return rows;
}

function filtered<O>(db: Db, query: ProspectQuery<O>, userId: string, filter: ProspectFilter, search: Search): ProspectQuery<O> {
  let q = query.where('user_id', '=', userId);
  if (filter.listId !== undefined) q = q.where('list_id', '=', filter.listId);
  if (filter.origin !== undefined) q = q.where('origin', '=', filter.origin);
  q = withEnrolment(q, userId, filter.campaignId, filter.enrolment);
  if (filter.importId !== undefined) q = q.where('id', 'in', prospectsOfImport(db, userId, filter.importId));
  if (filter.company !== undefined) q = q.where(sql<boolean>`lower(company_name) like ${`%${escapeLike(filter.company.toLowerCase())}%`} escape '\\'`);
  if (filter.variable !== undefined) q = q.where(hasVariable(db, filter.variable, filter.variableValue));
  if (filter.createdAfter !== undefined) q = q.where('created_at', '>', filter.createdAfter);
  if (filter.createdBefore !== undefined) q = q.where('created_at', '<', filter.createdBefore);
  if (filter.updatedAfter !== undefined) q = q.where('updated_at', '>', filter.updatedAfter);
  if (filter.updatedBefore !== undefined) q = q.where('updated_at', '<', filter.updatedBefore);
  if (filter.hasEmail !== undefined) q = q.where('email', filter.hasEmail ? 'is not' : 'is', null);
  if (filter.tag !== undefined) {
    // A probe of prospect_tags' primary key per row the page's index walks: a page of a common tag
    // stops after its rows, instead of reading every prospect that carries it first.
    const key = filter.tag;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('prospect_tags as pt')
          .select('pt.tag_id')
          .whereRef('pt.prospect_id', '=', 'prospects.id')
          .where('pt.tag_id', 'in', (eb) => eb.selectFrom('tags').select('tags.id').where('tags.user_id', '=', userId).where('tags.name_key', '=', key)),
      ),
    );
  }
  if (search) q = withSearch(db, q, search);
  return q;
}

/**
 * One page of the caller's prospects matching the filter, newest first, `limit + 1` rows to tell
 * whether more follow, each with its item columns.
 */
export async function pageOfProspects(db: Db, userId: string, filter: ProspectFilter, after: PagePosition | undefined, limit: number, offset = 0): Promise<ProspectItemRow[]> {
  const search = planSearch(filter.q);
  const phrase = search && !isPostgres(db) ? indexPhrase(search.text) : null;
  // A page jump (offset) skips rows in page order: the search text is then tested row by row.
  if (phrase !== null && offset === 0) return sqliteSearchPage(db, userId, filter, phrase, after, limit);
  // The item's columns only: a page of 100 need not carry their profiles and search texts.
  let query = filtered(db, db.selectFrom('prospects').select([...ITEM_COLUMNS]), userId, filter, search);
  if (after) query = query.where(afterPosition(after));
  if (!isPostgres(db) && (filter.updatedAfter !== undefined || filter.updatedBefore !== undefined)) {
    // SQLite keeps no value statistics, so it walked the created_at index of the whole CRM to skip
    // the sort, testing updated_at on every row: a second for a quiet CRM. The unary plus (a no-op)
    // lets it read the updated_at range instead and sort what changed, the usual sync-since question.
    return withItems(db, query.orderBy(sql`+created_at`, 'desc').orderBy(sql`+id`, 'desc').limit(limit + 1).offset(offset));
  }
  return withItems(db, query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).offset(offset));
}

/** How many of the caller's prospects match the filter: exact, for a count before a bulk action and the page count. */
export async function countMatching(db: Db, userId: string, filter: ProspectFilter): Promise<number> {
  const row = await filtered(db, db.selectFrom('prospects').select((eb) => eb.fn.countAll<number | string>().as('n')), userId, filter, planSearch(filter.q)).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of rows matching the filter in id order, after `afterId`: an export walks the whole selection this way. */
export async function rowsMatching(db: Db, userId: string, filter: ProspectFilter, afterId: string | null, limit: number, onlyIds?: readonly string[]): Promise<ProspectRow[]> {
  let query = filtered(db, db.selectFrom('prospects').selectAll(), userId, filter, planSearch(filter.q));
  if (onlyIds !== undefined) query = query.where('id', 'in', onlyIds);
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

/** Ids of every prospect of the caller matching the filter (a bulk action's selection), oldest first. */
export async function idsMatching(db: Db, userId: string, filter: ProspectFilter): Promise<string[]> {
  const search = planSearch(filter.q);
  const phrase = search && !isPostgres(db) ? indexPhrase(search.text) : null;
  // SQLite: every match the trigram index names and every row it may not know yet, each tested.
  const from = phrase === null ? db.selectFrom('prospects') : prospectsAmong(db, sql<boolean>`(rowid in (select rowid from prospect_search where prospect_search match ${phrase}) or ${unindexedSql})`);
  const rows = await filtered(db, from.select('id'), userId, filter, search).orderBy('id').execute();
  return rows.map((r) => r.id);
}
