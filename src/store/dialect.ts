import { prepared } from './postgres-prepared.js';
import { CompiledQuery, PostgresAdapter, sql, type Compilable, type RawBuilder } from 'kysely';
import type { Db } from './db.js';
import type { Schema } from './schema.js';
import { EACH_ROW } from './sqlite-dialect.js';

/**
 * The few places where the import path leaves the query builder for speed, each written once per
 * dialect here and nowhere else. Building a 1,000-row INSERT through Kysely's builder cost more than
 * running it (docs/benchmarks.md), and a value list as long as the batch gave every batch size its
 * own SQL text, so no prepared statement could be reused.
 */

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const postgresText = new Map<string, string>();

/**
 * Runs hand-written SQL, written once with `?` placeholders (rewritten to $1, $2 … for PostgreSQL,
 * once per text). For the few statements every import runs: through the query builder, building
 * and compiling them cost more than SQLite took to run them (docs/benchmarks.md). The text must be
 * portable SQL and hold no literal question mark.
 */
export async function runSql<R = Record<string, unknown>>(db: Db, text: string, parameters: readonly unknown[]): Promise<R[]> {
  let finalText = text;
  if (isPostgres(db)) {
    finalText = postgresText.get(text) ?? '';
    if (!finalText) {
      let n = 0;
      finalText = prepared(text.replace(/\?/g, () => `$${++n}`));
      postgresText.set(text, finalText);
    }
  }
  const result = await db.executeQuery<R>(CompiledQuery.raw(finalText, [...parameters]));
  return result.rows as R[];
}

const prebuiltText = new Map<string, string>();

/**
 * Runs a query written with the query builder (for its typing) but built and compiled only once per
 * dialect, then reused as SQL text with new parameters: for a look-up every request makes, building
 * it cost more than running it. `build` receives placeholder values and must use each parameter
 * exactly once, in the order `parameters` gives them.
 */
export async function runPrebuilt<R>(db: Db, name: string, build: (db: Db, ...placeholders: string[]) => Compilable<R>, parameters: readonly unknown[]): Promise<R[]> {
  const key = `${isPostgres(db) ? 'pg' : 'sqlite'}:${name}`;
  let text = prebuiltText.get(key);
  if (text === undefined) {
    const compiled = build(db, ...parameters.map((_, i) => `placeholder ${i}`)).compile();
    if (compiled.parameters.length !== parameters.length) throw new Error(`prebuilt query ${name} has ${compiled.parameters.length} parameters, not ${parameters.length}`);
    text = isPostgres(db) ? prepared(compiled.sql) : compiled.sql;
    prebuiltText.set(key, text);
  }
  const result = await db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
  return result.rows;
}

/** SQL for a set of values bound as ONE parameter, to write `column in ${valueSetSql(db)}` in runSql text. */
export function valueSetSql(db: Db): string {
  return isPostgres(db) ? '(select unnest(?::text[]))' : '(select value from json_each(?))';
}

/** The parameter valueSetSql expects for these values. */
export function valueSetParameter(db: Db, values: readonly string[]): unknown {
  return isPostgres(db) ? [...values] : JSON.stringify(values);
}

/**
 * `column = value` beside a look-up by key (`id in (…)` or a join on the key): SQLite, which keeps
 * no statistics, would otherwise read the index on that column (every row of the CRM, or of the
 * list) and test each row against the ids, or against every row of a json_each join: a 1,000-row
 * import that moved prospects took seconds in a CRM of 150,000, a bulk move of 100,000 took 77 s
 * (test/operations/sqlite-plans.test.ts). The unary plus (a no-op) leaves it the primary key.
 * PostgreSQL plans from statistics and needs no hint.
 */
export function besideKey(db: Db, column: string, value: string): RawBuilder<boolean> {
  return isPostgres(db) ? sql<boolean>`${sql.ref(column)} = ${value}` : sql<boolean>`+${sql.ref(column)} = ${value}`;
}

/** `user_id = ?` beside a look-up by key (besideKey), of `table` when given. */
export function ownedBy(db: Db, userId: string, table?: string): RawBuilder<boolean> {
  return besideKey(db, table === undefined ? 'user_id' : `${table}.user_id`, userId);
}

/** A set of values to test a column against: `where(column, 'in', valueSet(db, values))`, one parameter whatever the count. */
export function valueSet(db: Db, values: readonly string[]): RawBuilder<string> {
  return isPostgres(db) ? sql<string>`(select unnest(${[...values]}::text[]))` : sql<string>`(select value from json_each(${JSON.stringify(values)}))`;
}

export type ColumnType = 'text' | 'integer';

