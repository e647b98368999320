import { ApiProblem } from '../../problems.js';
import { requireUser, UserFacingError } from '../../services/accounts.js';
import { setPersonDoNotContact } from '../../services/do-not-contact.js';
import { erasePerson, type ErasureResult } from '../../services/erase-person.js';
import { exportPerson } from '../../services/export-person.js';
import type { PersonRef } from '../../services/find-person.js';
import type { Database } from '../../store/database.js';
import { optionalString, requireString, UsageError, type Command, type Values } from '../command.js';

// The privacy actions of docs/v1.md#privacy-erasure-do-not-contact-access, for an operator answering
// a person's request on behalf of one user.

const PERSON_OPTIONS = { user: { type: 'string' }, url: { type: 'string' }, id: { type: 'string' } } as const;

function personOf(values: Values): PersonRef {
  const url = optionalString(values, 'url');
  const id = optionalString(values, 'id');
  if ((url === undefined) === (id === undefined)) throw new UsageError('name the person by exactly one of --url URL and --id PROSPECT_ID');
  return url !== undefined ? { url } : { prospectId: id! };
}

/** Runs a privacy use case for the user named by --user; its refusals become one line for people. */
async function forUser<T>(database: () => Promise<Database>, values: Values, work: (database: Database, userId: string, person: PersonRef) => Promise<T>): Promise<T> {
  const person = personOf(values);
  const opened = await database();
  const user = await requireUser(opened.db, requireString(values, 'user'));
  try {
    return await work(opened, user.id, person);
  } catch (error) {
    if (error instanceof ApiProblem && error.status < 500) throw new UserFacingError(error.detail);
    throw error;
  }
}

export const prospectErase: Command = {
  name: 'prospect erase',
  summary: "Erase a person from a user's CRM: every copy, enrolments, their data in the activity feed; a later import of them is refused",
  usage: 'prospect erase --user EMAIL (--url URL | --id PROSPECT_ID)',
  options: PERSON_OPTIONS,
  run: ({ database, values }) => forUser(database, values, (db, userId, person) => erasePerson(db, userId, person)),
  human: ({ erased, tombstones }: ErasureResult) =>
    `erased ${erased.prospects} prospect(s), ${erased.enrolments} enrolment(s), ${erased.notes} note(s); redacted ${erased.activityItems} activity item(s) and ${erased.idempotencyAnswers} stored answer(s); ${tombstones} tombstone(s) refuse a later import`,
};

export const prospectExport: Command = {
  name: 'prospect export',
  summary: "Print everything a user's CRM stores about a person, as JSON",
  usage: 'prospect export --user EMAIL (--url URL | --id PROSPECT_ID)',
  options: PERSON_OPTIONS,
  run: ({ database, values }) => forUser(database, values, (db, userId, person) => exportPerson(db, userId, person)),
};

export const prospectDoNotContact: Command = {
  name: 'prospect do-not-contact',
  summary: 'Mark a person (every copy) do-not-contact, never enrolled; --off clears the mark',
  usage: 'prospect do-not-contact --user EMAIL (--url URL | --id PROSPECT_ID) [--off]',
  options: { ...PERSON_OPTIONS, off: { type: 'boolean' } },
  run: ({ database, values }) => forUser(database, values, (db, userId, person) => setPersonDoNotContact(db, userId, person, values.off !== true)),
  human: (r: { doNotContact: boolean; prospects: number }) => `${r.doNotContact ? 'marked' : 'cleared'} do-not-contact on ${r.prospects} prospect(s)`,
};
