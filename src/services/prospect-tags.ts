import { checkTagName } from '../engine/tag-name.js';
import { ApiProblem, textFieldError, validationProblem, type FieldError } from '../problems.js';
import type { Database } from '../store/database.js';
import type { Db } from '../store/db.js';
import { recordEvents } from '../store/events.js';
import { addTagPairs, ensureTags, ownedWithList, removeTagPairs, tagIdsOf, tagNamesOf, touchProspects, type TagName } from '../store/tags.js';
import { nowIso } from '../store/time.js';
import { ALONE_FROM_ROWS, inTransaction } from '../store/transaction.js';
import { lockCrm } from '../store/users.js';

/**
 * Tags on prospects (docs/v1.md#tags-and-notes): set on one prospect (add, remove, replace), in bulk,
 * or by an import. Names are checked first (every bad one named), then the change runs in one
 * transaction under the CRM lock; each prospect whose tags changed is touched (updatedAt) and gets a
 * `prospect.updated` event in that transaction.
 */

/** The names, checked and made distinct by key (the first spelling wins), or a 400 naming each bad one at `path/index`. */
export function readTagNames(raw: readonly string[], path: string): TagName[] {
  const errors: FieldError[] = [];
  const names = new Map<string, TagName>();
  raw.forEach((text, index) => {
    const checked = checkTagName(text);
    if (!checked.ok) errors.push(textFieldError(`${path}/${index}`, checked.fault));
    else if (!names.has(checked.key)) names.set(checked.key, { name: checked.name, key: checked.key });
  });
  if (errors.length > 0) throw validationProblem(errors);
  return [...names.values()];
}

export interface TagChange {
  add?: readonly TagName[];
  remove?: readonly TagName[];
  /** Replaces every tag of the prospect. */
  replace?: readonly TagName[];
}

/** Changes one prospect's tags; answers them afterwards, in name order. */
export async function changeProspectTags(database: Database, userId: string, prospectId: string, change: TagChange): Promise<string[]> {
  return inTransaction(database, async (trx) => {
    await lockCrm(trx, userId, null);
    const [owned] = await ownedWithList(trx, userId, [prospectId]);
    if (!owned) throw new ApiProblem('R000404-001', `no prospect "${prospectId}" in your CRM`);
    const at = nowIso();
    const wanted = [...(change.replace ?? []), ...(change.add ?? [])];
    const tags = await ensureTags(trx, userId, wanted, at);
    const keep = new Set(wanted.map((n) => tags.get(n.key)!.id));
    let removeIds: string[];
    if (change.replace) {
      removeIds = (await tagIdsOf(trx, userId, prospectId)).filter((id) => !keep.has(id));
    } else {
      const removing = await tagIdsNamed(trx, userId, change.remove ?? []);
      removeIds = removing.filter((id) => !keep.has(id));
    }
    const removed = await removeTagPairs(trx, userId, [prospectId], removeIds);
    const added = await addTagPairs(trx, userId, [prospectId], [...keep], at);
    if (removed.size > 0 || added.size > 0) await prospectsChanged(trx, userId, [owned], at);
    return (await tagNamesOf(trx, userId, [prospectId])).get(prospectId) ?? [];
  });
}

/** Ids of the user's tags among these names; names no tag has are nothing to remove. */
async function tagIdsNamed(trx: Db, userId: string, names: readonly TagName[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await trx.selectFrom('tags').select('id').where('user_id', '=', userId).where('name_key', 'in', names.map((n) => n.key)).execute();
  return rows.map((r) => r.id);
}

/** The changed prospects: touched, and one `prospect.updated` each. */
async function prospectsChanged(trx: Db, userId: string, prospects: readonly { id: string; list_id: string }[], at: string): Promise<void> {
  await touchProspects(
    trx,
    userId,
    prospects.map((p) => p.id),
    at,
  );
  await recordEvents(trx, userId, prospects.map((p) => ({ type: 'prospect.updated', data: { prospectId: p.id, listId: p.list_id, origin: 'api' } })));
}

export interface BulkTagCounts {
  /** Prospects that gained (tag) or lost (untag) at least one of the tags. */
  changed: number;
  /** Prospects that already had every tag (tag), or none of them (untag). */
  unchanged: number;
  /** Ids that name no prospect of this user. */
  notFound: number;
}

/** Adds (tag) or removes (untag) the tags on many prospects, in one transaction under the CRM lock. */
export async function bulkTag(database: Database, userId: string, ids: readonly string[], names: readonly TagName[], mode: 'tag' | 'untag'): Promise<BulkTagCounts> {
  return inTransaction(database, async (trx) => {
    await lockCrm(trx, userId, null);
    const owned = await ownedWithList(trx, userId, ids);
    const ownedIds = owned.map((p) => p.id);
    const at = nowIso();
    let changed: Set<string>;
    if (mode === 'tag') {
      const tags = await ensureTags(trx, userId, names, at);
      changed = await addTagPairs(trx, userId, ownedIds, [...tags.values()].map((t) => t.id), at);
    } else {
      changed = await removeTagPairs(trx, userId, ownedIds, await tagIdsNamed(trx, userId, names));
    }
    await prospectsChanged(
      trx,
      userId,
      owned.filter((p) => changed.has(p.id)),
      at,
    );
    return { changed: changed.size, unchanged: owned.length - changed.size, notFound: new Set(ids).size - owned.length };
  }, { alone: ids.length > ALONE_FROM_ROWS });
}

/**
 * An import's tags (docs/v1.md#tags-and-notes), inside its transaction: every prospect it answered
 * with gets them. Answers the prospects whose tags changed, for the import's events.
 */
export async function tagImported(trx: Db, userId: string, prospectIds: readonly string[], names: readonly TagName[], at: string): Promise<Set<string>> {
  if (names.length === 0 || prospectIds.length === 0) return new Set();
  const tags = await ensureTags(trx, userId, names, at);
  const changed = await addTagPairs(trx, userId, [...new Set(prospectIds)], [...tags.values()].map((t) => t.id), at);
  await touchProspects(trx, userId, [...changed], at);
  return changed;
}
