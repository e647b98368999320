import { newId } from '../ids.js';
import type { Db } from './db.js';
import { recordEvent } from './events.js';
import { inOneTransaction } from './transaction.js';
import { runSql, valueSetParameter, valueSetSql } from './dialect.js';
import type { ProspectListRow } from './schema.js';
import { nowIso } from './time.js';

export interface NewList {
  name: string;
  iconColor?: string;
  iconLabel?: string;
}

/** The icon letter a list gets from its name when none is chosen. */
function initialOf(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? 'L';
}

export async function createList(db: Db, userId: string, input: NewList): Promise<ProspectListRow> {
  const now = nowIso();
  return inOneTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('prospect_lists')
      .values({
        id: newId(),
        user_id: userId,
        name: input.name,
        icon_color: input.iconColor ?? '#2563eb',
        icon_label: input.iconLabel ?? initialOf(input.name),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, userId, 'list.created', { listId: row.id, name: row.name });
    return row;
  });
}

export function listLists(db: Db, userId: string): Promise<ProspectListRow[]> {
  return db.selectFrom('prospect_lists').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

/** One page of the user's lists, oldest first (ids are time-ordered), strictly after `afterId`. */
export function pageOfLists(db: Db, userId: string, afterId: string | undefined, limit: number): Promise<ProspectListRow[]> {
  let query = db.selectFrom('prospect_lists').selectAll().where('user_id', '=', userId);
  if (afterId !== undefined) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

export interface ListChangeSet {
  name?: string;
  iconColor?: string;
  iconLabel?: string;
}

/** Renames or recolours a list of the user's; undefined when it is not theirs. */
export async function updateList(db: Db, userId: string, listId: string, changes: ListChangeSet): Promise<ProspectListRow | undefined> {
  const before = changes.name !== undefined && changes.iconLabel === undefined ? await findList(db, userId, listId) : undefined;
  // An icon letter that came from the old name follows a rename; one chosen by hand stays.
  const followsName = before !== undefined && before.icon_label === initialOf(before.name);
  const iconLabel = changes.iconLabel ?? (followsName ? initialOf(changes.name!) : undefined);
  await db
    .updateTable('prospect_lists')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.iconColor !== undefined ? { icon_color: changes.iconColor } : {}),
      ...(iconLabel !== undefined ? { icon_label: iconLabel } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', listId)
    .where('user_id', '=', userId)
    .execute();
  return findList(db, userId, listId);
}

/** A list of this user's, or undefined: another user's list id behaves exactly like a missing one. */
export async function findList(db: Db, userId: string, listId: string): Promise<ProspectListRow | undefined> {
  const [row] = await runSql<ProspectListRow>(db, 'select * from prospect_lists where id = ? and user_id = ?', [listId, userId]);
  return row;
}

export async function listNames(db: Db, userId: string, listIds: readonly string[]): Promise<Map<string, string>> {
  if (listIds.length === 0) return new Map();
  const rows = await runSql<{ id: string; name: string }>(
    db,
    `select id, name from prospect_lists where user_id = ? and id in ${valueSetSql(db)}`,
    [userId, valueSetParameter(db, listIds)],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The user's lists marked do-not-contact (few: read whole). */
export async function doNotContactLists(db: Db, userId: string): Promise<Set<string>> {
  const rows = await runSql<{ id: string }>(db, 'select id from prospect_lists where user_id = ? and do_not_contact = 1', [userId]);
  return new Set(rows.map((r) => r.id));
}

/** Applies net count changes so totalProspects stays exact (docs/api.md#counts). */
export async function adjustListCounts(db: Db, deltas: ReadonlyMap<string, number>, at: string): Promise<void> {
  for (const [listId, delta] of deltas) {
    if (delta === 0) continue;
    await runSql(db, 'update prospect_lists set total_prospects = total_prospects + ?, updated_at = ? where id = ?', [delta, at, listId]);
  }
}
