import { sql } from 'kysely';
import type { IdentityKind, LinkedInIdentity } from '../engine/linkedin-url.js';
import type { Db } from './db.js';
import { ownedBy } from './dialect.js';
import type { ProspectRow } from './schema.js';

/**
 * Where a person's data is stored besides their prospect rows, for erasure and access
 * (services/erase-person.ts, services/export-person.ts). Every function takes the user id.
 */

const IDENTITY_COLUMN = { publicIdentifier: 'public_identifier', memberId: 'member_id', salesMemberId: 'sales_member_id' } as const satisfies Record<IdentityKind, string>;

/** Every copy of a person in the user's CRM: the original and its permitted copies share the identity. */
export function prospectsOfIdentity(db: Db, userId: string, identity: Pick<LinkedInIdentity, 'kind' | 'value'>): Promise<ProspectRow[]> {
  return db.selectFrom('prospects').selectAll().where('user_id', '=', userId).where(IDENTITY_COLUMN[identity.kind], '=', identity.value).orderBy('id').execute();
}

/**
 * Texts to narrow a scan of stored JSON by (lowercased `like`); null when no text match is safe and
 * every row of the user must be read: a non-ASCII identity may be stored percent-encoded in a URL as
 * sent, and SQLite's lower() folds ASCII only.
 */
export function scanNeedles(identity: Pick<LinkedInIdentity, 'value'>, prospectIds: readonly string[]): string[] | null {
  if (!/^[\x20-\x7e]+$/.test(identity.value) || /[%_\\]/.test(identity.value)) return null;
  return [identity.value.toLowerCase(), ...prospectIds];
}

export function activityEventsMentioning(db: Db, userId: string, needles: readonly string[] | null) {
  let query = db.selectFrom('activity_events').select(['id', 'outcomes', 'journal']).where('user_id', '=', userId);
  if (needles) query = query.where((eb) => eb.or(needles.map((n) => eb(sql<string>`lower(outcomes)`, 'like', `%${n}%`))));
  return query.orderBy('id').execute();
}

export async function setActivityOutcomes(db: Db, userId: string, id: string, outcomes: string): Promise<void> {
  await db.updateTable('activity_events').set({ outcomes }).where('user_id', '=', userId).where('id', '=', id).execute();
}

/** Stored Idempotency-Key answers (finished ones) that may mention the person. */
export function idempotencyAnswersMentioning(db: Db, userId: string, needles: readonly string[] | null) {
  let query = db.selectFrom('idempotency_keys').select(['key', 'status_code', 'response_body']).where('user_id', '=', userId).where('response_body', 'is not', null);
  if (needles) query = query.where((eb) => eb.or(needles.map((n) => eb(sql<string>`lower(response_body)`, 'like', `%${n}%`))));
  return query.orderBy('key').execute();
}

export async function setIdempotencyAnswer(db: Db, userId: string, key: string, responseBody: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ response_body: responseBody }).where('user_id', '=', userId).where('key', '=', key).execute();
}

export async function deleteIdempotencyKey(db: Db, userId: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).execute();
}

export async function countEnrolments(db: Db, userId: string, prospectIds: readonly string[]): Promise<number> {
  if (prospectIds.length === 0) return 0;
  const { n } = await db
    .selectFrom('enrolments')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('prospect_id', 'in', [...prospectIds])
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function deleteMovesOf(db: Db, userId: string, prospectIds: readonly string[]): Promise<void> {
  if (prospectIds.length === 0) return;
  await db.deleteFrom('prospect_moves').where('user_id', '=', userId).where('prospect_id', 'in', [...prospectIds]).execute();
}

export async function insertAuditEntry(db: Db, entry: { id: string; userId: string; action: 'person.erased'; counts: object; at: string }): Promise<void> {
  await db.insertInto('audit_log').values({ id: entry.id, user_id: entry.userId, action: entry.action, counts: JSON.stringify(entry.counts), created_at: entry.at }).execute();
}

/** The user's audit entries, newest first, after the entry `afterId` (ids follow creation time), `limit + 1` to tell whether more follow. */
export function auditEntries(db: Db, userId: string, afterId: string | undefined, limit: number) {
  let query = db.selectFrom('audit_log').selectAll().where('user_id', '=', userId);
  if (afterId !== undefined) query = query.where('id', '<', afterId);
  return query.orderBy('id', 'desc').limit(limit + 1).execute();
}

/** Marks the user's prospects (by id) do-not-contact, or clears the mark; answers how many rows were the user's. */
export async function setProspectDoNotContact(db: Db, userId: string, prospectIds: readonly string[], on: boolean, at: string): Promise<number> {
  if (prospectIds.length === 0) return 0;
  const result = await db
    .updateTable('prospects')
    .set({ do_not_contact: on ? 1 : 0, updated_at: at })
    .where(ownedBy(db, userId))
    .where('id', 'in', [...prospectIds])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks one of the user's lists do-not-contact, or clears the mark; false when the list is not the user's. */
export async function setListDoNotContact(db: Db, userId: string, listId: string, on: boolean, at: string): Promise<boolean> {
  const result = await db.updateTable('prospect_lists').set({ do_not_contact: on ? 1 : 0, updated_at: at }).where('user_id', '=', userId).where('id', '=', listId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
