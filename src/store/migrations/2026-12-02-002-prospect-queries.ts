import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never imports application code.
// The /v1 prospect queries (docs/v1.md#prospects): keyset pages newest first, per CRM, per list and
// per origin, changes since an instant, and a text search over one normalized column, `search_text`: first and last name,
// company, public identifier and URL, lowercased, accents stripped. The service writes it in the
// same INSERT or UPDATE as the row (src/store/prospect-search.ts). SQLite indexes it with an FTS5
// trigram table kept by triggers, PostgreSQL with a pg_trgm GIN index (plain scans without it).

/** The service's normalization as of this migration, for the rows already there. */
function searchText(parts: readonly (string | null)[]): string {
  return parts
    .filter((part): part is string => part !== null && part !== '')
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The schema holding pg_trgm, created in public when missing and available; null when it cannot be had. */
async function trigramSchema(db: Kysely<any>): Promise<string | null> {
  const installed = () => sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  const found = (await installed()).rows[0];
  if (found) return found.schema;
  const available = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if (available.rows.length === 0) return null;
  // In public, not in this migration's schema: a schema per tenant or test would take the extension
  // (and every index using it) along when dropped. A savepoint, because a concurrent start may win.
  await sql`savepoint pg_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`release savepoint pg_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint pg_trgm`.execute(db);
  }
  return (await installed()).rows[0]?.schema ?? null;
}

function readableUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

async function backfill(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('prospects')
      .select(['id', 'first_name', 'last_name', 'company_name', 'public_identifier', 'linkedin_url'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      const text = searchText([row.first_name, row.last_name, row.company_name, row.public_identifier, readableUrl(row.linkedin_url)]);
      await db.updateTable('prospects').set({ search_text: text }).where('id', '=', row.id).execute();
      after = row.id as string;
    }
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema.alterTable('prospects').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  await backfill(db);
  await db.schema.createIndex('prospects_user_created').on('prospects').columns(['user_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('prospects_list_created').on('prospects').columns(['list_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('prospects_origin_created').on('prospects').columns(['user_id', 'origin', 'created_at', 'id']).execute();
  // "What changed since my last sync" reads a range of this; without it, a quiet CRM was scanned whole.
  await db.schema.createIndex('prospects_user_updated').on('prospects').columns(['user_id', 'updated_at']).execute();
  // The app's table no longer sorts by name or company: their indexes only cost every import.
  await db.schema.dropIndex('prospects_list_name').execute();
  await db.schema.dropIndex('prospects_list_company').execute();
  if (postgres) {
    // pg_trgm ships with PostgreSQL's contrib; where it cannot be had, search falls back to a scan.
    const schema = await trigramSchema(db);
    if (schema !== null) await sql`create index prospects_search on prospects using gin (search_text ${sql.ref(schema)}.gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`create virtual table prospects_search using fts5(search_text, content='prospects', content_rowid='rowid', tokenize='trigram')`.execute(db);
  await sql`insert into prospects_search (rowid, search_text) select rowid, search_text from prospects`.execute(db);
  await sql`create trigger prospects_search_insert after insert on prospects begin
    insert into prospects_search (rowid, search_text) values (new.rowid, new.search_text); end`.execute(db);
  await sql`create trigger prospects_search_delete after delete on prospects begin
    insert into prospects_search (prospects_search, rowid, search_text) values ('delete', old.rowid, old.search_text); end`.execute(db);
  await sql`create trigger prospects_search_update after update of search_text on prospects begin
    insert into prospects_search (prospects_search, rowid, search_text) values ('delete', old.rowid, old.search_text);
    insert into prospects_search (rowid, search_text) values (new.rowid, new.search_text); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  if (!postgres) {
    for (const trigger of ['prospects_search_insert', 'prospects_search_delete', 'prospects_search_update']) await sql`drop trigger if exists ${sql.ref(trigger)}`.execute(db);
    await sql`drop table if exists prospects_search`.execute(db);
  } else {
    await db.schema.dropIndex('prospects_search').ifExists().execute();
  }
  for (const index of ['prospects_user_updated', 'prospects_origin_created', 'prospects_list_created', 'prospects_user_created']) await db.schema.dropIndex(index).ifExists().execute();
  await sql`create index prospects_list_name on prospects (list_id, (coalesce(first_name, '') || ' ' || coalesce(last_name, '')), id)`.execute(db);
  await sql`create index prospects_list_company on prospects (list_id, (coalesce(company_name, '')), id)`.execute(db);
  await db.schema.alterTable('prospects').dropColumn('search_text').execute();
}
