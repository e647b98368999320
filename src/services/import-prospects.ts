import { decideImport, identityKey, type BatchItem, type CrmSnapshot, type ImportDecision, type ItemDecision, type ProspectState } from '../engine/decide-import.js';
import { parseLinkedInUrl } from '../engine/linkedin-url.js';
import { checkOriginName, originLabel } from '../engine/origin.js';
import { normalizeProfile, normalizeVariables } from '../engine/profile.js';
import { newId } from '../ids.js';
import { ApiProblem, validationProblem } from '../problems.js';
import { CUSTOM_VARIABLE_MAX, type ImportAnswer, type ImportRequest, type ImportResultItem, type Warning } from '../schemas/import.js';
import { insertActivityEvent } from '../store/activity.js';
import { findCampaign } from '../store/campaigns.js';
import type { Database } from '../store/database.js';
import type { Db } from '../store/db.js';
import { findEnrolments, insertEnrolments } from '../store/enrolments.js';
import { adjustListCounts, findList, listNames } from '../store/lists.js';
import { findIdentitiesOwnedBy, findProspectsByIdentities, insertProspects, stateOfRow, updateProspects } from '../store/prospects.js';
import { nowIso } from '../store/time.js';
import { inTransaction } from '../store/transaction.js';
import { addProspectCount, lockCrm, teammateIds } from '../store/users.js';
import { PERMISSION_IMPORT_DUPLICATES, type Caller } from './caller.js';

export interface ImportOptions {
  dryRun: boolean;
  /** The x-req-integration-origin header, recorded on the activity event. */
  integrationOrigin: string | null;
  /** Unknown fields found (and dropped) while reading the request. */
  warnings: Warning[];
  /** The feed's label when it is not derived from the origin (the web app's CSV import shows "CSV"). */
  originLabel?: string;
  /** Extra work inside the import's own transaction (Idempotency-Key claim and answer, issue 5). */
  transactionHooks?: ImportTransactionHooks;
}

/**
 * Runs inside the import transaction, so whatever they write commits or rolls back with the import:
 * a crash can never leave an import committed without its stored Idempotency-Key answer.
 */
export interface ImportTransactionHooks {
  /** First statement of the transaction (before any lock or read). May throw to abort. */
  begin?(trx: Db): Promise<void>;
  /** Last statement, with the answer about to be returned. */
  end?(trx: Db, answer: ImportAnswer): Promise<void>;
}

/**
 * The import use case (contract §1–§3): checks the whole request first, then decides and writes
 * the batch in one transaction with a handful of set-based queries, never one per prospect.
 */
export async function importProspects(database: Database, caller: Caller, request: ImportRequest, options: ImportOptions): Promise<ImportAnswer> {
  const origin = checkOriginName(request.origin.name);
  if (!origin.ok) throw validationProblem([{ path: '/origin/name', message: origin.reason }]);
  const batch = readBatch(request);
  if (request.canCreateDuplicates && !caller.permissions.has(PERMISSION_IMPORT_DUPLICATES)) {
    throw new ApiProblem('M000401-001', 'canCreateDuplicates needs the import_duplicates permission, which your plan does not include');
  }
  const campaignId = request.campaignId?.trim() || null;
  const flags = {
    canCreateDuplicates: request.canCreateDuplicates ?? false,
    moveDuplicatesToOtherList: request.moveDuplicatesToOtherList ?? false,
    overwriteProfile: request.shouldOverwriteCustomProfileData ?? false,
    // Either name asks for it: the n8n node sends the alias, other clients the original.
    addExistingToCampaign: request.addExistingProspectInCampaign === true || request.addDuplicateProspectsToCampaign === true,
  };

  const run = async (trx: Db): Promise<ImportAnswer> => {
    await options.transactionHooks?.begin?.(trx);
    const prospectCount = options.dryRun ? null : await lockCrm(trx, caller.userId, caller.dedupTeamId);
    const list = await findList(trx, caller.userId, request.prospectListId);
    if (!list) throw new ApiProblem('R000404-002', `no prospect list "${request.prospectListId}" among your lists`);
    const snapshot = await loadSnapshot(trx, caller, batch, list.id, campaignId, prospectCount);
    const decision = decideImport(batch, flags, snapshot, newId);
    const activityId = options.dryRun ? null : await writeDecision(trx, caller, decision, { origin: origin.name, listId: list.id, campaignId, request, options });
    const answer: ImportAnswer = { result: decision.items.map(renderItem), warnings: options.warnings, dryRun: options.dryRun, activityId };
    await options.transactionHooks?.end?.(trx, answer);
    return answer;
  };
  // Imports of one CRM wait for its lock anyway: they may share a commit.
  const commitGroup = caller.dedupTeamId ? `team:${caller.dedupTeamId}` : `user:${caller.userId}`;
  return options.dryRun ? database.db.transaction().execute(run) : inTransaction(database, run, { commitGroup });
}

/** Parses every URL and reads every prospect; any bad URL refuses the whole request (R000401-003). */
function readBatch(request: ImportRequest): BatchItem[] {
  const invalidUrls: { index: number; url: string; reason: string }[] = [];
  const batch: BatchItem[] = [];
  request.prospects.forEach((prospect, index) => {
    const parsed = parseLinkedInUrl(prospect.url);
    if (!parsed.ok) {
      invalidUrls.push({ index, url: prospect.url, reason: parsed.reason });
      return;
    }
    const variables = normalizeVariables(prospect.customVariables);
    batch.push({
      identity: parsed.identity,
      profile: normalizeProfile(prospect.customProfile),
      variables,
      variableTooLong: (prospect.customVariables ?? []).some((v) => v.value != null && characterCount(v.value) > CUSTOM_VARIABLE_MAX),
    });
  });
  if (invalidUrls.length > 0) {
    const detail = `${invalidUrls.length} of ${request.prospects.length} urls are not LinkedIn profile URLs; nothing was imported`;
    throw new ApiProblem('R000401-003', detail, {
      invalidUrls,
      errors: invalidUrls.map((u) => ({ path: `/prospects/${u.index}/url`, message: u.reason })),
    });
  }
  return batch;
}

