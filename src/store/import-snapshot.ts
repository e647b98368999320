import { identityKey, type BatchItem, type CampaignInfo, type CrmSnapshot } from '../engine/decide-import.js';
import { findCampaign } from './campaigns.js';
import type { Db } from './db.js';
import { findEnrolments } from './enrolments.js';
import { findErasedIdentityKeys } from './erased-identities.js';
import { doNotContactLists, listNames } from './lists.js';
import { findIdentitiesOwnedBy, findProspectsByIdentities, stateOfRow } from './prospects.js';
import { prospectCountOf, teammateIds } from './users.js';

/** Whose CRM an import reads: the caller, the team whose CRMs deduplicate with it, its plan's limit. */
export interface SnapshotOwner {
  userId: string;
  dedupTeamId: string | null;
  crmLimit: number;
}

/**
 * Everything decideImport needs to know about the rows a batch concerns, read inside the import's
 * transaction: the caller's prospects sharing an identity with the batch, the identities a teammate
 * holds, the campaign asked for and its enrolments, the names of the lists involved, the CRM count.
 * `lockedCount` is the count lockCrm returned (a real import); null reads it (a dry run locks nothing).
 * The identities the caller erased cost one indexed query (erased-identities.ts).
 */
export async function loadImportSnapshot(
  trx: Db,
  owner: SnapshotOwner,
  batch: readonly BatchItem[],
  target: { listId: string; campaignId: string | null; lockedCount: number | null; readErasureSalt: () => Promise<Buffer | null> },
): Promise<CrmSnapshot> {
  const identities = batch.map((item) => item.identity);
  const prospects = (await findProspectsByIdentities(trx, owner.userId, identities)).map(stateOfRow);

  let teammateIdentityKeys = new Set<string>();
  if (owner.dedupTeamId) {
    const teammates = await teammateIds(trx, owner.dedupTeamId, owner.userId);
    teammateIdentityKeys = new Set((await findIdentitiesOwnedBy(trx, teammates, identities)).map(identityKey));
  }

  const erasedIdentityKeys = await findErasedIdentityKeys(trx, owner.userId, target.readErasureSalt, identities);
  const campaign = await campaignOf(trx, owner.userId, target.campaignId);
  const enrolments = campaign && prospects.length > 0 ? await findEnrolments(trx, prospects.map((p) => p.id), campaign.id) : [];
  return {
    targetListId: target.listId,
    prospects,
    teammateIdentityKeys,
    erasedIdentityKeys,
    doNotContactLists: campaign ? await doNotContactLists(trx, owner.userId) : new Set(),
    listNames: await listNames(trx, owner.userId, [...new Set(prospects.map((p) => p.listId))]),
    prospectCount: target.lockedCount ?? (await prospectCountOf(trx, owner.userId)),
    crmLimit: owner.crmLimit,
    campaign,
    enrolments,
  };
}

/** undefined: no campaign asked for; null: asked for, but not one of the caller's. */
async function campaignOf(trx: Db, userId: string, campaignId: string | null): Promise<CampaignInfo | null | undefined> {
  if (campaignId === null) return undefined;
  const row = await findCampaign(trx, userId, campaignId);
  if (!row) return null;
  const executor = row.executor_endpoint_id === null ? {} : { executor: { endpointId: row.executor_endpoint_id, campaignName: row.name } };
  return { id: row.id, state: row.state, requiresEmail: row.requires_email === 1, ...executor };
}
