import type { ExpressionBuilder } from 'kysely';
import { doNotContactRefusal } from '../engine/do-not-contact.js';
import { ApiProblem } from '../problems.js';
import { findCampaign } from '../store/campaigns.js';
import type { Database } from '../store/database.js';
import type { Db } from '../store/db.js';
import { handOverNewEnrolments } from '../store/campaign-executors.js';
import { besideKey, ownedBy } from '../store/dialect.js';
import { insertEnrolments } from '../store/enrolments.js';
import { recordEvent, recordEvents } from '../store/events.js';
import { adjustListCounts, doNotContactLists, findList } from '../store/lists.js';
import { recordMoves } from '../store/prospect-moves.js';
import { chunk, nowIso } from '../store/time.js';
import type { Schema } from '../store/schema.js';
import { ALONE_FROM_ROWS, inTransaction } from '../store/transaction.js';
import { addProspectCount, lockCrm } from '../store/users.js';

/**
 * The web app's changes to prospects: delete, move, enrol, delete a list. Each runs in one
 * transaction that first takes the CRM lock (the one imports take), so counts stay exact
 * (docs/api.md#counts) and no import decides against a half-done change.
 */

const PART = 500;

interface Owned {
  id: string;
  list_id: string;
  duplicate_of: string | null;
}

async function ownedProspects(trx: Db, userId: string, ids: readonly string[]): Promise<Owned[]> {
  const rows: Owned[] = [];
  for (const part of chunk([...new Set(ids)], PART)) {
    rows.push(...(await trx.selectFrom('prospects').select(['id', 'list_id', 'duplicate_of']).where(ownedBy(trx, userId)).where('id', 'in', part).execute()));
  }
  return rows;
}

/**
 * Deletes prospects (and their enrolments). A deleted original that has permitted copies elsewhere
 * hands its identity to its oldest surviving copy, so the profile stays deduplicated (the unique
 * indexes cover originals only) and the other copies now point at the new original.
 */
export async function deleteOwned(trx: Db, userId: string, doomed: readonly Owned[], at: string): Promise<void> {
  if (doomed.length === 0) return;
  const ids = doomed.map((p) => p.id);
  const doomedSet = new Set(ids);
  for (const part of chunk(ids, PART)) await trx.deleteFrom('enrolments').where('prospect_id', 'in', part).execute();
  const originals = doomed.filter((p) => p.duplicate_of === null).map((p) => p.id);
  const survivors: { id: string; duplicate_of: string }[] = [];
  for (const part of chunk(originals, PART)) {
    const copies = await trx.selectFrom('prospects').select(['id', 'duplicate_of']).where(ownedBy(trx, userId)).where('duplicate_of', 'in', part).orderBy('id').execute();
    survivors.push(...copies.filter((c): c is { id: string; duplicate_of: string } => c.duplicate_of !== null && !doomedSet.has(c.id)));
  }
  for (const part of chunk(ids, PART)) await trx.deleteFrom('prospects').where(ownedBy(trx, userId)).where('id', 'in', part).execute();
  await promoteCopies(trx, survivors, at);
  const deltas = new Map<string, number>();
  for (const p of doomed) deltas.set(p.list_id, (deltas.get(p.list_id) ?? 0) - 1);
  await adjustListCounts(trx, deltas, at);
  await addProspectCount(trx, userId, -doomed.length);
}

/** Surviving copies (oldest first) of deleted originals: the oldest of each becomes the original. */
async function promoteCopies(trx: Db, survivors: readonly { id: string; duplicate_of: string }[], at: string): Promise<void> {
  const promoted = new Map<string, string>();
  for (const copy of survivors) {
    const heir = promoted.get(copy.duplicate_of);
    if (heir === undefined) {
      promoted.set(copy.duplicate_of, copy.id);
      await trx.updateTable('prospects').set({ duplicate_of: null, updated_at: at }).where('id', '=', copy.id).execute();
    } else {
      await trx.updateTable('prospects').set({ duplicate_of: heir, updated_at: at }).where('id', '=', copy.id).execute();
    }
  }
}

export async function deleteProspects(database: Database, userId: string, ids: readonly string[]): Promise<{ deleted: number }> {
  return inTransaction(database, async (trx) => {
    await lockCrm(trx, userId, null);
    const doomed = await ownedProspects(trx, userId, ids);
    await deleteOwned(trx, userId, doomed, nowIso());
    await recordEvents(trx, userId, doomed.map((p) => ({ type: 'prospect.deleted', data: { prospectId: p.id, listId: p.list_id } })));
    return { deleted: doomed.length };
  }, { alone: ids.length > ALONE_FROM_ROWS });
}

