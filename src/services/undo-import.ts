import type { ProspectState } from '../engine/decide-import.js';
import { ApiProblem } from '../problems.js';
import type { NotUndone, UndoAnswer, UndoChange, UndoCounts, UndoReason } from '../schemas/undo.js';
import type { Database } from '../store/database.js';
import type { Db } from '../store/db.js';
import { ownedBy } from '../store/dialect.js';
import { recordEvents, type NewEvent } from '../store/events.js';
import { findActivityToUndo, markActivityReverted, parseJournal, type ImportJournal, type JournalChange, type StoredJournal } from '../store/import-journal.js';
import { adjustListCounts } from '../store/lists.js';
import { identityOfRow, updateProspects } from '../store/prospects.js';
import type { ProspectRow } from '../store/schema.js';
import { chunk, nowIso } from '../store/time.js';
import { inTransaction } from '../store/transaction.js';
import { lockCrm } from '../store/users.js';
import { deleteOwned } from './manage-prospects.js';

/**
 * Undo of imports (docs/v1.md#undo-an-import): from each import's journal (store/import-journal.ts),
 * the prospects it created are deleted, the ones it moved go back, the data it overwrote gets its
 * old values and the enrolments it made are removed — each only where nothing changed it since: the
 * row still holds the updated_at the import wrote. One transaction under the CRM lock; a dry run is
 * the same work rolled back, so its counts are the ones a real undo would give.
 */

export interface UndoOptions {
  dryRun: boolean;
  /** How many days after an import it may be undone (config.undoWindowDays). */
  windowDays: number;
  now?: number;
}

const PART = 500;

const MESSAGES: Record<UndoReason, string> = {
  prospect_deleted: 'the prospect was deleted after the import',
  prospect_changed: 'the prospect was changed after the import; it was kept as it is',
  enrolled_since: 'the prospect was enrolled in a campaign after the import; it was kept',
  list_deleted: 'the list it was moved from no longer exists; it stays where it is',
  already_in_list: 'the list it was moved from holds this profile again; it stays where it is',
  enrolment_removed: 'the enrolment was removed after the import',
  enrolment_changed: 'the enrolment changed after the import (ended or moved on); it was kept',
};

/** What an undo did (or, for a dry run, would do), over all the imports it was given. */
export type UndoResult = Omit<UndoAnswer, 'activityId'>;

class DryRunRollback extends Error {
  constructor(readonly answer: UndoResult) {
    super('dry run: rolled back');
  }
}

/**
 * Undoes several imports as one (an import job's chunks, or one API import), newest first so a
 * prospect that a later import of the set changed is judged by its state before that import.
 */
export async function undoImports(
  database: Database,
  userId: string,
  activityIds: readonly string[],
  options: UndoOptions,
  /** A change that commits with the undo (an import job marked reverted), or not at all. */
  alsoInTransaction?: (trx: Db, at: string) => Promise<void>,
): Promise<UndoResult> {
  const now = options.now ?? Date.now();
  try {
    return await inTransaction(database, async (trx) => {
      await lockCrm(trx, userId, null);
      const answer = await undoInTransaction(trx, userId, activityIds, { ...options, now });
      if (alsoInTransaction) await alsoInTransaction(trx, nowIso(now));
      if (options.dryRun) throw new DryRunRollback(answer);
      return answer;
    }, { alone: true });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.answer;
    throw error;
  }
}

interface Run {
  userId: string;
  at: string;
  counts: UndoCounts;
  notUndone: NotUndone[];
  /** The updated_at each prospect restored by this run had before the import undone: what an older import of the run compares with. */
  restoredTo: Map<string, string>;
  events: NewEvent[];
}

async function undoInTransaction(trx: Db, userId: string, activityIds: readonly string[], options: Required<UndoOptions>): Promise<UndoResult> {
  const ids = [...new Set(activityIds)].sort().reverse();
  const oldest = nowIso(options.now - options.windowDays * 86_400_000);
  const at = nowIso(options.now);
  const run: Run = { userId, at, counts: { removed: 0, movedBack: 0, restored: 0, unenrolled: 0, notUndone: 0 }, notUndone: [], restoredTo: new Map(), events: [] };
  for (const activityId of ids) {
    const activity = await findActivityToUndo(trx, userId, activityId);
    if (!activity) throw new ApiProblem('R000404-001', `no import "${activityId}" in your activity`);
    if (activity.reverted_at !== null) {
      throw new ApiProblem('R000409-020', `the import "${activityId}" was already undone at ${activity.reverted_at}`, { revertedAt: activity.reverted_at });
    }
    const stored = activity.created_at >= oldest ? parseJournal(activity.journal) : null;
    if (!stored) {
      throw new ApiProblem('R000409-021', `the import "${activityId}" can no longer be undone: imports can be undone for ${options.windowDays} days`, {
        undoWindowDays: options.windowDays,
      });
    }
    const before = { ...run.counts };
    const { journal, positions } = journalOfImport(stored, activity.outcomes, activity.campaign_id);
    await undoOne(trx, run, journal, { activityId, positions, targetListId: activity.list_id });
    const own = difference(run.counts, before);
    await markActivityReverted(trx, userId, activityId, at, own);
    run.events.push({ type: 'import.reverted', data: { activityId, ...own } });
  }
  run.counts.notUndone = run.notUndone.length;
  await recordEvents(trx, userId, run.events);
  return { dryRun: options.dryRun, revertedAt: options.dryRun ? null : at, counts: run.counts, notUndone: run.notUndone };
}

