import { identityKey, type BatchItem, type CampaignInfo, type CrmSnapshot } from '../engine/decide-import.js';
import type { LinkedInIdentity } from '../engine/linkedin-url.js';
import { findCampaign } from './campaigns.js';
import type { Db } from './db.js';
import { isPostgres } from './dialect.js';
import { findEnrolments } from './enrolments.js';
import { erasedKeysAmong, findErasedIdentityKeys } from './erased-identities.js';
import { readForImport } from './import-read-postgres.js';
import { doNotContactLists, findList, listNames } from './lists.js';
import { findIdentitiesOwnedBy, findProspectsByIdentities, stateOfRow } from './prospects.js';
import { lockCrm, lockTeam, prospectCountOf, teammateIds } from './users.js';

/** Whose CRM an import reads: the caller, the team whose CRMs deduplicate with it, its plan's limit. */
export interface SnapshotOwner {
  userId: string;
  dedupTeamId: string | null;
  crmLimit: number;
}

/** What the import asked for, and how its reads are made. */
export interface SnapshotTarget {
  /** The list as the request names it: the import is refused when it is not one of the caller's. */
  requestedListId: string;
  campaignId: string | null;
  /** Take the CRM lock first (a real import); a dry run reads without waiting for imports. */
  lock: boolean;
  readErasureSalt: () => Promise<Buffer | null>;
}

/**
 * Locks the CRM (a real import), checks the target list, and reads everything decideImport needs to
 * know about the rows a batch concerns, inside the import's transaction: the caller's prospects
 * sharing an identity with the batch, the identities a teammate holds, the campaign asked for and its
 * enrolments, the names of the lists involved, the CRM count. Undefined when the list is not one of
 * the caller's. On PostgreSQL the lock, the list and most reads are one statement
 * (import-read-postgres.ts); the identities the caller erased cost one indexed query on SQLite
 * (erased-identities.ts).
 */
export async function readImportSnapshot(trx: Db, owner: SnapshotOwner, batch: readonly BatchItem[], target: SnapshotTarget): Promise<{ listId: string; snapshot: CrmSnapshot } | undefined> {
  const identities = batch.map((item) => item.identity);
  if (isPostgres(trx)) {
    if (target.lock && owner.dedupTeamId) await lockTeam(trx, owner.dedupTeamId);
    const reads = await readForImport(trx, owner.userId, target.requestedListId, identities, target.lock);
    if (reads.listId === undefined) return undefined;
    const prospects = reads.prospects.map(stateOfRow);
    const erasedIdentityKeys = await erasedKeysAmong(trx, owner.userId, target.readErasureSalt, identities, reads.tombstoneHashes);
    return { listId: reads.listId, snapshot: await withRest(trx, owner, identities, target, { prospects, erasedIdentityKeys, listNames: reads.listNames, prospectCount: reads.prospectCount, listId: reads.listId }) };
  }
  const lockedCount = target.lock ? await lockCrm(trx, owner.userId, owner.dedupTeamId) : null;
  const list = await findList(trx, owner.userId, target.requestedListId);
  if (!list) return undefined;
  const prospects = (await findProspectsByIdentities(trx, owner.userId, identities)).map(stateOfRow);
  const erasedIdentityKeys = await findErasedIdentityKeys(trx, owner.userId, target.readErasureSalt, identities);
  const read = {
    prospects,
    erasedIdentityKeys,
    listNames: await listNames(trx, owner.userId, [...new Set(prospects.map((p) => p.listId))]),
    prospectCount: lockedCount ?? (await prospectCountOf(trx, owner.userId)),
    listId: list.id,
  };
  return { listId: list.id, snapshot: await withRest(trx, owner, identities, target, read) };
}

/** The snapshot's reads that only some imports need: a team's identities, the campaign and its enrolments. */
async function withRest(
  trx: Db,
  owner: SnapshotOwner,
  identities: readonly LinkedInIdentity[],
  target: SnapshotTarget,
  read: Pick<CrmSnapshot, 'prospects' | 'erasedIdentityKeys' | 'listNames' | 'prospectCount'> & { listId: string },
): Promise<CrmSnapshot> {
  const { prospects } = read;
  let teammateIdentityKeys = new Set<string>();
  if (owner.dedupTeamId) {
    const teammates = await teammateIds(trx, owner.dedupTeamId, owner.userId);
    teammateIdentityKeys = new Set((await findIdentitiesOwnedBy(trx, teammates, identities)).map(identityKey));
  }
  const campaign = await campaignOf(trx, owner.userId, target.campaignId);
  const enrolments = campaign && prospects.length > 0 ? await findEnrolments(trx, prospects.map((p) => p.id), campaign.id) : [];
  return {
    targetListId: read.listId,
    prospects,
    teammateIdentityKeys,
    erasedIdentityKeys: read.erasedIdentityKeys,
    doNotContactLists: campaign ? await doNotContactLists(trx, owner.userId) : new Set(),
    listNames: read.listNames,
    prospectCount: read.prospectCount,
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
