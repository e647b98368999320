import type { Selectable } from 'kysely';
import type { StoredProfile, StoredVariable } from '../engine/profile.js';
import type { Db } from './db.js';
import { runSql } from './dialect.js';
import type { ImportJournalTable } from './schema.js';

/**
 * The change journal of imports (migration 2026-12-03-020): what one import did, written in its
 * transaction, read by its undo (services/undo-import.ts). One row per import, its parts JSON, so
 * the import pays one insert whatever its size (docs/benchmarks.md).
 */

/** A prospect the import changed, as it was before: its list and data. */
export interface JournalChange {
  id: string;
  listId: string;
  profile: StoredProfile;
  variables: StoredVariable[];
  /** Its updated_at before the import: an undo of several imports, newest first, chains on it. */
  updatedAt: string;
}

export interface JournalEnrolment {
  prospectId: string;
  campaignId: string;
}

export interface ImportJournal {
  activityId: string;
  /** The updated_at the import wrote on every prospect and enrolment it touched. */
  writtenAt: string;
  created: string[];
  changed: JournalChange[];
  enrolled: JournalEnrolment[];
}

export async function insertImportJournal(db: Db, userId: string, journal: ImportJournal): Promise<void> {
  await runSql(db, 'insert into import_journal (activity_id, user_id, written_at, created, changed, enrolled) values (?, ?, ?, ?, ?, ?)', [
    journal.activityId,
    userId,
    journal.writtenAt,
    JSON.stringify(journal.created),
    JSON.stringify(journal.changed),
    JSON.stringify(journal.enrolled),
  ]);
}

export async function findImportJournal(db: Db, userId: string, activityId: string): Promise<ImportJournal | undefined> {
  const row = await db.selectFrom('import_journal').selectAll().where('user_id', '=', userId).where('activity_id', '=', activityId).executeTakeFirst();
  return row && journalOfRow(row);
}

function journalOfRow(row: Selectable<ImportJournalTable>): ImportJournal {
  return {
    activityId: row.activity_id,
    writtenAt: row.written_at,
    created: JSON.parse(row.created) as string[],
    changed: JSON.parse(row.changed) as JournalChange[],
    enrolled: JSON.parse(row.enrolled) as JournalEnrolment[],
  };
}

export async function deleteImportJournal(db: Db, userId: string, activityId: string): Promise<void> {
  await db.deleteFrom('import_journal').where('user_id', '=', userId).where('activity_id', '=', activityId).execute();
}

/**
 * Deletes the journal of imports older than `beforeMs`; answers how many. By activity id, which starts
 * with its creation second (src/ids.ts), so the primary key serves.
 */
export async function purgeImportJournalBefore(db: Db, beforeMs: number): Promise<number> {
  const boundary = Math.floor(beforeMs / 1000).toString(16).padStart(8, '0');
  const result = await db.deleteFrom('import_journal').where('activity_id', '<', boundary).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The user's journal entries that name one of these prospects (ids are lowercase hex: a plain `like` finds them). */
export async function journalsMentioning(db: Db, userId: string, prospectIds: readonly string[]): Promise<ImportJournal[]> {
  if (prospectIds.length === 0) return [];
  const rows = await db
    .selectFrom('import_journal')
    .selectAll()
    .where('user_id', '=', userId)
    .where((eb) => eb.or(prospectIds.flatMap((id) => (['created', 'changed', 'enrolled'] as const).map((column) => eb(column, 'like', `%${id}%`)))))
    .orderBy('activity_id')
    .execute();
  return rows.map(journalOfRow);
}

/** Rewrites an entry's parts (an erasure takes a person out of it). */
export async function setJournalParts(db: Db, userId: string, journal: ImportJournal): Promise<void> {
  await db
    .updateTable('import_journal')
    .set({ created: JSON.stringify(journal.created), changed: JSON.stringify(journal.changed), enrolled: JSON.stringify(journal.enrolled) })
    .where('user_id', '=', userId)
    .where('activity_id', '=', journal.activityId)
    .execute();
}

/** The activity entry an undo starts from. */
export function findActivityToUndo(db: Db, userId: string, activityId: string) {
  return db
    .selectFrom('activity_events')
    .select(['id', 'list_id', 'created_at', 'reverted_at', 'outcomes'])
    .where('user_id', '=', userId)
    .where('id', '=', activityId)
    .executeTakeFirst();
}

export async function markActivityReverted(db: Db, userId: string, activityId: string, at: string, counts: object): Promise<void> {
  await db.updateTable('activity_events').set({ reverted_at: at, undo: JSON.stringify(counts) }).where('user_id', '=', userId).where('id', '=', activityId).execute();
}
