import type { AddToCampaignCode, ImportCode } from '../schemas/import.js';
import type { LinkedInIdentity } from './linkedin-url.js';
import { cloneProfile, mergeProfile, mergeVariables, type StoredProfile, type StoredVariable } from './profile.js';

/**
 * The import engine: given a batch and a snapshot of the rows it concerns, decides every prospect's
 * codes and the writes to perform (contract §1–§2). Pure: no IO, no clock, no randomness beyond the
 * ids it is handed, so the property tests can drive it directly.
 */

export interface BatchItem {
  identity: LinkedInIdentity;
  profile: StoredProfile;
  variables: StoredVariable[];
  /** True when a customVariables value is over the 1000-character limit. */
  variableTooLong: boolean;
}

export interface ImportFlags {
  canCreateDuplicates: boolean;
  moveDuplicatesToOtherList: boolean;
  overwriteProfile: boolean;
  addExistingToCampaign: boolean;
}

/** A prospect of the caller's CRM as this request sees it; mutated in place as the batch proceeds. */
export interface ProspectState {
  id: string;
  listId: string;
  identity: LinkedInIdentity;
  profile: StoredProfile;
  variables: StoredVariable[];
  duplicateOf: string | null;
}

export interface CampaignInfo {
  id: string;
  state: 'draft' | 'running' | 'paused' | 'archived';
  requiresEmail: boolean;
}

export interface EnrolmentInfo {
  prospectId: string;
  campaignId: string;
  active: boolean;
}

export interface CrmSnapshot {
  targetListId: string;
  /** The caller's prospects (originals and copies) sharing an identity with the batch. */
  prospects: ProspectState[];
  /** Identity keys found in a teammate's CRM, when the team deduplicates. */
  teammateIdentityKeys: ReadonlySet<string>;
  listNames: ReadonlyMap<string, string>;
  prospectCount: number;
  crmLimit: number;
  /** undefined: no campaign asked for; null: asked for but not the caller's (or a draft). */
  campaign: CampaignInfo | null | undefined;
  /** Enrolments of the snapshot's prospects: in the asked campaign, or active anywhere. */
  enrolments: EnrolmentInfo[];
}

export interface ItemDecision {
  importCode: ImportCode;
  addToCampaignCode?: AddToCampaignCode;
  /** The prospect the answer shows (its state after the whole request), or null. */
  prospect: ProspectState | null;
  message: string | null;
}

export interface ImportWrites {
  creates: ProspectState[];
  /** Existing prospects whose list or data changed, by id. */
  changed: Map<string, ProspectState>;
  moved: Set<string>;
  enrolments: { prospectId: string; campaignId: string }[];
  /** Net change of totalProspects per list id. */
  listDeltas: Map<string, number>;
  crmDelta: number;
}

export interface ImportDecision {
  items: ItemDecision[];
  writes: ImportWrites;
}

export function identityKey(identity: Pick<LinkedInIdentity, 'kind' | 'value'>): string {
  return `${identity.kind}:${identity.value}`;
}

