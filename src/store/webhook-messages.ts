import { newId } from '../ids.js';
import type { Db } from './db.js';
import { insertRows, isPostgres, runSql } from './dialect.js';
import { parseJsonArray } from './db.js';
import type { EventRow, WebhookAttemptRow, WebhookMessageRow } from './schema.js';

/**
 * Webhook messages (one per endpoint per event, its body fixed at creation so every retry signs the
 * same bytes) and their attempts (docs/webhooks.md#deliveries).
 */

export function messageId(): string {
  return `msg_${newId()}`;
}

/** The body Standard Webhooks describes: `{type, timestamp, data}`. */
export function messageBody(type: string, timestamp: string, data: unknown): string {
  return JSON.stringify({ type, timestamp, data });
}

/**
 * messageBody() of a stored event, without parsing its data: the data column is JSON.stringify's own
 * output (events.ts), so splicing it in gives the very same bytes, at a fraction of the CPU per message.
 */
export function eventMessageBody(event: Pick<EventRow, 'type' | 'created_at' | 'data'>): string {
  return `{"type":${JSON.stringify(event.type)},"timestamp":${JSON.stringify(event.created_at)},"data":${event.data}}`;
}

export async function insertMessage(db: Db, row: { userId: string; endpointId: string; eventId: string | null; type: string; body: string; at: string }): Promise<string> {
  const id = messageId();
  await db
    .insertInto('webhook_messages')
    .values({ id, user_id: row.userId, endpoint_id: row.endpointId, event_id: row.eventId, event_type: row.type, body: row.body, state: 'pending', attempts: 0, next_attempt_at: row.at, lease_owner: null, lease_until: null, created_at: row.at, updated_at: row.at })
    .execute();
  return id;
}

/** A `webhook.test` message to one endpoint, due now (the "send test event" of the API, CLI and app). */
export function insertTestMessage(db: Db, userId: string, endpointId: string, at: string): Promise<string> {
  const body = messageBody('webhook.test', at, { endpointId, message: 'a test event from prospect-hub' });
  return insertMessage(db, { userId, endpointId, eventId: null, type: 'webhook.test', body, at });
}

/**
 * Whether an endpoint has at least `n` messages waiting (due or retrying): the fan-out stops there
 * and lets the events wait in the outbox, so a burst or a receiver that is down never piles up
 * message rows ahead of what can be delivered (docs/webhooks.md#deliveries).
 */
export async function hasPendingAtLeast(db: Db, endpointId: string, n: number): Promise<boolean> {
  const rows = await runSql(db, "select 1 as one from webhook_messages where state = 'pending' and endpoint_id = ? limit 1 offset ?", [endpointId, n - 1]);
  return rows.length > 0;
}

/** Enabled endpoints with events they have not been given yet. */
export function endpointsBehind(db: Db, limit: number) {
  return db
    .selectFrom('webhook_endpoints as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.id', 'e.user_id', 'e.event_types', 'e.event_position'])
    .where('e.enabled', '=', 1)
    .whereRef('e.event_position', '<', 'u.event_seq')
    .limit(limit)
    .execute();
}

/**
 * Turns the endpoint's next events into messages, in the caller's transaction. The position update
 * comes first and is conditional: it locks the endpoint's row, and an instance that fanned out the
 * same events meanwhile has moved the position, so this one finds nothing to do.
 */
export async function fanOutEndpoint(trx: Db, endpoint: { id: string; user_id: string; event_types: string; event_position: number }, events: readonly EventRow[], at: string): Promise<number> {
  const last = events.at(-1);
  if (!last) return 0;
  const moved = await trx
    .updateTable('webhook_endpoints')
    .set({ event_position: Number(last.position) })
    .where('id', '=', endpoint.id)
    .where('event_position', '=', Number(endpoint.event_position))
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) return 0;
  const wanted = new Set(parseJsonArray(endpoint.event_types));
  const rows = events
    .filter((event) => wanted.has(event.type))
    .map((event) => [messageId(), endpoint.user_id, endpoint.id, event.id, event.type, eventMessageBody(event), 'pending', 0, at, at, at]);
  // One statement for the whole batch (an unnest insert on PostgreSQL).
  await insertRows(trx, 'webhook_messages', MESSAGE_COLUMNS, rows);
  return rows.length;
}