/**
 * Deletes a list and every prospect in it (docs/v1.md#lists); answers how many prospects went with it
 * and how many copies elsewhere took over from a deleted original.
 */
export async function deleteListWithProspects(database: Database, userId: string, listId: string): Promise<{ deletedProspects: number; promotedCopies: number }> {
  return inTransaction(database, async (trx) => {
    await lockCrm(trx, userId, null);
    if (!(await findList(trx, userId, listId))) throw new ApiProblem('R000404-001', `no list "${listId}" among your lists`);
    // Set-based, not id by id: a list may hold 100,000 prospects.
    const inList = (eb: ExpressionBuilder<Schema, 'prospects' | 'enrolments'>) =>
      eb.selectFrom('prospects as d').select('d.id').where('d.user_id', '=', userId).where('d.list_id', '=', listId);
    const { n } = await trx
      .selectFrom('prospects')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', userId)
      .where('list_id', '=', listId)
      .executeTakeFirstOrThrow();
    const survivors = await trx
      .selectFrom('prospects')
      .select(['id', 'duplicate_of'])
      .where('user_id', '=', userId)
      .where('list_id', '<>', listId)
      .where('duplicate_of', 'in', (eb) => inList(eb).where('d.duplicate_of', 'is', null))
      .orderBy('id')
      .execute();
    const at = nowIso();
    await trx.deleteFrom('enrolments').where('user_id', '=', userId).where('prospect_id', 'in', inList).execute();
    await trx.deleteFrom('prospects').where('user_id', '=', userId).where('list_id', '=', listId).execute();
    const heirs = survivors.filter((c): c is { id: string; duplicate_of: string } => c.duplicate_of !== null);
    await promoteCopies(trx, heirs, at);
    await addProspectCount(trx, userId, -Number(n));
    await trx.deleteFrom('prospect_lists').where('id', '=', listId).where('user_id', '=', userId).execute();
    await recordEvent(trx, userId, 'list.deleted', { listId, deletedProspects: Number(n) });
    return { deletedProspects: Number(n), promotedCopies: new Set(heirs.map((c) => c.duplicate_of)).size };
  }, { alone: true });
}

/**
 * Moves prospects to another list. A profile stays once per list (as the import keeps it): a
 * prospect whose original or copy is already in the target list, or a second one of the same
 * profile in this request, stays where it is and is counted as skipped; so is one already there.
 */
export async function moveProspects(database: Database, userId: string, ids: readonly string[], listId: string): Promise<MoveCounts> {
  return inTransaction(database, async (trx) => {
    await lockCrm(trx, userId, null);
    return moveOwned(trx, userId, ids, listId);
  }, { alone: ids.length > ALONE_FROM_ROWS });
}

export interface MoveCounts {
  moved: number;
  skipped: number;
  /** Ids that name no prospect of this user. */
  notFound: number;
}

/** moveProspects inside a transaction that already holds the CRM lock. */
export async function moveOwned(trx: Db, userId: string, ids: readonly string[], listId: string): Promise<MoveCounts> {
  if (!(await findList(trx, userId, listId))) throw new ApiProblem('R000404-001', `no list "${listId}" among your lists`);
  const owned = await ownedProspects(trx, userId, ids);
  const candidates = owned.filter((p) => p.list_id !== listId);
  const family = (p: Owned) => p.duplicate_of ?? p.id;
  const present = new Set<string>();
  for (const part of chunk([...new Set(candidates.map(family))], PART)) {
    const rows = await trx
      .selectFrom('prospects')
      .select(['id', 'duplicate_of'])
      .where(ownedBy(trx, userId))
      .where(besideKey(trx, 'list_id', listId))
      .where((eb) => eb.or([eb('id', 'in', part), eb('duplicate_of', 'in', part)]))
      .execute();
    for (const row of rows) present.add(row.duplicate_of ?? row.id);
  }
  const moving: Owned[] = [];
  for (const p of candidates) {
    if (present.has(family(p))) continue;
    present.add(family(p));
    moving.push(p);
  }
  const at = nowIso();
  for (const part of chunk(moving.map((p) => p.id), PART)) {
    await trx.updateTable('prospects').set({ list_id: listId, updated_at: at }).where(ownedBy(trx, userId)).where('id', 'in', part).execute();
  }
  const deltas = new Map<string, number>([[listId, moving.length]]);
  for (const p of moving) deltas.set(p.list_id, (deltas.get(p.list_id) ?? 0) - 1);
  await adjustListCounts(trx, deltas, at);
  await recordMoves(trx, userId, moving.map((p) => ({ prospectId: p.id, fromListId: p.list_id })), listId, at);
  await recordEvents(trx, userId, moving.map((p) => ({ type: 'prospect.moved', data: { prospectId: p.id, fromListId: p.list_id, toListId: listId } })));
  return { moved: moving.length, skipped: owned.length - moving.length, notFound: new Set(ids).size - owned.length };
}

