import { identityKey } from '../engine/decide-import.js';
import { mentionsOf, redactNote } from '../engine/redact-note.js';
import { redactImportAnswer, redactOutcomes, type ErasedPerson } from '../engine/redact-person.js';
import { newId } from '../ids.js';
import type { Database } from '../store/database.js';
import type { Db } from '../store/db.js';
import { ensureErasureSalt, insertTombstones } from '../store/erased-identities.js';
import { parseJournal, setJournal, type StoredJournal } from '../store/import-journal.js';
import {
  activityEventsMentioning,
  countEnrolments,
  deleteIdempotencyKey,
  deleteMovesOf,
  idempotencyAnswersMentioning,
  insertAuditEntry,
  scanNeedles,
  setActivityOutcomes,
  setIdempotencyAnswer,
} from '../store/personal-data.js';
import { countNotes, notesMentioning, setNoteBody } from '../store/notes.js';
import type { ProspectRow } from '../store/schema.js';
import { nowIso } from '../store/time.js';
import { recordEvents } from '../store/events.js';
import { forgetIndexedText } from '../store/sqlite-search-index.js';
import { inTransaction } from '../store/transaction.js';
import { lockCrm } from '../store/users.js';
import { findPerson, type PersonRef } from './find-person.js';
import { deleteOwned } from './manage-prospects.js';

export interface ErasureCounts {
  prospects: number;
  enrolments: number;
  activityItems: number;
  idempotencyAnswers: number;
  notes: number;
}

export interface ErasureResult {
  erased: ErasureCounts;
  tombstones: number;
}

/**
 * Erases a person from the caller's CRM (docs/v1.md#privacy-erasure-do-not-contact-access), in one
 * transaction under the CRM lock: every copy and its enrolments and moves (counts kept exact), their
 * items in the activity feed and in stored Idempotency-Key answers redacted, a salted hash of their
 * identity kept so a later import of any URL of theirs answers profile_deleted, and one audit entry
 * holding counts only.
 */
export async function erasePerson(database: Database, userId: string, ref: PersonRef): Promise<ErasureResult> {
  return inTransaction(database, async (trx) => {
    await lockCrm(trx, userId, null);
    const { identity, copies } = await findPerson(trx, userId, ref);
    const ids = copies.map((c) => c.id);
    const at = nowIso();
    const enrolments = await countEnrolments(trx, userId, ids);
    // Their notes and tag links go with the copies (the tables cascade from prospects); notes on
    // other prospects that name them lose the mention.
    const notes = (await countNotes(trx, userId, ids)) + (await redactNotes(trx, userId, identity.value, copies));
    await deleteMovesOf(trx, userId, ids);
    // Now, not by the search indexer later: nothing of the person may stay in the search index.
    await forgetIndexedText(trx, ids);
    await deleteOwned(trx, userId, copies, at);
    // Subscribers learn that the copies are gone, from ids alone: an erased person's data never leaves.
    await recordEvents(trx, userId, copies.map((c) => ({ type: 'prospect.deleted', data: { prospectId: c.id, listId: c.list_id } })));
    const person: ErasedPerson = { identityKeys: new Set([identityKey(identity)]), prospectIds: new Set(ids) };
    const needles = scanNeedles(identity, ids);
    const erased: ErasureCounts = {
      prospects: copies.length,
      enrolments,
      activityItems: await redactActivity(trx, userId, person, needles),
      idempotencyAnswers: await redactIdempotencyAnswers(trx, userId, person, needles, spellingsOf(identity.value)),
      notes,
    };
    const tombstones = await insertTombstones(trx, userId, await ensureErasureSalt(trx, database), [identity], at);
    await insertAuditEntry(trx, { id: newId(), userId, action: 'person.erased', counts: { ...erased, tombstones }, at });
    return { erased, tombstones };
  });
}

async function redactNotes(trx: Db, userId: string, identifier: string, copies: readonly ProspectRow[]): Promise<number> {
  const mentions = mentionsOf([
    identifier,
    ...copies.flatMap((c) => [c.linkedin_url, c.email, [c.first_name, c.last_name].filter(Boolean).join(' ')]),
  ]);
  let redacted = 0;
  for (const note of await notesMentioning(trx, userId, mentions.texts, copies.map((c) => c.id))) {
    const body = redactNote(note.body, mentions);
    if (body === null) continue;
    await setNoteBody(trx, userId, note.id, body);
    redacted += 1;
  }
  return redacted;
}

async function redactActivity(trx: Db, userId: string, person: ErasedPerson, needles: string[] | null): Promise<number> {
  let redacted = 0;
  for (const event of await activityEventsMentioning(trx, userId, needles)) {
    const journal = parseJournal(event.journal);
    const forgotten = journal && withoutPerson(journal, person.prospectIds);
    if (forgotten) await setJournal(trx, userId, event.id, forgotten);
    const result = redactOutcomes(JSON.parse(event.outcomes) as Record<string, unknown>[], person);
    if (!result) continue;
    await setActivityOutcomes(trx, userId, event.id, JSON.stringify(result.outcomes));
    redacted += result.redacted;
  }
  return redacted;
}

function mentions(body: string | null, spellings: readonly string[]): boolean {
  const text = body?.toLowerCase() ?? '';
  return spellings.some((spelling) => text.includes(spelling));
}

/**
 * How a stored refusal may spell an identity, lowercased as the bodies are compared: as read
 * ("jürgen-müller-1"), and percent-encoded as it was sent in a URL ("j%c3%bcrgen-m%c3%bcller-1").
 */
function spellingsOf(value: string): string[] {
  const plain = value.toLowerCase();
  const encoded = encodeURIComponent(value).toLowerCase();
  return encoded === plain ? [plain] : [plain, encoded];
}

/**
 * The undo journal (store/import-journal.ts) holds the data an import overwrote: the person leaves it
 * whole, id included (their outcomes lose their id too), so an undo afterwards neither sees nor names
 * them. Null when it never held them.
 */
function withoutPerson(journal: StoredJournal, prospectIds: ReadonlySet<string>): StoredJournal | null {
  const changed = journal.changed.filter((c) => !prospectIds.has(c.id));
  return changed.length === journal.changed.length ? null : { ...journal, changed };
}

/**
 * An import answer keeps its other items, the person's redacted, so a retry under the key still
 * replays it. Any other stored answer that mentions them (a refusal naming the URLs sent) is deleted:
 * a retry then runs again, and is refused again.
 */
async function redactIdempotencyAnswers(trx: Db, userId: string, person: ErasedPerson, needles: string[] | null, spellings: readonly string[]): Promise<number> {
  let touched = 0;
  for (const row of await idempotencyAnswersMentioning(trx, userId, needles)) {
    const body = JSON.parse(row.response_body ?? 'null') as { result?: unknown } | null;
    const result = row.status_code !== null && row.status_code < 300 && body ? redactImportAnswer(body, person) : null;
    if (result) {
      await setIdempotencyAnswer(trx, userId, row.key, JSON.stringify(result.answer));
      touched += 1;
    } else if (row.status_code !== null && row.status_code >= 300 && mentions(row.response_body, spellings)) {
      await deleteIdempotencyKey(trx, userId, row.key);
      touched += 1;
    }
  }
  return touched;
}
