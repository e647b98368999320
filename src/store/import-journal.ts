import type { StoredProfile, StoredVariable } from '../engine/profile.js';
import type { Db } from './db.js';

/**
 * The change journal of imports (migration 2026-12-03-020): what one import changed, kept on its
 * activity entry (written by the insert the import makes anyway), read by its undo
 * (services/undo-import.ts), cleared once undone or past the undo window. What it created and enrolled
 * is in its outcomes already (`success` codes, with the prospect id), so the journal holds only the
 * state before of the prospects it changed: a few bytes for an import of new prospects.
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

/** What the journal stores. */
export interface StoredJournal {
  /** The updated_at the import wrote on every prospect and enrolment it touched. */
  writtenAt: string;
  changed: JournalChange[];
}

/** The whole of what an import did: its stored journal, and what its outcomes tell. */
export interface ImportJournal extends StoredJournal {
  created: string[];
  enrolled: JournalEnrolment[];
}

export function journalText(journal: StoredJournal): string {
  return JSON.stringify(journal);
}

export function parseJournal(text: string | null): StoredJournal | null {
  return text === null ? null : (JSON.parse(text) as StoredJournal);
}

/** The activity entry an undo starts from, with its journal. */
export function findActivityToUndo(db: Db, userId: string, activityId: string) {
  return db
    .selectFrom('activity_events')
    .select(['id', 'list_id', 'campaign_id', 'created_at', 'reverted_at', 'outcomes', 'journal'])
    .where('user_id', '=', userId)
    .where('id', '=', activityId)
    .executeTakeFirst();
}

/** Marks the import undone with what its undo did; its journal has served. */
export async function markActivityReverted(db: Db, userId: string, activityId: string, at: string, counts: object): Promise<void> {
  await db
    .updateTable('activity_events')
    .set({ reverted_at: at, undo: JSON.stringify(counts), journal: null })
    .where('user_id', '=', userId)
    .where('id', '=', activityId)
    .execute();
}

export async function setJournal(db: Db, userId: string, activityId: string, journal: StoredJournal): Promise<void> {
  await db.updateTable('activity_events').set({ journal: journalText(journal) }).where('user_id', '=', userId).where('id', '=', activityId).execute();
}

const boundaryOf = (ms: number) => Math.floor(ms / 1000).toString(16).padStart(8, '0');

/**
 * Clears the journal of imports older than `beforeMs`, from `sinceMs` on (the previous purge's bound,
 * so a purge reads only the entries that aged since); answers how many. By activity id, which
 * starts with its creation second (src/ids.ts), so the primary key serves.
 */
export async function purgeImportJournalBefore(db: Db, beforeMs: number, sinceMs = 0): Promise<number> {
  const result = await db
    .updateTable('activity_events')
    .set({ journal: null })
    .where('id', '>=', boundaryOf(sinceMs))
    .where('id', '<', boundaryOf(beforeMs))
    .where('journal', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
