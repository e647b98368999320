import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { pageOfProspects, type ProspectFilter } from '../src/store/prospect-queries.js';
import type { Schema } from '../src/store/schema.js';
import type { BenchDatabase, BenchTenant } from './database.js';
import type { ReadCrm } from './read-crm.js';

/**
 * The plans of the /v1 page and search queries on the seeded CRM, exactly as the store runs them
 * (src/store/prospect-queries.ts, caught through Kysely's query log): SQLite's EXPLAIN QUERY PLAN,
 * PostgreSQL's EXPLAIN ANALYZE (it runs the query, so its timings are the database's own share of a
 * request). Written beside the report, for bench/notes.md to explain a missed target.
 */

/** A Kysely on the bench database that records every query it runs. */
function recordingDb(database: BenchDatabase, ran: CompiledQuery[]): { db: Kysely<Schema>; close: () => Promise<void> } {
  const log = (event: { level: string; query: CompiledQuery }) => {
    if (event.level === 'query') ran.push(event.query);
  };
  if (database.engine === 'sqlite') {
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new SQLite(database.url, { readonly: true }) }), log });
    return { db, close: () => db.destroy() };
  }
  const parsed = new URL(database.url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({ connectionString: parsed.toString(), max: 1, options: schema ? `-c search_path=${schema}` : undefined });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), log });
  return { db, close: () => db.destroy() };
}

const PAGE = 101;

function cases(crm: ReadCrm, terms: string[]): { what: string; filter: ProspectFilter }[] {
  const big = crm.lists[0]!.id;
  const small = crm.lists.at(-1)!.id;
  return [
    { what: 'first page, largest list, hasEmail', filter: { listId: big, hasEmail: true } },
    { what: 'first page, smallest list, hasEmail', filter: { listId: small, hasEmail: true } },
    ...terms.map((q) => ({ what: `search "${q}"`, filter: { q } })),
  ];
}

export async function explainReads(database: BenchDatabase, tenant: BenchTenant, crm: ReadCrm, terms: string[]): Promise<string> {
  const ran: CompiledQuery[] = [];
  const recording = recordingDb(database, ran);
  const out: string[] = [];
  try {
    for (const c of cases(crm, terms)) {
      await pageOfProspects(recording.db, tenant.userId, c.filter, undefined, PAGE - 1);
      ran.length = 0;
      const started = performance.now();
      await pageOfProspects(recording.db, tenant.userId, c.filter, undefined, PAGE - 1);
      const elapsed = performance.now() - started;
      out.push(`### ${database.engine}: ${c.what} (${elapsed.toFixed(1)} ms for its ${ran.length} ${ran.length === 1 ? 'query' : 'queries'}, second run from the bench process)`, '');
      for (const query of ran) {
        const explain = database.engine === 'sqlite' ? `explain query plan ${query.sql}` : `explain (analyze, costs off) ${query.sql}`;
        const rows = await database.raw.query<Record<string, unknown>>(explain, [...query.parameters]);
        const lines = rows.map((r) => (database.engine === 'sqlite' ? `${Number(r.parent) > 0 ? '  ' : ''}${String(r.detail)}` : String(r['QUERY PLAN'])));
        out.push('```', query.sql, `-- ${JSON.stringify(query.parameters)}`, '', ...lines, '```', '');
      }
    }
  } finally {
    await recording.close();
  }
  return out.join('\n');
}