export function decideImport(
  batch: readonly BatchItem[],
  flags: ImportFlags,
  snapshot: CrmSnapshot,
  newId: () => string,
): ImportDecision {
  const target = snapshot.targetListId;
  const crm = new Map<string, ProspectState[]>();
  for (const prospect of snapshot.prospects) {
    const key = identityKey(prospect.identity);
    const group = crm.get(key);
    if (group) group.push(prospect);
    else crm.set(key, [prospect]);
  }
  const enrolledIn = new Map<string, Set<string>>();
  const activeProspects = new Set<string>();
  for (const e of snapshot.enrolments) {
    if (!enrolledIn.has(e.prospectId)) enrolledIn.set(e.prospectId, new Set());
    enrolledIn.get(e.prospectId)!.add(e.campaignId);
    if (e.active) activeProspects.add(e.prospectId);
  }

  const writes: ImportWrites = {
    creates: [],
    changed: new Map(),
    moved: new Set(),
    enrolments: [],
    listDeltas: new Map(),
    crmDelta: 0,
  };
  const addToList = (listId: string, delta: number) =>
    writes.listDeltas.set(listId, (writes.listDeltas.get(listId) ?? 0) + delta);
  const listName = (listId: string) => snapshot.listNames.get(listId) ?? 'another list';

  const create = (item: BatchItem, key: string, duplicateOf: string | null): ItemDecision => {
    if (snapshot.prospectCount + writes.crmDelta >= snapshot.crmLimit) {
      return {
        importCode: 'max_limit_crm',
        prospect: null,
        message: `your CRM is at its limit of ${snapshot.crmLimit} prospects; delete prospects or raise the plan's limit`,
      };
    }
    const prospect: ProspectState = {
      id: newId(),
      listId: target,
      identity: item.identity,
      profile: cloneProfile(item.profile),
      variables: item.variables.map((v) => ({ ...v })),
      duplicateOf,
    };
    writes.creates.push(prospect);
    createdIds.add(prospect.id);
    writes.crmDelta += 1;
    addToList(target, 1);
    const group = crm.get(key);
    if (group) group.push(prospect);
    else crm.set(key, [prospect]);
    return { importCode: 'success', prospect, message: null };
  };

  const createdIds = new Set<string>();
  const isCreated = (prospect: ProspectState) => createdIds.has(prospect.id);
  const merge = (prospect: ProspectState, item: BatchItem) => {
    const profileChanged = mergeProfile(prospect.profile, item.profile, flags.overwriteProfile);
    const variablesChanged = mergeVariables(prospect.variables, item.variables, flags.overwriteProfile);
    if ((profileChanged || variablesChanged) && !isCreated(prospect)) writes.changed.set(prospect.id, prospect);
  };
  const enrol = (prospect: ProspectState): AddToCampaignCode => {
    const campaign = snapshot.campaign;
    if (!campaign || campaign.state === 'draft') return 'cant_add_prospect_campaign_not_exist';
    if (campaign.state === 'archived') return 'cant_add_prospect_campaign_is_archived';
    if (enrolledIn.get(prospect.id)?.has(campaign.id) || activeProspects.has(prospect.id)) return 'already_in_campaign';
    if (campaign.requiresEmail && !prospect.profile.email) return 'prospect_does_not_match_preconditions';
    writes.enrolments.push({ prospectId: prospect.id, campaignId: campaign.id });
    activeProspects.add(prospect.id);
    if (!enrolledIn.has(prospect.id)) enrolledIn.set(prospect.id, new Set());
    enrolledIn.get(prospect.id)!.add(campaign.id);
    return 'success';
  };

  const decideOne = (item: BatchItem): ItemDecision => {
    const key = identityKey(item.identity);
    const own = crm.get(key) ?? [];
    const inTarget = own.find((p) => p.listId === target);
    const original = own.find((p) => p.duplicateOf === null) ?? own[0];

    if (item.variableTooLong) {
      return {
        importCode: 'custom_variable_exceeds_1000_chars',
        prospect: inTarget ?? original ?? null,
        message: 'a customVariables value is over 1000 characters; shorten it and send the prospect again',
      };
    }
    if (inTarget) {
      merge(inTarget, item);
      return { importCode: 'duplicated_prospect', prospect: inTarget, message: 'already in this list' };
    }
    if (original) {
      // Contract §2 "Precedence": move first, then a permitted copy, else skip untouched.
      if (flags.moveDuplicatesToOtherList) {
        const from = original.listId;
        addToList(from, -1);
        addToList(target, 1);
        original.listId = target;
        if (!isCreated(original)) {
          writes.moved.add(original.id);
          writes.changed.set(original.id, original);
        }
        merge(original, item);
        return {
          importCode: 'prospect_successfully_moved_to_another_list',
          prospect: original,
          message: `moved here from list "${listName(from)}"`,
        };
      }
      if (flags.canCreateDuplicates) return create(item, key, original.duplicateOf ?? original.id);
      return {
        importCode: 'duplicated_prospect',
        prospect: original,
        message: `already in your list "${listName(original.listId)}"; send moveDuplicatesToOtherList or canCreateDuplicates to import it here`,
      };
    }
    if (snapshot.teammateIdentityKeys.has(key)) {
      // Contract §2 "Team": a teammate's prospect is never ours to move.
      if (flags.canCreateDuplicates) return create(item, key, null);
      if (flags.moveDuplicatesToOtherList) {
        return {
          importCode: 'failed_to_change_prospect_list',
          prospect: null,
          message: "this profile is in a teammate's CRM and only its owner can move it; send canCreateDuplicates to import your own copy",
        };
      }
      return { importCode: 'duplicated_prospect', prospect: null, message: "already in a teammate's CRM" };
    }
    return create(item, key, null);
  };

  const items: ItemDecision[] = [];
  for (const item of batch) {
    const decision = decideOne(item);
    if (snapshot.campaign !== undefined && decision.prospect) {
      const existed = decision.importCode === 'duplicated_prospect' || decision.importCode === 'prospect_successfully_moved_to_another_list';
      if (decision.importCode === 'success' || (existed && flags.addExistingToCampaign)) {
        decision.addToCampaignCode = enrol(decision.prospect);
      }
    }
    items.push(decision);
  }
  return { items, writes };
}
