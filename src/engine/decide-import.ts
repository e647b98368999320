import type { AddToCampaignCode, ImportCode } from '../schemas/import.js';
import type { LinkedInIdentity } from './linkedin-url.js';
import { doNotContactRefusal, ERASED_PERSON_MESSAGE } from './do-not-contact.js';
import { cloneProfile, mergeProfile, mergeVariables, type StoredProfile, type StoredVariable } from './profile.js';

/**
 * The import engine: given a batch and a snapshot of the rows it concerns, decides every prospect's
 * codes and the writes to perform (docs/api.md). Pure: no IO, no clock, no randomness beyond the
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

/**
 * A prospect of the caller's CRM as this request sees it. decideImport works on its own copies of the
 * snapshot's prospects, so the state it returns is the state after the whole request.
 */
export interface ProspectState {
  id: string;
  listId: string;
  identity: LinkedInIdentity;
  profile: StoredProfile;
  variables: StoredVariable[];
  duplicateOf: string | null;
  /** Marked do-not-contact: never enrolled. Absent means not marked. */
  doNotContact?: boolean;
  /** When the stored row last changed (absent for a new one): the import's undo journal keeps it. */
  updatedAt?: string;
}

export interface CampaignInfo {
  id: string;
  state: 'draft' | 'running' | 'paused' | 'archived';
  requiresEmail: boolean;
  /** The webhook endpoint its enrolments are handed to, and the name they carry (docs/webhooks.md#executors); absent: none. */
  executor?: { endpointId: string; campaignName: string };
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
  /** Identity keys of the batch that the caller erased: answered profile_deleted, nothing stored. */
  erasedIdentityKeys: ReadonlySet<string>;
  /** The caller's lists marked do-not-contact (read only when a campaign is asked for). */
  doNotContactLists: ReadonlySet<string>;
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

/** What the batch has decided so far: the CRM by identity (the request's own copies), enrolments, writes. */
interface BatchState {
  readonly snapshot: CrmSnapshot;
  readonly flags: ImportFlags;
  readonly newId: () => string;
  readonly crm: Map<string, ProspectState[]>;
  readonly createdIds: Set<string>;
  readonly enrolledIn: Map<string, Set<string>>;
  readonly activeProspects: Set<string>;
  readonly writes: ImportWrites;
}

/**
 * Decides every item of the batch in order, each seeing the effect of the ones before it. The
 * snapshot is left as given: the prospects it holds are copied before any change.
 */
export function decideImport(batch: readonly BatchItem[], flags: ImportFlags, snapshot: CrmSnapshot, newId: () => string): ImportDecision {
  const state = initialState(snapshot, flags, newId);
  const items: ItemDecision[] = [];
  for (const item of batch) {
    const decision = decideItem(state, item);
    if (snapshot.campaign !== undefined && decision.prospect) {
      const existed = decision.importCode === 'duplicated_prospect' || decision.importCode === 'prospect_successfully_moved_to_another_list';
      if (decision.importCode === 'success' || (existed && flags.addExistingToCampaign)) {
        const enrolment = enrol(state, decision.prospect);
        decision.addToCampaignCode = enrolment.code;
        if (enrolment.refusal) decision.message = decision.message ? `${decision.message}; ${enrolment.refusal}` : enrolment.refusal;
      }
    }
    items.push(decision);
  }
  return { items, writes: state.writes };
}

function initialState(snapshot: CrmSnapshot, flags: ImportFlags, newId: () => string): BatchState {
  const crm = new Map<string, ProspectState[]>();
  for (const prospect of snapshot.prospects) addToCrm(crm, copyOf(prospect));
  const enrolledIn = new Map<string, Set<string>>();
  const activeProspects = new Set<string>();
  for (const e of snapshot.enrolments) {
    addEnrolment(enrolledIn, e.prospectId, e.campaignId);
    if (e.active) activeProspects.add(e.prospectId);
  }
  return {
    snapshot,
    flags,
    newId,
    crm,
    createdIds: new Set(),
    enrolledIn,
    activeProspects,
    writes: { creates: [], changed: new Map(), enrolments: [], listDeltas: new Map(), crmDelta: 0 },
  };
}

function copyOf(prospect: ProspectState): ProspectState {
  return { ...prospect, profile: cloneProfile(prospect.profile), variables: prospect.variables.map((v) => ({ ...v })) };
}

function addToCrm(crm: Map<string, ProspectState[]>, prospect: ProspectState): void {
  const key = identityKey(prospect.identity);
  const group = crm.get(key);
  if (group) group.push(prospect);
  else crm.set(key, [prospect]);
}

function addEnrolment(enrolledIn: Map<string, Set<string>>, prospectId: string, campaignId: string): void {
  const campaigns = enrolledIn.get(prospectId);
  if (campaigns) campaigns.add(campaignId);
  else enrolledIn.set(prospectId, new Set([campaignId]));
}

function addToList(state: BatchState, listId: string, delta: number): void {
  state.writes.listDeltas.set(listId, (state.writes.listDeltas.get(listId) ?? 0) + delta);
}

function listName(state: BatchState, listId: string): string {
  return state.snapshot.listNames.get(listId) ?? 'another list';
}

function decideItem(state: BatchState, item: BatchItem): ItemDecision {
  const { flags, snapshot } = state;
  const key = identityKey(item.identity);
  const own = state.crm.get(key) ?? [];
  const inTarget = own.find((p) => p.listId === snapshot.targetListId);
  const original = own.find((p) => p.duplicateOf === null) ?? own[0];

  if (snapshot.erasedIdentityKeys.has(key)) return { importCode: 'profile_deleted', prospect: null, message: ERASED_PERSON_MESSAGE };
  if (item.variableTooLong) {
    return {
      importCode: 'custom_variable_exceeds_1000_chars',
      prospect: inTarget ?? original ?? null,
      message: 'a customVariables value is over 1000 characters; shorten it and send the prospect again',
    };
  }
  if (inTarget) {
    merge(state, inTarget, item);
    return { importCode: 'duplicated_prospect', prospect: inTarget, message: 'already in this list' };
  }
  if (original) {
    // Precedence (docs/api.md): move first, then a permitted copy, else skip untouched.
    if (flags.moveDuplicatesToOtherList) return move(state, original, item);
    if (flags.canCreateDuplicates) return create(state, item, original.duplicateOf ?? original.id);
    return {
      importCode: 'duplicated_prospect',
      prospect: original,
      message: `already in your list "${listName(state, original.listId)}"; send moveDuplicatesToOtherList or canCreateDuplicates to import it here`,
    };
  }
  if (snapshot.teammateIdentityKeys.has(key)) {
    // A teammate's prospect is never ours to move (docs/api.md, teams).
    if (flags.canCreateDuplicates) return create(state, item, null);
    if (flags.moveDuplicatesToOtherList) {
      return {
        importCode: 'failed_to_change_prospect_list',
        prospect: null,
        message: "this profile is in a teammate's CRM and only its owner can move it; send canCreateDuplicates to import your own copy",
      };
    }
    return { importCode: 'duplicated_prospect', prospect: null, message: "already in a teammate's CRM" };
  }
  return create(state, item, null);
}

function create(state: BatchState, item: BatchItem, duplicateOf: string | null): ItemDecision {
  const { snapshot, writes } = state;
  if (snapshot.prospectCount + writes.crmDelta >= snapshot.crmLimit) {
    return {
      importCode: 'max_limit_crm',
      prospect: null,
      message: `your CRM is at its limit of ${snapshot.crmLimit} prospects; delete prospects or raise the plan's limit`,
    };
  }
  const prospect: ProspectState = {
    id: state.newId(),
    listId: snapshot.targetListId,
    identity: item.identity,
    profile: cloneProfile(item.profile),
    variables: item.variables.map((v) => ({ ...v })),
    duplicateOf,
  };
  writes.creates.push(prospect);
  state.createdIds.add(prospect.id);
  writes.crmDelta += 1;
  addToList(state, snapshot.targetListId, 1);
  addToCrm(state.crm, prospect);
  return { importCode: 'success', prospect, message: null };
}

function move(state: BatchState, original: ProspectState, item: BatchItem): ItemDecision {
  const from = original.listId;
  addToList(state, from, -1);
  addToList(state, state.snapshot.targetListId, 1);
  original.listId = state.snapshot.targetListId;
  if (!state.createdIds.has(original.id)) state.writes.changed.set(original.id, original);
  merge(state, original, item);
  return {
    importCode: 'prospect_successfully_moved_to_another_list',
    prospect: original,
    message: `moved here from list "${listName(state, from)}"`,
  };
}

function merge(state: BatchState, prospect: ProspectState, item: BatchItem): void {
  const profileChanged = mergeProfile(prospect.profile, item.profile, state.flags.overwriteProfile);
  const variablesChanged = mergeVariables(prospect.variables, item.variables, state.flags.overwriteProfile);
  if ((profileChanged || variablesChanged) && !state.createdIds.has(prospect.id)) state.writes.changed.set(prospect.id, prospect);
}

/** The item's campaign code, and why when it is a refusal the code alone does not explain. */
function enrol(state: BatchState, prospect: ProspectState): { code: AddToCampaignCode; refusal?: string } {
  const campaign = state.snapshot.campaign;
  if (!campaign || campaign.state === 'draft') return { code: 'cant_add_prospect_campaign_not_exist' };
  if (campaign.state === 'archived') return { code: 'cant_add_prospect_campaign_is_archived' };
  if (state.enrolledIn.get(prospect.id)?.has(campaign.id) || state.activeProspects.has(prospect.id)) return { code: 'already_in_campaign' };
  const refusal = doNotContactRefusal({ prospect: prospect.doNotContact === true, list: state.snapshot.doNotContactLists.has(prospect.listId) });
  if (refusal) return { code: 'prospect_does_not_match_preconditions', refusal };
  if (campaign.requiresEmail && !prospect.profile.email) return { code: 'prospect_does_not_match_preconditions' };
  state.writes.enrolments.push({ prospectId: prospect.id, campaignId: campaign.id });
  state.activeProspects.add(prospect.id);
  addEnrolment(state.enrolledIn, prospect.id, campaign.id);
  return { code: 'success' };
}

export interface CodeCounts {
  importCodes: Record<string, number>;
  addToCampaignCodes: Record<string, number>;
}

/** How many items got each code, as the activity feed stores them. */
export function countCodes(items: readonly ItemDecision[]): CodeCounts {
  const counts: CodeCounts = { importCodes: {}, addToCampaignCodes: {} };
  for (const item of items) {
    counts.importCodes[item.importCode] = (counts.importCodes[item.importCode] ?? 0) + 1;
    if (item.addToCampaignCode) {
      counts.addToCampaignCodes[item.addToCampaignCode] = (counts.addToCampaignCodes[item.addToCampaignCode] ?? 0) + 1;
    }
  }
  return counts;
}
