import { sql } from 'kysely';
import { newId } from '../ids.js';
import type { Db } from './db.js';
import type { WebhookEndpointRow } from './schema.js';
import { nowIso } from './time.js';

/** Webhook endpoints (docs/webhooks.md#endpoints): every function takes the owner's id. */

export interface NewEndpoint {
  url: string;
  eventTypes: readonly string[];
  description?: string;
  enabled?: boolean;
  secret: string;
}

export async function createEndpoint(db: Db, userId: string, input: NewEndpoint): Promise<WebhookEndpointRow> {
  const now = nowIso();
  return db
    .insertInto('webhook_endpoints')
    .values({
      id: newId(),
      user_id: userId,
      url: input.url,
      description: input.description ?? '',
      event_types: JSON.stringify(input.eventTypes),
      enabled: input.enabled === false ? 0 : 1,
      disabled_reason: null,
      secret: input.secret,
      previous_secret: null,
      previous_secret_until: null,
      // Only events from now on: an endpoint does not receive the history (the feed has it).
      event_position: sql<number>`(select event_seq from users where id = ${userId})`,
      failing_since: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listEndpoints(db: Db, userId: string): Promise<WebhookEndpointRow[]> {
  return db.selectFrom('webhook_endpoints').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

export function findEndpoint(db: Db, userId: string, id: string): Promise<WebhookEndpointRow | undefined> {
  return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export interface EndpointChanges {
  url?: string;
  eventTypes?: readonly string[];
  description?: string;
  enabled?: boolean;
}

export async function updateEndpoint(db: Db, userId: string, id: string, changes: EndpointChanges): Promise<WebhookEndpointRow | undefined> {
  await db
    .updateTable('webhook_endpoints')
    .set({
      ...(changes.url !== undefined ? { url: changes.url } : {}),
      ...(changes.eventTypes !== undefined ? { event_types: JSON.stringify(changes.eventTypes) } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      // Enabling again starts afresh: no reason, no failure streak.
      ...(changes.enabled !== undefined ? { enabled: changes.enabled ? 1 : 0, disabled_reason: null, failing_since: null } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .execute();
  return findEndpoint(db, userId, id);
}

export async function deleteEndpoint(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A new secret; the old one keeps signing beside it until `previousUntil`. */
export async function rotateEndpointSecret(db: Db, userId: string, id: string, secret: string, previousUntil: string): Promise<WebhookEndpointRow | undefined> {
  await db
    .updateTable('webhook_endpoints')
    .set((eb) => ({ previous_secret: eb.ref('secret'), previous_secret_until: previousUntil, secret, updated_at: nowIso() }))
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .execute();
  return findEndpoint(db, userId, id);
}

/** Disables an endpoint (delivery gave up on it); answers false when it was disabled already. */
export async function disableEndpoint(db: Db, id: string, reason: string): Promise<boolean> {
  const now = nowIso();
  const result = await db.updateTable('webhook_endpoints').set({ enabled: 0, disabled_reason: reason, updated_at: now }).where('id', '=', id).where('enabled', '=', 1).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records the outcome on the endpoint's failure streak; answers when the streak began (null: none). */
export async function noteEndpointOutcome(db: Db, id: string, ok: boolean, at: string): Promise<string | null> {
  if (ok) {
    await db.updateTable('webhook_endpoints').set({ failing_since: null }).where('id', '=', id).where('failing_since', 'is not', null).execute();
    return null;
  }
  await db.updateTable('webhook_endpoints').set({ failing_since: at }).where('id', '=', id).where('failing_since', 'is', null).execute();
  const row = await db.selectFrom('webhook_endpoints').select('failing_since').where('id', '=', id).executeTakeFirst();
  return row?.failing_since ?? null;
}
