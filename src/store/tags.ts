import { sql } from 'kysely';
import { newId } from '../ids.js';
import type { Db } from './db.js';
import { insertRows, ownedBy, valueSet } from './dialect.js';
import type { TagRow } from './schema.js';
import { chunk } from './time.js';

/**
 * Tags and the prospects carrying them (docs/v1.md#tags-and-notes). Every function takes the user id;
 * the prospect ids given are the user's own (the services check that first). A tag exists while a
 * prospect carries it: an unused row is invisible and is reused, in the new spelling, by the next
 * name with its key.
 */

/** Ids per statement, sent as one parameter (valueSet): round trips, not parameters, are what costs. */
const PART = 5000;

export interface TagName {
  name: string;
  /** What makes two names one tag (src/engine/tag-name.ts). */
  key: string;
}

/** The user's tags for these names, created when missing; by key. */
export async function ensureTags(trx: Db, userId: string, names: readonly TagName[], at: string): Promise<Map<string, TagRow>> {
  const byKey = new Map<string, TagRow>();
  if (names.length === 0) return byKey;
  const keys = names.map((n) => n.key);
  for (const row of await trx.selectFrom('tags').selectAll().where('user_id', '=', userId).where('name_key', 'in', keys).execute()) byKey.set(row.name_key, row);
  for (const { name, key } of names) {
    const existing = byKey.get(key);
    if (existing) {
      if (existing.name !== name) await respellIfUnused(trx, existing, name);
      continue;
    }
    const row = await trx
      .insertInto('tags')
      .values({ id: newId(), user_id: userId, name, name_key: key, created_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'name_key']).doNothing())
      .returningAll()
      .executeTakeFirst();
    // A concurrent request made it first: read its row.
    byKey.set(key, row ?? (await trx.selectFrom('tags').selectAll().where('user_id', '=', userId).where('name_key', '=', key).executeTakeFirstOrThrow()));
  }
  return byKey;
}

/** An unused tag takes the spelling it is given again; a tag in use keeps the one its prospects show. */
async function respellIfUnused(trx: Db, tag: TagRow, name: string): Promise<void> {
  const result = await trx
    .updateTable('tags')
    .set({ name })
    .where('id', '=', tag.id)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('prospect_tags').select('tag_id').where('tag_id', '=', tag.id))))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) tag.name = name;
}

/** Each prospect's tag names, in name order (case ignored); prospects without tags are absent. */
export async function tagNamesOf(db: Db, userId: string, prospectIds: readonly string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const part of chunk([...new Set(prospectIds)], PART)) {
    const rows = await db
      .selectFrom('prospect_tags as pt')
      .innerJoin('tags as t', 't.id', 'pt.tag_id')
      .select(['pt.prospect_id as prospectId', 't.name as name'])
      .where('pt.user_id', '=', userId)
      .where('pt.prospect_id', 'in', valueSet(db, part))
      .orderBy('t.name_key')
      .execute();
    for (const row of rows) found.set(row.prospectId, [...(found.get(row.prospectId) ?? []), row.name]);
  }
  return found;
}

/** Gives every prospect every tag; answers the prospects that got at least one tag they lacked. */
export async function addTagPairs(trx: Db, userId: string, prospectIds: readonly string[], tagIds: readonly string[], at: string): Promise<Set<string>> {
  const changed = new Set<string>();
  if (tagIds.length === 0) return changed;
  for (const part of chunk(prospectIds, PART)) {
    const held = await trx.selectFrom('prospect_tags').select(['prospect_id', 'tag_id']).where('prospect_id', 'in', valueSet(trx, part)).where('tag_id', 'in', [...tagIds]).execute();
    const pairs = new Set(held.map((p) => `${p.prospect_id} ${p.tag_id}`));
    const rows: unknown[][] = [];
    for (const prospectId of part) {
      for (const tagId of tagIds) {
        if (pairs.has(`${prospectId} ${tagId}`)) continue;
        rows.push([prospectId, tagId, userId, at]);
        changed.add(prospectId);
      }
    }
    await insertRows(trx, 'prospect_tags', PAIR_COLUMNS, rows);
  }
  return changed;
}

const PAIR_COLUMNS = [
  ['prospect_id', 'text'],
  ['tag_id', 'text'],
  ['user_id', 'text'],
  ['created_at', 'text'],
] as const;

/** Takes the tags off the prospects; answers the prospects that carried at least one of them. */
export async function removeTagPairs(trx: Db, userId: string, prospectIds: readonly string[], tagIds: readonly string[]): Promise<Set<string>> {
  const changed = new Set<string>();
  if (tagIds.length === 0) return changed;
  for (const part of chunk(prospectIds, PART)) {
    const held = await trx.selectFrom('prospect_tags').select('prospect_id').distinct().where('user_id', '=', userId).where('prospect_id', 'in', valueSet(trx, part)).where('tag_id', 'in', [...tagIds]).execute();
    if (held.length === 0) continue;
    for (const row of held) changed.add(row.prospect_id);
    await trx.deleteFrom('prospect_tags').where('user_id', '=', userId).where('prospect_id', 'in', valueSet(trx, part)).where('tag_id', 'in', [...tagIds]).execute();
  }
  return changed;
}

/** The ids of a prospect's tags. */
export async function tagIdsOf(db: Db, userId: string, prospectId: string): Promise<string[]> {
  const rows = await db.selectFrom('prospect_tags').select('tag_id').where('user_id', '=', userId).where('prospect_id', '=', prospectId).execute();
  return rows.map((r) => r.tag_id);
}

export interface TagCount {
  id: string;
  name: string;
  nameKey: string;
  prospects: number;
  createdAt: string;
}

/** A page of the user's tags in use, in name order (case ignored), strictly after `afterKey`, with how many prospects carry each. */
export async function pageOfTags(db: Db, userId: string, afterKey: string | undefined, limit: number): Promise<TagCount[]> {
  let query = db
    .selectFrom('tags as t')
    .innerJoin('prospect_tags as pt', 'pt.tag_id', 't.id')
    .select(['t.id as id', 't.name as name', 't.name_key as nameKey', 't.created_at as createdAt', sql<number | string>`count(*)`.as('prospects')])
    .where('t.user_id', '=', userId)
    .groupBy(['t.id', 't.name', 't.name_key', 't.created_at']);
  if (afterKey !== undefined) query = query.where('t.name_key', '>', afterKey);
  const rows = await query.orderBy('t.name_key').limit(limit).execute();
  return rows.map((r) => ({ ...r, prospects: Number(r.prospects) }));
}

/** Marks the prospects as changed now: a tag change is a change of the prospect (docs/webhooks.md#events). */
export async function touchProspects(trx: Db, userId: string, prospectIds: readonly string[], at: string): Promise<void> {
  for (const part of chunk(prospectIds, PART)) await trx.updateTable('prospects').set({ updated_at: at }).where('id', 'in', valueSet(trx, part)).where(ownedBy(trx, userId)).execute();
}

/** The user's prospects among these ids, with their list: the others are not theirs, or gone. */
export async function ownedWithList(db: Db, userId: string, ids: readonly string[]): Promise<{ id: string; list_id: string }[]> {
  const rows: { id: string; list_id: string }[] = [];
  for (const part of chunk([...new Set(ids)], PART)) rows.push(...(await db.selectFrom('prospects').select(['id', 'list_id']).where('id', 'in', valueSet(db, part)).where(ownedBy(db, userId)).execute()));
  return rows;
}