function difference(after: UndoCounts, before: UndoCounts): UndoCounts {
  return {
    removed: after.removed - before.removed,
    movedBack: after.movedBack - before.movedBack,
    restored: after.restored - before.restored,
    unenrolled: after.unenrolled - before.unenrolled,
    notUndone: after.notUndone - before.notUndone,
  };
}

interface StoredOutcome {
  prospectId?: unknown;
  importCode?: unknown;
  addToCampaignCode?: unknown;
}

/**
 * What the import did, whole: its journal, and from its outcomes the prospects it created (`success`
 * is the code of a creation and nothing else) and enrolled, and each prospect's first place in it.
 */
function journalOfImport(stored: StoredJournal, outcomes: string, campaignId: string | null): { journal: ImportJournal; positions: Map<string, number> } {
  const journal: ImportJournal = { ...stored, created: [], enrolled: [] };
  const positions = new Map<string, number>();
  (JSON.parse(outcomes) as StoredOutcome[]).forEach((o, i) => {
    if (typeof o.prospectId !== 'string') return;
    if (!positions.has(o.prospectId)) positions.set(o.prospectId, i);
    if (o.importCode === 'success') journal.created.push(o.prospectId);
    if (o.addToCampaignCode === 'success' && campaignId !== null) journal.enrolled.push({ prospectId: o.prospectId, campaignId });
  });
  return { journal, positions };
}

/** Where the import sat: its prospects' places in it, and the list it imported into. */
interface ImportPlace {
  activityId: string;
  positions: Map<string, number>;
  targetListId: string;
}

async function undoOne(trx: Db, run: Run, journal: ImportJournal, { activityId, positions, targetListId }: ImportPlace): Promise<void> {
  const refuse = (prospectId: string, change: UndoChange, reason: UndoReason) => {
    run.notUndone.push({ activityId, position: positions.get(prospectId) ?? null, prospectId, change, reason, message: MESSAGES[reason] });
    run.counts.notUndone += 1;
  };
  // What a row's updated_at is taken to be: the undo of a newer import of this run restored some.
  const unchanged = (row: { id: string; updated_at: string }) => (run.restoredTo.get(row.id) ?? row.updated_at) === journal.writtenAt;

  await undoEnrolments(trx, run, journal, refuse);
  const rows = await prospectRows(trx, run.userId, [...journal.created, ...journal.changed.map((c) => c.id)]);

  // Created prospects: deleted when untouched since and in no campaign any more.
  const enrolledNow = await enrolledProspects(trx, run.userId, journal.created);
  const doomed: ProspectRow[] = [];
  for (const id of journal.created) {
    const row = rows.get(id);
    if (!row) refuse(id, 'created', 'prospect_deleted');
    else if (!unchanged(row)) refuse(id, 'created', 'prospect_changed');
    else if (enrolledNow.has(id)) refuse(id, 'created', 'enrolled_since');
    else doomed.push(row);
  }
  await deleteOwned(trx, run.userId, doomed, run.at);
  run.counts.removed += doomed.length;
  for (const p of doomed) run.events.push({ type: 'prospect.deleted', data: { prospectId: p.id, listId: p.list_id } });

  await restoreChanged(trx, run, journal, rows, { refuse, unchanged, targetListId });
}

type Refuse = (prospectId: string, change: UndoChange, reason: UndoReason) => void;

/** Enrolments the import made: removed where they are as it left them. */
async function undoEnrolments(trx: Db, run: Run, journal: ImportJournal, refuse: Refuse): Promise<void> {
  if (journal.enrolled.length === 0) return;
  const found = new Map<string, { id: string; updated_at: string }>();
  for (const part of chunk([...new Set(journal.enrolled.map((e) => e.prospectId))], PART)) {
    const rows = await trx.selectFrom('enrolments').select(['id', 'prospect_id', 'campaign_id', 'updated_at']).where('user_id', '=', run.userId).where('prospect_id', 'in', part).execute();
    for (const row of rows) found.set(`${row.prospect_id}:${row.campaign_id}`, row);
  }
  const removed: { id: string; prospectId: string; campaignId: string }[] = [];
  for (const e of journal.enrolled) {
    const row = found.get(`${e.prospectId}:${e.campaignId}`);
    if (!row) refuse(e.prospectId, 'enrolled', 'enrolment_removed');
    else if (row.updated_at !== journal.writtenAt) refuse(e.prospectId, 'enrolled', 'enrolment_changed');
    else removed.push({ id: row.id, ...e });
  }
  for (const part of chunk(removed.map((r) => r.id), PART)) await trx.deleteFrom('enrolments').where(ownedBy(trx, run.userId)).where('id', 'in', part).execute();
  run.counts.unenrolled += removed.length;
  for (const r of removed) run.events.push({ type: 'campaign.prospect_unenrolled', data: { campaignId: r.campaignId, prospectId: r.prospectId } });
}