export type EnrolCode = 'success' | 'already_in_campaign' | 'prospect_does_not_match_preconditions';

/**
 * Enrols prospects in a running or paused campaign with the import's rules and codes (docs/api.md#campaign-codes):
 * one active campaign per prospect, preconditions checked per prospect.
 */
export async function enrolProspects(
  database: Database,
  userId: string,
  ids: readonly string[],
  campaignId: string,
): Promise<{ counts: Partial<Record<EnrolCode, number>>; codes: Map<string, EnrolCode>; reasons?: string[]; holders: Map<string, number> }> {
  return inTransaction(database, async (trx) => {
    await lockCrm(trx, userId, null);
    const campaign = await findCampaign(trx, userId, campaignId);
    if (!campaign || campaign.state === 'draft') throw new ApiProblem('R000404-001', `no campaign "${campaignId}" to enrol in`);
    if (campaign.state === 'archived') throw new ApiProblem('R000409-001', 'the campaign is archived; resume or pick another one');
    const counts: Partial<Record<EnrolCode, number>> = {};
    // Each found prospect's code; an id missing here is not one of the user's prospects.
    const codes = new Map<string, EnrolCode>();
    const bump = (code: EnrolCode, prospectId: string) => {
      counts[code] = (counts[code] ?? 0) + 1;
      codes.set(prospectId, code);
    };
    const enrol: { prospectId: string; campaignId: string }[] = [];
    // Per campaign, how many prospects counted already_in_campaign it holds (their active one, else this one).
    const holders = new Map<string, number>();
    const refusedLists = await doNotContactLists(trx, userId);
    const reasons = new Set<string>();
    let refusal: string | null;
    for (const part of chunk([...new Set(ids)], PART)) {
      const rows = await trx.selectFrom('prospects').select(['id', 'email', 'list_id', 'do_not_contact']).where(ownedBy(trx, userId)).where('id', 'in', part).execute();
      if (rows.length === 0) continue;
      const busy = await trx
        .selectFrom('enrolments')
        .select(['prospect_id', 'campaign_id', 'active'])
        .where('user_id', '=', userId)
        .where('prospect_id', 'in', rows.map((r) => r.id))
        .where((eb) => eb.or([eb('campaign_id', '=', campaignId), eb('active', '=', 1)]))
        .execute();
      const busyIn = new Map<string, string>();
      for (const b of busy) if (Number(b.active) === 1 || !busyIn.has(b.prospect_id)) busyIn.set(b.prospect_id, b.campaign_id);
      for (const row of rows) {
        const holder = busyIn.get(row.id);
        if (holder !== undefined) {
          bump('already_in_campaign', row.id);
          holders.set(holder, (holders.get(holder) ?? 0) + 1);
        }
        else if ((refusal = doNotContactRefusal({ prospect: Number(row.do_not_contact) === 1, list: refusedLists.has(row.list_id) }))) {
          bump('prospect_does_not_match_preconditions', row.id);
          reasons.add(refusal);
        } else if (campaign.requires_email === 1 && !row.email) bump('prospect_does_not_match_preconditions', row.id);
        else {
          bump('success', row.id);
          enrol.push({ prospectId: row.id, campaignId });
        }
      }
    }
    await handOverNewEnrolments(trx, userId, campaignId, await insertEnrolments(trx, userId, enrol, nowIso()));
    await recordEvents(trx, userId, enrol.map((e) => ({ type: 'campaign.prospect_enrolled', data: e })));
    return reasons.size > 0 ? { counts, codes, holders, reasons: [...reasons] } : { counts, codes, holders };
  }, { alone: ids.length > ALONE_FROM_ROWS });
}
