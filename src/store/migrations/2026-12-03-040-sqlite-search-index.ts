import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never imports application code.
// SQLite's text index for /v1/prospects (docs/v1.md#text-search): an FTS5 trigram table over
// prospects.search_text, kept OUTSIDE the import transaction by a background indexer (an index kept
// by triggers cost every import ~1.8× its time, docs/benchmarks.md). What the index may not know yet
// is always findable, because a search also reads:
// - every prospect above `indexed_through` (the indexer's watermark, a prospects rowid): new rows
//   get rowid max+1, and the delete trigger lowers the watermark whenever the top rows go, so a
//   reused rowid is above it too;
// - every rowid in prospect_search_pending: rows deleted or whose search_text changed since they
//   were indexed (two triggers; an import's INSERT fires none).
// A search reads the index newest rowid first and stops once older rows cannot reach its page:
// rowids follow creation order except for requests that commit in another order than they took
// their time, so the indexer records the largest such lag (`skew_ms`, from `max_created`, the
// newest created_at it has passed) and a search reads that much further (src/store/sqlite-search.ts).
// The table keeps its own copy of the text (not contentless) so that a delete can find and, with
// secure-delete, physically remove a row's trigrams: an erasure leaves nothing of them behind.
// PostgreSQL needs none of it: its pg_trgm GIN index (migration 2026-12-02-002) is updated in place.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create virtual table prospect_search using fts5(search_text, tokenize = 'trigram', detail = full)`.execute(db);
  await sql`insert into prospect_search (prospect_search, rank) values ('secure-delete', 1)`.execute(db);
  await sql`create table prospect_search_state (id integer primary key check (id = 1), indexed_through integer not null, max_created text not null, skew_ms integer not null)`.execute(db);
  await sql`insert into prospect_search_state (id, indexed_through, max_created, skew_ms) values (1, 0, '', 0)`.execute(db);
  await sql`create table prospect_search_pending (prospect_rowid integer primary key)`.execute(db);
  await sql`create trigger prospect_search_on_delete after delete on prospects begin
    insert or ignore into prospect_search_pending (prospect_rowid) values (old.rowid);
    update prospect_search_state set indexed_through = (select coalesce(max(rowid), 0) from prospects)
      where indexed_through > (select coalesce(max(rowid), 0) from prospects);
  end`.execute(db);
  await sql`create trigger prospect_search_on_update after update of search_text on prospects
    when old.search_text is not new.search_text begin
    insert or ignore into prospect_search_pending (prospect_rowid) values (old.rowid);
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`drop trigger if exists prospect_search_on_update`.execute(db);
  await sql`drop trigger if exists prospect_search_on_delete`.execute(db);
  await sql`drop table if exists prospect_search_pending`.execute(db);
  await sql`drop table if exists prospect_search_state`.execute(db);
  await sql`drop table if exists prospect_search`.execute(db);
}
