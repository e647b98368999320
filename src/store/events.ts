import { prepared } from './postgres-prepared.js';
import { CompiledQuery } from 'kysely';
import { newId } from '../ids.js';
import type { EventData, EventType } from '../schemas/events.js';
import type { Db } from './db.js';
import { insertRows, isPostgres, MAX_ROWS_PER_STATEMENT, runSql } from './dialect.js';
import type { EventRow } from './schema.js';
import { nowIso } from './time.js';

/**
 * The events outbox (docs/webhooks.md#events). Always called with the transaction of the change the
 * event describes, so an event exists if and only if its change committed.
 *
 * Positions are per user: the transaction bumps users.event_seq by the number of its events and
 * numbers them below the new value. On PostgreSQL that bump holds the user's row lock until commit,
 * so positions of one user commit in order and a feed reading "after n" never skips one that commits
 * later (migration 2026-12-02-005-events-webhooks). SQLite's one writer orders them the same way.
 */

export interface NewEvent<T extends EventType = EventType> {
  type: T;
  data: EventData<T>;
}

export async function recordEvent<T extends EventType>(trx: Db, userId: string, type: T, data: EventData<T>): Promise<void> {
  await recordEvents(trx, userId, [{ type, data }]);
}

const COLUMNS = [
  ['id', 'text'],
  ['user_id', 'text'],
  ['position', 'integer'],
  ['type', 'text'],
  ['data', 'text'],
  ['created_at', 'text'],
] as const;

// PostgreSQL: the bump and the insert in one round trip (a data-modifying CTE).
const POSTGRES_INSERT = prepared(`with seq as (update users set event_seq = event_seq + $1 where id = $2 returning event_seq)
  insert into events (id, user_id, position, type, data, created_at)
  select v.id, $2, seq.event_seq - $1 + v.n, v.type, v.data, $6 from seq, unnest($3::text[], $4::text[], $5::text[]) with ordinality as v(id, type, data, n)`);

/** Events as PostgreSQL's unnest takes them, one array per column, with their new ids and time. */
export function eventArrays(events: readonly NewEvent[]): { ids: string[]; types: string[]; data: string[]; at: string } {
  return { ids: events.map(() => newId()), types: events.map((e) => e.type), data: events.map((e) => JSON.stringify(e.data)), at: nowIso() };
}

/** Records several events of one user in one statement (one round trip on PostgreSQL, whatever their number). */
export async function recordEvents(trx: Db, userId: string, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (events.length > MAX_ROWS_PER_STATEMENT) {
    // A bulk action's events, in parts: their positions stay consecutive (the user's row is ours until commit).
    for (let from = 0; from < events.length; from += MAX_ROWS_PER_STATEMENT) await recordEvents(trx, userId, events.slice(from, from + MAX_ROWS_PER_STATEMENT));
    return;
  }
  const { ids, types, data, at } = eventArrays(events);
  if (isPostgres(trx)) {
    await trx.executeQuery(CompiledQuery.raw(POSTGRES_INSERT, [events.length, userId, ids, types, data, at]));
    return;
  }
  const [row] = await runSql<{ event_seq: number }>(trx, 'update users set event_seq = event_seq + ? where id = ? returning event_seq', [events.length, userId]);
  if (!row) throw new Error(`no user ${userId} to record events for`);
  const first = Number(row.event_seq) - events.length + 1;
  await insertRows(trx, 'events', COLUMNS, events.map((e, i) => [ids[i], userId, first + i, e.type, data[i], at]));
}

/** The user's events after a position, oldest first, optionally of some types only. */
export function listEventsAfter(db: Db, userId: string, after: number, limit: number, types?: readonly string[]): Promise<EventRow[]> {
  let query = db.selectFrom('events').selectAll().where('user_id', '=', userId).where('position', '>', after);
  if (types && types.length > 0) query = query.where('type', 'in', [...types]);
  return query.orderBy('position').limit(limit).execute();
}

/**
 * Deletes events older than `beforeMs`; answers how many. By id, which starts with its creation
 * second (src/ids.ts), so the primary key serves and the hot path keeps one index fewer.
 */
export async function purgeEventsBefore(db: Db, beforeMs: number): Promise<number> {
  const boundary = Math.floor(beforeMs / 1000).toString(16).padStart(8, '0');
  const result = await db.deleteFrom('events').where('id', '<', boundary).executeTakeFirst();
  return Number(result.numDeletedRows);
}
