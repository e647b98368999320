import { ApiProblem } from '../problems.js';
import type { Database } from '../store/database.js';
import { setListDoNotContact, setProspectDoNotContact } from '../store/personal-data.js';
import { nowIso } from '../store/time.js';
import { inTransaction } from '../store/transaction.js';
import { findPerson, type PersonRef } from './find-person.js';

/**
 * Marks a person do-not-contact, or clears the mark (docs/v1.md#privacy-erasure-do-not-contact-access):
 * every copy of them in the caller's CRM, so no copy of theirs is enrolled. They stay in the CRM.
 */
export async function setPersonDoNotContact(database: Database, userId: string, ref: PersonRef, doNotContact: boolean): Promise<{ doNotContact: boolean; prospects: number }> {
  return inTransaction(database, async (trx) => {
    const { copies } = await findPerson(trx, userId, ref);
    if (copies.length === 0) throw new ApiProblem('R000404-001', 'nobody with this URL in your CRM');
    const prospects = await setProspectDoNotContact(trx, userId, copies.map((c) => c.id), doNotContact, nowIso());
    return { doNotContact, prospects };
  });
}

/** Marks a whole list do-not-contact, or clears the mark: its prospects are never enrolled while it holds. */
export async function setListDoNotContactOf(database: Database, userId: string, listId: string, doNotContact: boolean): Promise<{ listId: string; doNotContact: boolean }> {
  if (!(await setListDoNotContact(database.db, userId, listId, doNotContact, nowIso()))) throw new ApiProblem('R000404-001', `no list "${listId}" among your lists`);
  return { listId, doNotContact };
}
