import type { BatchItem, ImportDecision, ItemDecision, ProspectState } from '../engine/decide-import.js';
import type { ImportAnswer, ImportResultItem, ProspectProfile, ResultProspect, Warning } from './import.js';

/** The import's answer (ImportAnswer in import.ts), rendered from the engine's decisions. */

export interface AnswerContext {
  warnings: Warning[];
  dryRun: boolean;
  activityId: string | null;
}

/** `batch` is the request as read, item for item with the decisions. */
export function renderImportAnswer(decision: ImportDecision, batch: readonly BatchItem[], context: AnswerContext): ImportAnswer {
  return { result: decision.items.map((item, i) => renderItem(item, batch[i]!)), warnings: context.warnings, dryRun: context.dryRun, activityId: context.activityId };
}

function renderItem(item: ItemDecision, sent: BatchItem): ImportResultItem {
  const rendered: ImportResultItem = {
    importCode: item.importCode,
    prospect: item.prospect ? renderProspect(item.prospect) : renderSent(sent, item.importCode !== 'profile_deleted'),
    message: item.message,
  };
  if (item.addToCampaignCode) rendered.addToCampaignCode = item.addToCampaignCode;
  return rendered;
}

// Built field by field in the answer schema's order (no spread of the stored profile): this runs
// for every prospect of the answer. Absent fields stay undefined and are not serialised.

function renderProspect(prospect: ProspectState): ResultProspect {
  const { profile } = prospect;
  const rendered = namesAndIdentity(prospect);
  rendered.occupation = profile.occupation;
  rendered.email = profile.email;
  rendered.region = profile.region;
  rendered.phoneNumbers = profile.phoneNumbers;
  rendered.birthday = profile.birthday;
  rendered.company = profile.company;
  return { _id: prospect.id, listId: prospect.listId, profile: rendered, customVariables: prospect.variables };
}

/**
 * Nothing of the caller's to show (and never a teammate's data): the identity from the URL and the
 * names sent; not the names of a person the caller erased (docs/v1.md#privacy-erasure-do-not-contact-access).
 */
function renderSent(sent: BatchItem, withNames: boolean): ResultProspect {
  return { profile: namesAndIdentity(withNames ? sent : { identity: sent.identity, profile: {} }) };
}

/** The profile's names, and its identity as Waalaxy's fields: only the one that is known. */
function namesAndIdentity({ identity, profile }: Pick<BatchItem, 'identity' | 'profile'>): ProspectProfile {
  return {
    firstName: profile.firstName,
    lastName: profile.lastName ?? null,
    publicIdentifier: identity.kind === 'publicIdentifier' ? identity.value : undefined,
    memberId: identity.kind === 'memberId' ? identity.value : undefined,
    salesMemberId: identity.kind === 'salesMemberId' ? identity.value : undefined,
    linkedinUrl: identity.canonicalUrl,
  };
}
