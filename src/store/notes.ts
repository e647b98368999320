import { sql } from 'kysely';
import type { Db } from './db.js';
import type { NoteAuthorKind, NoteRow } from './schema.js';

/** Notes on prospects (docs/v1.md#tags-and-notes). Every function takes the user id: another user's note is a missing one. */

export interface NewNoteRow {
  id: string;
  prospectId: string;
  body: string;
  authorKind: NoteAuthorKind;
  authorName: string;
  at: string;
}

export function insertNote(db: Db, userId: string, note: NewNoteRow): Promise<NoteRow> {
  return db
    .insertInto('prospect_notes')
    .values({
      id: note.id,
      user_id: userId,
      prospect_id: note.prospectId,
      body: note.body,
      author_kind: note.authorKind,
      author_name: note.authorName,
      created_at: note.at,
      updated_at: note.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A page of a prospect's notes, newest first (ids are time-ordered), strictly before `beforeId`. */
export function pageOfNotes(db: Db, userId: string, prospectId: string, beforeId: string | undefined, limit: number): Promise<NoteRow[]> {
  let query = db.selectFrom('prospect_notes').selectAll().where('user_id', '=', userId).where('prospect_id', '=', prospectId);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** Changes a note's text; undefined when the prospect has no such note of the user's. */
export function updateNote(db: Db, userId: string, prospectId: string, noteId: string, body: string, at: string): Promise<NoteRow | undefined> {
  return db
    .updateTable('prospect_notes')
    .set({ body, updated_at: at })
    .where('id', '=', noteId)
    .where('user_id', '=', userId)
    .where('prospect_id', '=', prospectId)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes a note; answers whether there was one. */
export async function deleteNote(db: Db, userId: string, prospectId: string, noteId: string): Promise<boolean> {
  const result = await db.deleteFrom('prospect_notes').where('id', '=', noteId).where('user_id', '=', userId).where('prospect_id', '=', prospectId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every note of these prospects, oldest first (the person export). */
export function notesOf(db: Db, userId: string, prospectIds: readonly string[]): Promise<NoteRow[]> {
  if (prospectIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('prospect_notes').selectAll().where('user_id', '=', userId).where('prospect_id', 'in', [...prospectIds]).orderBy('id').execute();
}

/** How many notes these prospects hold (an erasure's count). */
export async function countNotes(db: Db, userId: string, prospectIds: readonly string[]): Promise<number> {
  if (prospectIds.length === 0) return 0;
  const row = await db
    .selectFrom('prospect_notes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('prospect_id', 'in', [...prospectIds])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The user's notes, on prospects other than `exceptProspectIds`, that may mention one of the texts
 * (lower() and LIKE: a superset on SQLite, whose lower() knows ASCII only; the caller checks each).
 */
export function notesMentioning(db: Db, userId: string, texts: readonly string[], exceptProspectIds: readonly string[]): Promise<NoteRow[]> {
  if (texts.length === 0) return Promise.resolve([]);
  let query = db.selectFrom('prospect_notes').selectAll().where('user_id', '=', userId);
  if (exceptProspectIds.length > 0) query = query.where('prospect_id', 'not in', [...exceptProspectIds]);
  const patterns = texts.map((t) => `%${t.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return query.where((eb) => eb.or(patterns.map((p) => eb(sql<string>`lower(body)`, 'like', sql<string>`${p} escape '\\'`)))).orderBy('id').execute();
}

export async function setNoteBody(db: Db, userId: string, noteId: string, body: string): Promise<void> {
  await db.updateTable('prospect_notes').set({ body }).where('user_id', '=', userId).where('id', '=', noteId).execute();
}
