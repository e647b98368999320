import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never imports application code.
// The search text (migration 2026-12-02-002-prospect-queries) now also folds the letters that
// Unicode does not decompose into a letter and an accent: "søren" is stored "soren", "łukasz"
// "lukasz", "straße" "strasse" (src/store/prospect-search.ts). The stored text is already lowercase
// without accents, so folding those letters in place gives what the service now writes. On SQLite
// the update marks the rows for the search indexer (migration 2026-12-03-040).

const FOLDS: [string, string][] = [['ł', 'l'], ['ø', 'o'], ['đ', 'd'], ['ħ', 'h'], ['ı', 'i'], ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'], ['þ', 'th'], ['ð', 'd']];

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let folded = sql`search_text`;
  for (const [letter, plain] of FOLDS) folded = sql`replace(${folded}, ${letter}, ${plain})`;
  const letters = FOLDS.map(([letter]) => letter).join('');
  const holds = postgres ? sql`search_text ~ ${`[${letters}]`}` : sql`search_text glob ${`*[${letters}]*`}`;
  await sql`update prospects set search_text = ${folded} where ${holds}`.execute(db);
}

export async function down(): Promise<void> {
  // The folded text is what the service wrote before, less the distinction it no longer makes.
}
