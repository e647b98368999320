import { sql, type RawBuilder } from 'kysely';
import type { Db } from './db.js';
import { isPostgres, runSql } from './dialect.js';

/**
 * SQLite's trigram index over prospects.search_text (migration 2026-12-03-040-sqlite-search-index,
 * docs/v1.md#text-search), kept outside the import transaction: imports write no index entry, a
 * background indexer (src/services/search-indexer.ts) catches up, and a search adds what the index
 * may not know yet (unindexedSql). PostgreSQL's pg_trgm index needs none of this.
 */

/** The trigram tokenizer cannot look up fewer characters than this: shorter text is scanned. */
export const TRIGRAM_LENGTH = 3;

/** A quoted FTS5 phrase: under the trigram tokenizer, a substring match with no query syntax of its own. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The FTS5 MATCH argument for a text of at least TRIGRAM_LENGTH characters. */
export function indexPhrase(text: string): string | null {
  return [...text].length < TRIGRAM_LENGTH ? null : ftsPhrase(text);
}

/** Rowids of the prospects (of every CRM) whose indexed text holds the phrase, or null when more than `limit` do. */
export async function fewIndexedMatches(db: Db, phrase: string, limit: number): Promise<number[] | null> {
  const rows = await runSql<{ r: number }>(db, 'select rowid as r from prospect_search where prospect_search match ? limit ?', [phrase, limit + 1]);
  return rows.length > limit ? null : rows.map((row) => row.r);
}

/** The next `count` rowids whose indexed text holds the phrase, below `below`, highest first. */
export async function indexedMatchesBelow(db: Db, phrase: string, below: number, count: number): Promise<number[]> {
  const rows = await runSql<{ r: number }>(db, 'select rowid as r from prospect_search where prospect_search match ? and rowid < ? order by rowid desc limit ?', [phrase, below, count]);
  return rows.map((row) => row.r);
}

/**
 * True when no prospect below rowid `below` can have been created at or after `createdAt`: the
 * first indexed row from `below` up was created more than the recorded skew before it, and the
 * indexer saw no row run further behind an earlier one than that (see the migration).
 */
export async function allBelowAreOlder(db: Db, below: number, state: IndexState, createdAt: string): Promise<boolean> {
  const [row] = await runSql<{ at: string }>(db, 'select created_at as at from prospects where rowid >= ? and rowid <= ? order by rowid limit 1', [below, state.indexedThrough]);
  return row !== undefined && Date.parse(row.at) + state.skewMs < Date.parse(createdAt);
}

/** True for prospects the index may not hold as they are now: above the watermark, or changed or deleted since. */
export const unindexedSql: RawBuilder<boolean> = sql<boolean>`(rowid > (select indexed_through from prospect_search_state) or rowid in (select prospect_rowid from prospect_search_pending))`;

export interface IndexRound {
  /** Rows indexed, re-indexed or forgotten in this round. */
  rows: number;
  /** True when work remains for another round. */
  more: boolean;
}

/**
 * One round of the indexer, in the caller's transaction: first the pending rows (deleted or changed
 * since indexed: their entries go, and come back with the current text where the row still
 * exists), then up to `limit` rows above the watermark, which then moves past them.
 */
export async function indexRound(trx: Db, limit: number): Promise<IndexRound> {
  const pending = await runSql<{ r: number }>(trx, 'select prospect_rowid as r from prospect_search_pending order by prospect_rowid limit ?', [limit]);
  if (pending.length > 0) {
    const rowids = JSON.stringify(pending.map((p) => p.r));
    await runSql(trx, 'delete from prospect_search where rowid in (select value from json_each(?))', [rowids]);
    await runSql(
      trx,
      `insert into prospect_search (rowid, search_text) select rowid, search_text from prospects
       where rowid in (select value from json_each(?)) and rowid <= (select indexed_through from prospect_search_state)`,
      [rowids],
    );
    await runSql(trx, 'delete from prospect_search_pending where prospect_rowid in (select value from json_each(?))', [rowids]);
  }
  const budget = limit - pending.length;
  const indexed = budget > 0 ? await advance(trx, budget) : 0;
  const [left] = await runSql<{ more: number }>(
    trx,
    `select exists (select 1 from prospect_search_pending)
       or exists (select 1 from prospects where rowid > (select indexed_through from prospect_search_state)) as more`,
    [],
  );
  return { rows: pending.length + indexed, more: Number(left?.more) === 1 };
}

export interface IndexBacklog {
  /** The highest prospect rowid: when it moves between two looks, something is importing. */
  top: number;
  /** About how many rows the index is behind: those above its watermark and those pending (counted up to 1,000). */
  rows: number;
}

export async function indexBacklog(db: Db): Promise<IndexBacklog> {
  const [row] = await runSql<{ top: number; w: number; pending: number }>(
    db,
    `select coalesce((select max(rowid) from prospects), 0) as top, indexed_through as w,
       (select count(*) from (select 1 from prospect_search_pending limit 1000)) as pending from prospect_search_state`,
    [],
  );
  const top = Number(row?.top ?? 0);
  return { top, rows: Math.max(0, top - Number(row?.w ?? 0)) + Number(row?.pending ?? 0) };
}

export interface IndexState {
  indexedThrough: number;
  /** How much older than an earlier row (by rowid) a row's created_at has been, at most: see the migration. */
  skewMs: number;
}

export async function indexState(db: Db): Promise<IndexState> {
  const [state] = await runSql<{ w: number; skew: number }>(db, 'select indexed_through as w, skew_ms as skew from prospect_search_state', []);
  return { indexedThrough: Number(state?.w ?? 0), skewMs: Number(state?.skew ?? 0) };
}

/** Indexes up to `budget` rows above the watermark, in rowid order, measuring how far their created_at runs behind; answers how many. */
async function advance(trx: Db, budget: number): Promise<number> {
  const [state] = await runSql<{ w: number; max: string; skew: number }>(trx, 'select indexed_through as w, max_created as max, skew_ms as skew from prospect_search_state', []);
  const from = Number(state?.w ?? 0);
  const rows = await runSql<{ r: number; at: string }>(trx, 'select rowid as r, created_at as at from prospects where rowid > ? order by rowid limit ?', [from, budget]);
  if (rows.length === 0) return 0;
  let max = state?.max ?? '';
  let skew = Number(state?.skew ?? 0);
  for (const row of rows) {
    const lag = Date.parse(max) - Date.parse(row.at);
    if (lag > skew) skew = lag;
    if (row.at > max) max = row.at;
  }
  const top = rows.at(-1)!.r;
  await runSql(trx, 'insert into prospect_search (rowid, search_text) select rowid, search_text from prospects where rowid > ? and rowid <= ?', [from, top]);
  await runSql(trx, 'update prospect_search_state set indexed_through = ?, max_created = ?, skew_ms = ?', [top, max, skew]);
  return rows.length;
}

/**
 * Removes the index entries of these prospects now, in the caller's transaction (an erasure): the
 * table's secure-delete option removes their trigrams from the index pages themselves, and the
 * text copy goes with them. Call it before the rows are deleted (it finds them by id). Nothing to
 * do on PostgreSQL, whose index entries go with the rows.
 */
export async function forgetIndexedText(trx: Db, prospectIds: readonly string[]): Promise<void> {
  if (prospectIds.length === 0 || isPostgres(trx)) return;
  await runSql(trx, 'delete from prospect_search where rowid in (select rowid from prospects where id in (select value from json_each(?)))', [JSON.stringify(prospectIds)]);
}