/** Columns of a table, in the order the rows give their values, with the type PostgreSQL's unnest needs. */
export type ColumnList<T extends keyof Schema> = readonly (readonly [name: keyof Schema[T] & string, type: ColumnType])[];

// By table, then by column list: two callers inserting other columns into one table each get their
// own SQL. The column lists are module constants, so the inner look-up is by identity, no join.
const eachRowInsertText = new Map<string, Map<readonly (readonly [string, ColumnType])[], string>>();

function sqliteInsertText(table: string, columns: readonly (readonly [string, ColumnType])[]): string {
  let byColumns = eachRowInsertText.get(table);
  if (!byColumns) {
    byColumns = new Map();
    eachRowInsertText.set(table, byColumns);
  }
  let text = byColumns.get(columns);
  if (!text) {
    text = `${EACH_ROW}insert into "${table}" (${columns.map(([name]) => `"${name}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
    byColumns.set(columns, text);
  }
  return text;
}

/**
 * PostgreSQL's way to send many rows as parameters: one array per column, `$1::text[], $2::…`
 * for `unnest(…)` (numbered from `first`), and the column names in the same order.
 */
export function unnestOf(columns: readonly (readonly [string, ColumnType])[], rows: readonly unknown[][], first = 1): { names: string; casts: string; arrays: unknown[][] } {
  const arrays: unknown[][] = columns.map(() => new Array(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < columns.length; c++) arrays[c]![r] = row[c];
  }
  return {
    names: columns.map(([name]) => `"${name}"`).join(', '),
    casts: columns.map(([, type], i) => `$${i + first}::${type}[]`).join(', '),
    arrays,
  };
}

/**
 * The most rows one statement carries. A bulk action over 100,000 prospects sent as one statement
 * held its whole parameter text at once (PostgreSQL's arrays are serialised to one string each):
 * ~100 MB of heap for one list of events. Imports (≤ 1,000 rows) never reach it.
 */
export const MAX_ROWS_PER_STATEMENT = 5_000;

/**
 * Inserts rows (arrays of values in `columns` order), MAX_ROWS_PER_STATEMENT at a time: on
 * PostgreSQL one `INSERT … SELECT FROM unnest($1::text[], …)` with one array parameter per column;
 * on SQLite one prepared single-row INSERT run for each row (EACH_ROW, sqlite-dialect.ts). Every caller runs inside a transaction or
 * a commit group's savepoint, so a row that fails takes the rows before it back with it.
 */
export async function insertRows<T extends keyof Schema>(db: Db, table: T, columns: ColumnList<T>, rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length > MAX_ROWS_PER_STATEMENT) {
    for (let from = 0; from < rows.length; from += MAX_ROWS_PER_STATEMENT) await insertRows(db, table, columns, rows.slice(from, from + MAX_ROWS_PER_STATEMENT));
    return;
  }
  if (isPostgres(db)) {
    const { names, casts, arrays } = unnestOf(columns, rows);
    await db.executeQuery(CompiledQuery.raw(`insert into "${table}" (${names}) select * from unnest(${casts})`, arrays));
    return;
  }
  await db.executeQuery(CompiledQuery.raw(sqliteInsertText(table, columns), [...rows]));
}

/**
 * Updates many rows by key in one statement, each with its own values (rows are arrays in `columns`
 * order, the key first): PostgreSQL joins `unnest` of one array per column, SQLite joins `json_each`
 * of the rows sent as one JSON parameter (UPDATE … FROM, by primary key). Only rows whose `scope`
 * column equals its value are touched, so a stray key can never reach another user's row.
 */
export async function updateRows<T extends keyof Schema>(
  db: Db,
  table: T,
  columns: ColumnList<T>,
  scope: readonly [column: keyof Schema[T] & string, value: string],
  rows: readonly unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const key = columns[0]![0];
  const changed = columns.slice(1);
  if (isPostgres(db)) {
    const { names, casts, arrays } = unnestOf(columns, rows);
    const sets = changed.map(([name]) => `"${name}" = v."${name}"`).join(', ');
    const text = `update "${table}" as t set ${sets} from unnest(${casts}) as v(${names}) where t."${key}" = v."${key}" and t."${scope[0]}" = $${columns.length + 1}`;
    await db.executeQuery(CompiledQuery.raw(text, [...arrays, scope[1]]));
    return;
  }
  const sets = changed.map(([name], i) => `"${name}" = v.value ->> ${i + 1}`).join(', ');
  // The unary plus: see besideKey.
  const text = `update "${table}" set ${sets} from json_each(?) as v where "${table}"."${key}" = v.value ->> 0 and +"${table}"."${scope[0]}" = ?`;
  await db.executeQuery(CompiledQuery.raw(text, [JSON.stringify(rows), scope[1]]));
}
