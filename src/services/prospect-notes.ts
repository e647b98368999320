import { checkNoteText } from '../engine/note-text.js';
import { newId } from '../ids.js';
import { ApiProblem, textFieldError, validationProblem } from '../problems.js';
import { MAX_NOTE_LENGTH, type Note } from '../schemas/tags.js';
import { findApiKey } from '../store/api-keys.js';
import type { Database } from '../store/database.js';
import { deleteNote, insertNote, pageOfNotes, updateNote } from '../store/notes.js';
import type { NoteRow } from '../store/schema.js';
import { ownedWithList } from '../store/tags.js';
import { nowIso } from '../store/time.js';
import { findUserById } from '../store/users.js';
import type { Caller } from './caller.js';

/**
 * Notes on a prospect (docs/v1.md#tags-and-notes): free text with its author (the person signed in
 * to the web app, or the API key) and times. A note is not a change of the prospect: no event, and
 * the prospect's updatedAt stays.
 */

export function renderNote(row: NoteRow): Note {
  return {
    id: row.id,
    prospectId: row.prospect_id,
    body: row.body,
    author: { kind: row.author_kind, name: row.author_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function noteText(raw: string): string {
  const checked = checkNoteText(raw, MAX_NOTE_LENGTH);
  if (!checked.ok) throw validationProblem([textFieldError('/body', checked.fault)]);
  return checked.text;
}

function prospectNotFound(id: string): ApiProblem {
  return new ApiProblem('R000404-001', `no prospect "${id}" in your CRM`);
}

function noteNotFound(id: string): ApiProblem {
  return new ApiProblem('R000404-001', `no note "${id}" on this prospect`);
}

async function requireProspect(database: Database, userId: string, prospectId: string): Promise<void> {
  if ((await ownedWithList(database.db, userId, [prospectId])).length === 0) throw prospectNotFound(prospectId);
}

async function authorOf(database: Database, caller: Caller): Promise<{ kind: 'person' | 'key'; name: string }> {
  if (caller.keyId !== null) return { kind: 'key', name: (await findApiKey(database.db, caller.keyId))?.name ?? 'API key' };
  const user = await findUserById(database.db, caller.userId);
  return { kind: 'person', name: user?.name || user?.email || 'you' };
}

/** `limit + 1` notes of the prospect strictly before `beforeId`, newest first (the route pages them). */
export async function readNotes(database: Database, userId: string, prospectId: string, beforeId: string | undefined, limit: number): Promise<NoteRow[]> {
  await requireProspect(database, userId, prospectId);
  return pageOfNotes(database.db, userId, prospectId, beforeId, limit + 1);
}

export async function addNote(database: Database, caller: Caller, prospectId: string, body: string): Promise<Note> {
  const text = noteText(body);
  await requireProspect(database, caller.userId, prospectId);
  const author = await authorOf(database, caller);
  return renderNote(await insertNote(database.db, caller.userId, { id: newId(), prospectId, body: text, authorKind: author.kind, authorName: author.name, at: nowIso() }));
}

export async function editNote(database: Database, userId: string, prospectId: string, noteId: string, body: string): Promise<Note> {
  const text = noteText(body);
  await requireProspect(database, userId, prospectId);
  const row = await updateNote(database.db, userId, prospectId, noteId, text, nowIso());
  if (!row) throw noteNotFound(noteId);
  return renderNote(row);
}

export async function removeNote(database: Database, userId: string, prospectId: string, noteId: string): Promise<void> {
  await requireProspect(database, userId, prospectId);
  if (!(await deleteNote(database.db, userId, prospectId, noteId))) throw noteNotFound(noteId);
}
