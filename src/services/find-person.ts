import { parseLinkedInUrl, type LinkedInIdentity } from '../engine/linkedin-url.js';
import { ApiProblem, validationProblem } from '../problems.js';
import type { Db } from '../store/db.js';
import { prospectsOfIdentity } from '../store/personal-data.js';
import { identityOfRow } from '../store/prospects.js';
import type { ProspectRow } from '../store/schema.js';

/** One person named by a prospect of theirs, or by any LinkedIn URL of theirs (docs/v1.md#privacy-erasure-do-not-contact-access). */
export type PersonRef = { prospectId: string } | { url: string };

export interface Person {
  identity: LinkedInIdentity;
  /** Every copy of them in the caller's CRM (original and permitted copies), oldest id first. */
  copies: ProspectRow[];
}

/**
 * The person a request names. A prospect id that is not the caller's answers 404 like a missing one;
 * a URL that is not a LinkedIn profile answers 400 with the field at fault; a good URL of nobody in
 * the CRM is a person without copies (their data may still be in the activity feed).
 */
export async function findPerson(trx: Db, userId: string, ref: PersonRef): Promise<Person> {
  if ('prospectId' in ref) {
    const row = await trx.selectFrom('prospects').selectAll().where('user_id', '=', userId).where('id', '=', ref.prospectId).executeTakeFirst();
    if (!row) throw new ApiProblem('R000404-001', `no prospect "${ref.prospectId}" in your CRM`);
    const identity = identityOfRow(row);
    return { identity, copies: await prospectsOfIdentity(trx, userId, identity) };
  }
  const parsed = parseLinkedInUrl(ref.url);
  if (!parsed.ok) throw validationProblem([{ path: '/url', message: parsed.reason }]);
  return { identity: parsed.identity, copies: await prospectsOfIdentity(trx, userId, parsed.identity) };
}

/** The person a body or query names by exactly one of prospectId and url; the field at fault otherwise. */
export function personRefOf(input: { prospectId?: string; url?: string }, where: 'body' | 'querystring'): PersonRef {
  const prefix = where === 'body' ? '' : 'querystring';
  if (input.prospectId !== undefined && input.url !== undefined) {
    throw validationProblem([{ path: `${prefix}/url`, message: 'send prospectId or url, not both' }]);
  }
  if (input.prospectId !== undefined) return { prospectId: input.prospectId };
  if (input.url !== undefined) return { url: input.url };
  throw validationProblem([{ path: `${prefix}/prospectId`, message: 'send prospectId or url: which person' }]);
}