/**
 * Characters as a person (and JSON Schema's maxLength) counts them: code points, so an emoji is one,
 * not two UTF-16 units (contract §1: "each value at most 1000 characters").
 */
function characterCount(text: string): number {
  // At most one code point per UTF-16 unit: short strings need no walk.
  if (text.length <= CUSTOM_VARIABLE_MAX) return text.length;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

async function loadSnapshot(
  trx: Db,
  caller: Caller,
  batch: readonly BatchItem[],
  targetListId: string,
  campaignId: string | null,
  lockedCount: number | null,
): Promise<CrmSnapshot> {
  const identities = batch.map((item) => item.identity);
  const prospects = (await findProspectsByIdentities(trx, caller.userId, identities)).map(stateOfRow);

  let teammateIdentityKeys = new Set<string>();
  if (caller.dedupTeamId) {
    const teammates = await teammateIds(trx, caller.dedupTeamId, caller.userId);
    teammateIdentityKeys = new Set((await findIdentitiesOwnedBy(trx, teammates, identities)).map(identityKey));
  }

  const campaignRow = campaignId ? await findCampaign(trx, caller.userId, campaignId) : undefined;
  const campaign = campaignId === null ? undefined : campaignRow ? { id: campaignRow.id, state: campaignRow.state, requiresEmail: campaignRow.requires_email === 1 } : null;
  const enrolments = campaign && prospects.length > 0 ? await findEnrolments(trx, prospects.map((p) => p.id), campaign.id) : [];

  const prospectCount = lockedCount ?? (await trx.selectFrom('users').select('prospect_count').where('id', '=', caller.userId).executeTakeFirstOrThrow()).prospect_count;
  return {
    targetListId,
    prospects,
    teammateIdentityKeys,
    listNames: await listNames(trx, caller.userId, [...new Set(prospects.map((p) => p.listId))]),
    prospectCount: Number(prospectCount),
    crmLimit: caller.crmLimit,
    campaign,
    enrolments,
  };
}

interface WriteContext {
  origin: string;
  listId: string;
  campaignId: string | null;
  request: ImportRequest;
  options: ImportOptions;
}

async function writeDecision(trx: Db, caller: Caller, decision: ImportDecision, context: WriteContext): Promise<string> {
  const { writes, items } = decision;
  const at = nowIso();
  if (writes.creates.length > 0) {
    await insertProspects(trx, caller.userId, writes.creates, context.origin, at);
  }
  if (writes.changed.size > 0) await updateProspects(trx, caller.userId, writes.changed.values(), at);
  await adjustListCounts(trx, writes.listDeltas, at);
  await addProspectCount(trx, caller.userId, writes.crmDelta);
  if (writes.enrolments.length > 0) await insertEnrolments(trx, caller.userId, writes.enrolments, at);

  const activityId = newId();
  await insertActivityEvent(trx, {
    id: activityId,
    user_id: caller.userId,
    api_key_id: caller.keyId,
    origin: context.origin,
    origin_label: context.options.originLabel ?? originLabel(context.origin),
    integration_origin: context.options.integrationOrigin,
    list_id: context.listId,
    campaign_id: context.campaignId,
    prospect_count: items.length,
    counts: JSON.stringify(countCodes(items)),
    outcomes: JSON.stringify(
      items.map((item, index) => ({
        url: context.request.prospects[index]?.url,
        importCode: item.importCode,
        addToCampaignCode: item.addToCampaignCode ?? null,
        prospectId: item.prospect?.id ?? null,
        message: item.message,
      })),
    ),
    created_at: at,
  });
  return activityId;
}

export interface CodeCounts {
  importCodes: Record<string, number>;
  addToCampaignCodes: Record<string, number>;
}

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

export function renderProspect(prospect: ProspectState): NonNullable<ImportResultItem['prospect']> {
  const { identity, profile } = prospect;
  // Built field by field in the answer schema's order (no spread of the stored profile): this runs
  // for every prospect of the answer. Absent optional fields stay undefined and are not serialised.
  return {
    _id: prospect.id,
    listId: prospect.listId,
    profile: {
      firstName: profile.firstName ?? null,
      lastName: profile.lastName ?? null,
      publicIdentifier: identity.kind === 'publicIdentifier' ? identity.value : null,
      memberId: identity.kind === 'memberId' ? identity.value : null,
      salesMemberId: identity.kind === 'salesMemberId' ? identity.value : null,
      linkedinUrl: identity.canonicalUrl,
      occupation: profile.occupation,
      email: profile.email,
      region: profile.region,
      phoneNumbers: profile.phoneNumbers,
      birthday: profile.birthday,
      company: profile.company,
    },
    customVariables: prospect.variables,
  };
}

function renderItem(item: ItemDecision): ImportResultItem {
  const rendered: ImportResultItem = {
    importCode: item.importCode,
    prospect: item.prospect ? renderProspect(item.prospect) : null,
    message: item.message,
  };
  if (item.addToCampaignCode) rendered.addToCampaignCode = item.addToCampaignCode;
  return rendered;
}
