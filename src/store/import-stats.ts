import { sql } from 'kysely';
import type { Db } from './db.js';
import { isPostgres } from './dialect.js';

/** The prospects an import added: its stored counts' importCodes.success, read in SQL on each dialect. */
function addedOf(db: Db) {
  return isPostgres(db)
    ? sql<number>`coalesce(((a.counts)::jsonb #>> '{importCodes,success}')::integer, 0)`
    : sql<number>`coalesce(json_extract(a.counts, '$.importCodes.success'), 0)`;
}

/**
 * The user's imports since `sinceIso`, per UTC day (the first ten characters of the stored ISO time)
 * and origin label: how many, how many prospects they sent and how many they added; by day, then origin.
 */
export async function importsByDay(db: Db, userId: string, sinceIso: string) {
  const day = sql<string>`substr(a.created_at, 1, 10)`;
  const rows = await db
    .selectFrom('activity_events as a')
    .select([day.as('day'), 'a.origin_label as origin'])
    .select((eb) => [eb.fn.countAll<number | string>().as('imports'), eb.fn.sum<number | string>('a.prospect_count').as('prospects'), eb.fn.sum<number | string>(addedOf(db)).as('added')])
    .where('a.user_id', '=', userId)
    .where('a.created_at', '>=', sinceIso)
    .groupBy([day, 'a.origin_label'])
    .execute();
  // Ordered here, by code point: the two engines' collations disagree on "Zapier" and "n8n".
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows
    .map((row) => ({ day: row.day, origin: row.origin, imports: Number(row.imports), prospects: Number(row.prospects), added: Number(row.added) }))
    .sort((a, b) => byCodePoint(a.day, b.day) || byCodePoint(a.origin, b.origin));
}
