import { newId } from '../src/ids.js';
import { searchTextOf } from '../src/store/prospect-search.js';
import { PROSPECT_COLUMNS, postgresOf, sqliteOf, type BenchDatabase, type BenchTenant } from './database.js';
import { customProfile, newSeriesPrefix, profileJson, profileUrl } from './payload.js';

/**
 * The raw database ceiling (docs/benchmarks.md, "raw-insert ceiling"): the rows an import of new prospects writes, inserted
 * with nothing around them, 1,000 per transaction, into the real schema (our migrations, every index;
 * the search text too, so the search index does its work as it does for the server).
 * SQLite: one prepared single-row INSERT run 1,000 times per transaction (better-sqlite3, same pragmas
 * as the server). PostgreSQL: one `INSERT … SELECT FROM unnest(…)` statement per 1,000 rows.
 */

const BATCH = 1000;
const COLUMNS = `${PROSPECT_COLUMNS}, search_text`;
const COLUMN_COUNT = COLUMNS.split(',').length;

export interface CeilingResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

function rowsFor(tenant: BenchTenant, count: number): unknown[][] {
  const prefix = newSeriesPrefix('ceiling');
  const at = new Date().toISOString();
  const rows: unknown[][] = [];
  for (let n = 0; n < count; n++) {
    const profile = customProfile(n);
    const slug = `${prefix}-${n}`;
    rows.push([
      newId(),
      tenant.userId,
      tenant.listIds[0],
      slug,
      null,
      null,
      profileUrl(prefix, n),
      profileJson(n),
      profile.firstName,
      profile.lastName,
      profile.occupation,
      profile.email,
      profile.company.name,
      '[]',
      'bench',
      null,
      at,
      at,
      searchTextOf({ firstName: profile.firstName, lastName: profile.lastName, company: profile.company.name, publicIdentifier: slug, linkedinUrl: profileUrl(prefix, n) }),
    ]);
  }
  return rows;
}

export async function rawInsertCeiling(database: BenchDatabase, tenant: BenchTenant, count: number): Promise<CeilingResult> {
  const rows = rowsFor(tenant, count);
  const started = performance.now();
  if (database.engine === 'sqlite') {
    const sqlite = sqliteOf(database.raw);
    const insert = sqlite.prepare(`insert into prospects (${COLUMNS}) values (${Array(COLUMN_COUNT).fill('?').join(', ')})`);
    const insertBatch = sqlite.transaction((batch: unknown[][]) => {
      for (const row of batch) insert.run(...row);
    });
    for (let i = 0; i < rows.length; i += BATCH) insertBatch(rows.slice(i, i + BATCH));
  } else {
    const client = postgresOf(database.raw);
    const casts = Array.from({ length: COLUMN_COUNT }, (_, i) => `$${i + 1}::text[]`).join(', ');
    const text = `insert into prospects (${COLUMNS}) select * from unnest(${casts})`;
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const columns = Array.from({ length: COLUMN_COUNT }, (_, c) => batch.map((row) => row[c]));
      await client.query({ name: 'ceiling-insert', text, values: columns });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { rows: count, seconds, rowsPerSecond: count / seconds };
}
