import { sql } from 'kysely';
import { newId } from '../ids.js';
import type { Db } from './db.js';
import { valueSet } from './dialect.js';
import type { ProspectListRow } from './schema.js';
import { nowIso } from './time.js';

export interface NewList {
  name: string;
  iconColor?: string;
  iconLabel?: string;
}

export async function createList(db: Db, userId: string, input: NewList): Promise<ProspectListRow> {
  const now = nowIso();
  return db
    .insertInto('prospect_lists')
    .values({
      id: newId(),
      user_id: userId,
      name: input.name,
      icon_color: input.iconColor ?? '#2563eb',
      icon_label: input.iconLabel ?? (Array.from(input.name.trim())[0]?.toUpperCase() ?? 'L'),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listLists(db: Db, userId: string): Promise<ProspectListRow[]> {
  return db.selectFrom('prospect_lists').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

/** A list of this user's, or undefined: another user's list id behaves exactly like a missing one. */
export function findList(db: Db, userId: string, listId: string): Promise<ProspectListRow | undefined> {
  return db.selectFrom('prospect_lists').selectAll().where('id', '=', listId).where('user_id', '=', userId).executeTakeFirst();
}

export async function listNames(db: Db, userId: string, listIds: readonly string[]): Promise<Map<string, string>> {
  if (listIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('prospect_lists')
    .select(['id', 'name'])
    .where('user_id', '=', userId)
    .where('id', 'in', valueSet(db, listIds))
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Applies net count changes so totalProspects stays exact (contract §2 "Counts"). */
export async function adjustListCounts(db: Db, deltas: ReadonlyMap<string, number>, at: string): Promise<void> {
  for (const [listId, delta] of deltas) {
    if (delta === 0) continue;
    await db
      .updateTable('prospect_lists')
      .set({ total_prospects: sql`total_prospects + ${delta}`, updated_at: at })
      .where('id', '=', listId)
      .execute();
  }
}