const MESSAGE_COLUMNS = [
  ['id', 'text'],
  ['user_id', 'text'],
  ['endpoint_id', 'text'],
  ['event_id', 'text'],
  ['event_type', 'text'],
  ['body', 'text'],
  ['state', 'text'],
  ['attempts', 'integer'],
  ['next_attempt_at', 'text'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
] as const;

export type ClaimedMessage = WebhookMessageRow & { url: string; secret: string; previous_secret: string | null; previous_secret_until: string | null; failing_since: string | null };

/**
 * Leases up to `limit` due messages of enabled endpoints to `owner` until `leaseUntil`. A message
 * whose lease ran out (its instance died mid-delivery) is due again. PostgreSQL: SKIP LOCKED, so
 * instances claiming at once each get other rows; SQLite has one writer.
 */
export async function claimDueMessages(db: Db, owner: string, now: string, leaseUntil: string, limit: number): Promise<ClaimedMessage[]> {
  // A read first: the idle tick of every instance then takes no write lock (SQLite's is the whole file).
  const [due] = await runSql(db, "select 1 as due from webhook_messages where state = 'pending' and next_attempt_at <= ? limit 1", [now]);
  if (!due) return [];
  const lock = isPostgres(db) ? 'for update of m skip locked' : '';
  const claimed = await runSql<{ id: string }>(
    db,
    `update webhook_messages set lease_owner = ?, lease_until = ? where id in (
       select m.id from webhook_messages m join webhook_endpoints e on e.id = m.endpoint_id
       where m.state = 'pending' and m.next_attempt_at <= ? and (m.lease_until is null or m.lease_until < ?) and e.enabled = 1
       order by m.next_attempt_at, m.id limit ? ${lock}) returning id`,
    [owner, leaseUntil, now, now, limit],
  );
  if (claimed.length === 0) return [];
  return db
    .selectFrom('webhook_messages as m')
    .innerJoin('webhook_endpoints as e', 'e.id', 'm.endpoint_id')
    .selectAll('m')
    .select(['e.url', 'e.secret', 'e.previous_secret', 'e.previous_secret_until', 'e.failing_since'])
    .where('m.id', 'in', claimed.map((c) => c.id))
    .where('m.lease_owner', '=', owner)
    .execute();
}

export interface AttemptRecord {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseStart: string;
  at: string;
}

/**
 * Records an attempt and the message's next state, if `owner` still holds its lease; answers false
 * when it lost it (another instance took the message over).
 */
export async function recordAttempt(trx: Db, message: WebhookMessageRow, owner: string, attempt: AttemptRecord, next: { state: WebhookMessageRow['state']; nextAttemptAt: string | null }): Promise<boolean> {
  // Raw SQL: this runs once per delivery, and building the queries cost more CPU than running them
  // (docs/benchmarks.md#webhooks).
  const number = Number(message.attempts) + 1;
  const updated = await runSql<{ id: string }>(
    trx,
    'update webhook_messages set state = ?, attempts = ?, next_attempt_at = ?, lease_owner = null, lease_until = null, updated_at = ? where id = ? and lease_owner = ? returning id',
    [next.state, number, next.nextAttemptAt, attempt.at, message.id, owner],
  );
  if (updated.length === 0) return false;
  await runSql(
    trx,
    'insert into webhook_attempts (id, message_id, endpoint_id, attempt, status_code, error, duration_ms, response_start, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [newId(), message.id, message.endpoint_id, number, attempt.statusCode, attempt.error, attempt.durationMs, attempt.responseStart, attempt.at],
  );
  return true;
}

export type AttemptLogRow = WebhookAttemptRow & { event_type: string; state: WebhookMessageRow['state'] };

/** An endpoint's attempts, newest first, before an attempt id. */
export function listAttempts(db: Db, userId: string, endpointId: string, limit: number, beforeId?: string): Promise<AttemptLogRow[]> {
  let query = db
    .selectFrom('webhook_attempts as a')
    .innerJoin('webhook_messages as m', 'm.id', 'a.message_id')
    .selectAll('a')
    .select(['m.event_type', 'm.state'])
    .where('a.endpoint_id', '=', endpointId)
    .where('m.user_id', '=', userId);
  if (beforeId) query = query.where('a.id', '<', beforeId);
  return query.orderBy('a.id', 'desc').limit(limit).execute();
}

/** Sends messages again from the first attempt of the schedule: one by id, or every failed one since a time. */
export async function replayMessages(db: Db, userId: string, endpointId: string, which: { messageId: string } | { since: string }, at: string): Promise<number> {
  let query = db
    .updateTable('webhook_messages')
    .set({ state: 'pending', attempts: 0, next_attempt_at: at, lease_owner: null, lease_until: null, updated_at: at })
    .where('user_id', '=', userId)
    .where('endpoint_id', '=', endpointId);
  query = 'messageId' in which ? query.where('id', '=', which.messageId) : query.where('state', '=', 'failed').where('created_at', '>=', which.since);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes delivered and failed messages (their attempts go with them) older than `before`. */
export async function purgeMessagesBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('webhook_messages').where('created_at', '<', before).where('state', '<>', 'pending').executeTakeFirst();
  return Number(result.numDeletedRows);
}
