import { openDatabase } from '../src/store/database.js';
import { filtered, type ProspectFilter } from '../src/store/prospect-queries.js';
import type { BenchDatabase, BenchTenant } from './database.js';
import type { ReadCrm } from './read-crm.js';

/**
 * The plans of the /v1 page and search queries on the seeded CRM, as the store builds them
 * (src/store/prospect-queries.ts): SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN ANALYZE (it
 * runs the query, so its timings are the database's own share of a request). Written beside the
 * report, for bench/notes.md to explain a missed target.
 */

const PAGE = 101;

function cases(crm: ReadCrm, terms: string[]): { what: string; filter: ProspectFilter; after?: { createdAt: string; id: string } }[] {
  const big = crm.lists[0]!.id;
  const small = crm.lists.at(-1)!.id;
  return [
    { what: 'first page, largest list, hasEmail', filter: { listId: big, hasEmail: true } },
    { what: 'first page, smallest list, hasEmail', filter: { listId: small, hasEmail: true } },
    ...terms.map((q) => ({ what: `search "${q}"`, filter: { q } })),
  ];
}

export async function explainReads(database: BenchDatabase, tenant: BenchTenant, crm: ReadCrm, terms: string[]): Promise<string> {
  const handle = openDatabase(database.url, { poolSize: 1 });
  const out: string[] = [];
  try {
    for (const c of cases(crm, terms)) {
      const query = filtered(handle.db, handle.db.selectFrom('prospects').selectAll(), tenant.userId, c.filter)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(PAGE)
        .compile();
      const explain = database.engine === 'sqlite' ? `explain query plan ${query.sql}` : `explain (analyze, costs off) ${query.sql}`;
      const rows = await database.raw.query<Record<string, unknown>>(explain, [...query.parameters]);
      const lines = rows.map((r) => (database.engine === 'sqlite' ? `${'  '.repeat(Number(r.parent) > 0 ? 1 : 0)}${String(r.detail)}` : String(r['QUERY PLAN'])));
      const times: number[] = [];
      for (let n = 0; n < 5; n++) {
        const started = performance.now();
        await database.raw.query(query.sql, [...query.parameters]);
        times.push(performance.now() - started);
      }
      const median = times.sort((a, b) => a - b)[2]!;
      out.push(`### ${database.engine}: ${c.what} (${median.toFixed(1)} ms, median of 5 runs from the bench process)`, '', '```', query.sql, '', ...lines, '```', '');
    }
  } finally {
    await handle.close();
  }
  return out.join('\n');
}