/** Prospects the import changed: back to their list and data before it, where untouched since. */
async function restoreChanged(
  trx: Db,
  run: Run,
  journal: ImportJournal,
  rows: Map<string, ProspectRow>,
  check: { refuse: Refuse; unchanged: (row: ProspectRow) => boolean; targetListId: string },
): Promise<void> {
  if (journal.changed.length === 0) return;
  const { refuse, unchanged, targetListId } = check;
  // The import moved a prospect only into its own list: one that was elsewhere before was moved.
  const changeOf = (change: JournalChange): UndoChange => (change.listId === targetListId ? 'updated' : 'moved');
  const lists = await listIdsOf(trx, run.userId);
  const restored: ProspectState[] = [];
  const deltas = new Map<string, number>();
  const moveBack = await movesAllowed(trx, run.userId, journal.changed, rows);
  for (const change of journal.changed) {
    const row = rows.get(change.id);
    if (!row) {
      refuse(change.id, changeOf(change), 'prospect_deleted');
      continue;
    }
    const moved = change.listId !== row.list_id;
    if (!unchanged(row)) {
      refuse(change.id, changeOf(change), 'prospect_changed');
      continue;
    }
    let listId = row.list_id;
    if (moved) {
      const blocked: UndoReason | null = !lists.has(change.listId) ? 'list_deleted' : !moveBack.has(change.id) ? 'already_in_list' : null;
      if (blocked) refuse(change.id, 'moved', blocked);
      else {
        listId = change.listId;
        deltas.set(row.list_id, (deltas.get(row.list_id) ?? 0) - 1);
        deltas.set(listId, (deltas.get(listId) ?? 0) + 1);
        run.counts.movedBack += 1;
        run.events.push({ type: 'prospect.moved', data: { prospectId: row.id, fromListId: row.list_id, toListId: listId } });
      }
    }
    const dataChanged = !sameJson(change.profile, JSON.parse(row.profile)) || !sameJson(change.variables, JSON.parse(row.custom_variables));
    if (dataChanged) {
      run.counts.restored += 1;
      run.events.push({ type: 'prospect.updated', data: { prospectId: row.id, listId, origin: 'undo' } });
    }
    if (dataChanged || listId !== row.list_id) {
      restored.push({ id: row.id, listId, identity: identityOfRow(row), profile: change.profile, variables: change.variables, duplicateOf: row.duplicate_of });
      run.restoredTo.set(row.id, change.updatedAt);
    }
  }
  await updateProspects(trx, run.userId, restored, run.at);
  await adjustListCounts(trx, deltas, run.at);
}

/**
 * The moved prospects that may go back: the list they came from does not hold their profile now
 * (a profile stays once per list, as services/manage-prospects.ts moves them).
 */
async function movesAllowed(trx: Db, userId: string, changes: readonly JournalChange[], rows: Map<string, ProspectRow>): Promise<Set<string>> {
  const family = (row: ProspectRow) => row.duplicate_of ?? row.id;
  const wanted = changes.filter((c) => rows.has(c.id) && rows.get(c.id)!.list_id !== c.listId);
  const occupied = new Set<string>();
  for (const part of chunk([...new Set(wanted.map((c) => family(rows.get(c.id)!)))], PART)) {
    const found = await trx
      .selectFrom('prospects')
      .select(['id', 'duplicate_of', 'list_id'])
      .where(ownedBy(trx, userId))
      .where((eb) => eb.or([eb('id', 'in', part), eb('duplicate_of', 'in', part)]))
      .execute();
    for (const p of found) occupied.add(`${p.list_id}:${p.duplicate_of ?? p.id}`);
  }
  return new Set(wanted.filter((c) => !occupied.has(`${c.listId}:${family(rows.get(c.id)!)}`)).map((c) => c.id));
}

async function prospectRows(trx: Db, userId: string, ids: readonly string[]): Promise<Map<string, ProspectRow>> {
  const rows = new Map<string, ProspectRow>();
  for (const part of chunk(ids, PART)) {
    for (const row of await trx.selectFrom('prospects').selectAll().where(ownedBy(trx, userId)).where('id', 'in', part).execute()) rows.set(row.id, row);
  }
  return rows;
}

async function enrolledProspects(trx: Db, userId: string, ids: readonly string[]): Promise<Set<string>> {
  const enrolled = new Set<string>();
  for (const part of chunk(ids, PART)) {
    for (const row of await trx.selectFrom('enrolments').select('prospect_id').where('user_id', '=', userId).where('prospect_id', 'in', part).execute()) enrolled.add(row.prospect_id);
  }
  return enrolled;
}

async function listIdsOf(trx: Db, userId: string): Promise<Set<string>> {
  const rows = await trx.selectFrom('prospect_lists').select('id').where('user_id', '=', userId).execute();
  return new Set(rows.map((r) => r.id));
}

/** Equal as JSON whatever the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
  return value;
}
