import { identityKey } from './decide-import.js';
import { parseLinkedInUrl, type IdentityKind } from './linkedin-url.js';

/**
 * Redacts an erased person from stored documents (docs/v1.md#privacy-erasure-do-not-contact-access):
 * the activity feed's per-prospect outcomes and the import answers kept for Idempotency-Key replays.
 * An item is theirs when it names one of their prospect ids or one of their identities; its personal
 * fields give way to a marker and its codes stay, so every count stays true. Pure: the service reads
 * and writes.
 */

export interface ErasedPerson {
  /** "kind:value" keys (identityKey) of the person's identities. */
  identityKeys: ReadonlySet<string>;
  prospectIds: ReadonlySet<string>;
}

export const REDACTED_MESSAGE = "erased at the person's request";

function isTheirUrl(person: ErasedPerson, url: unknown): boolean {
  if (typeof url !== 'string') return false;
  const parsed = parseLinkedInUrl(url);
  return parsed.ok && person.identityKeys.has(identityKey(parsed.identity));
}

type Outcome = Record<string, unknown>;

/** The activity event's outcomes with the person's items redacted, and how many were; null when none. */
export function redactOutcomes(outcomes: readonly Outcome[], person: ErasedPerson): { outcomes: Outcome[]; redacted: number } | null {
  let redacted = 0;
  const result = outcomes.map((outcome) => {
    const theirs = (typeof outcome.prospectId === 'string' && person.prospectIds.has(outcome.prospectId)) || isTheirUrl(person, outcome.url);
    if (!theirs) return outcome;
    redacted += 1;
    return { url: null, importCode: outcome.importCode, addToCampaignCode: outcome.addToCampaignCode ?? null, prospectId: null, message: REDACTED_MESSAGE, erased: true };
  });
  return redacted === 0 ? null : { outcomes: result, redacted };
}

const IDENTITY_FIELDS: readonly IdentityKind[] = ['publicIdentifier', 'memberId', 'salesMemberId'];

function isTheirAnswerItem(person: ErasedPerson, item: Record<string, unknown>): boolean {
  const prospect = (item.prospect ?? {}) as Record<string, unknown>;
  if (typeof prospect._id === 'string' && person.prospectIds.has(prospect._id)) return true;
  const profile = (prospect.profile ?? {}) as Record<string, unknown>;
  return IDENTITY_FIELDS.some((kind) => typeof profile[kind] === 'string' && person.identityKeys.has(identityKey({ kind, value: profile[kind] as string })));
}

/**
 * A stored import answer (ImportAnswer) with the person's result items redacted: the item keeps its
 * codes and the answer's shape (a prospect with a profile holding a linkedinUrl), nothing of theirs.
 * Null when no item is theirs.
 */
/** The result item a redacted person leaves: its codes, a profile without anything of theirs. */
function redactedItem(item: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = { importCode: item.importCode, prospect: { profile: { lastName: null, linkedinUrl: '' } }, message: REDACTED_MESSAGE };
  if (item.addToCampaignCode !== undefined) kept.addToCampaignCode = item.addToCampaignCode;
  return kept;
}

/**
 * An import answer as stored for Idempotency-Key replays: items answered profile_deleted keep their
 * code and message, not the identity read from the URL, so nothing of an erased person is stored again.
 */
export function withoutErasedPeople<T extends { result: readonly { importCode: string }[] }>(answer: T): T {
  if (!answer.result.some((item) => item.importCode === 'profile_deleted')) return answer;
  const result = answer.result.map((item) => (item.importCode === 'profile_deleted' ? { ...redactedItem(item), message: (item as { message?: unknown }).message } : item));
  return { ...answer, result } as T;
}

export function redactImportAnswer(answer: { result?: unknown; [field: string]: unknown }, person: ErasedPerson): { answer: object; redacted: number } | null {
  if (!Array.isArray(answer.result)) return null;
  let redacted = 0;
  const result = (answer.result as Record<string, unknown>[]).map((item) => {
    if (!isTheirAnswerItem(person, item)) return item;
    redacted += 1;
    return redactedItem(item);
  });
  return redacted === 0 ? null : { answer: { ...answer, result }, redacted };
}
