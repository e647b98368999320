import type { ProspectState } from '../engine/decide-import.js';
import type { IdentityKind, LinkedInIdentity } from '../engine/linkedin-url.js';
import type { StoredProfile, StoredVariable } from '../engine/profile.js';
import type { Db } from './db.js';
import type { NewProspectRow, ProspectRow } from './schema.js';
import { chunk } from './time.js';

const IDENTITY_COLUMNS = {
  publicIdentifier: 'public_identifier',
  memberId: 'member_id',
  salesMemberId: 'sales_member_id',
} as const satisfies Record<IdentityKind, string>;

const LOOKUP_CHUNK = 500;
// 18 columns a row: 1,000 rows stay under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const INSERT_CHUNK = 1000;

export function identityOfRow(row: Pick<ProspectRow, 'public_identifier' | 'member_id' | 'sales_member_id' | 'linkedin_url'>): LinkedInIdentity {
  if (row.public_identifier !== null) return { kind: 'publicIdentifier', value: row.public_identifier, canonicalUrl: row.linkedin_url };
  if (row.member_id !== null) return { kind: 'memberId', value: row.member_id, canonicalUrl: row.linkedin_url };
  return { kind: 'salesMemberId', value: row.sales_member_id ?? '', canonicalUrl: row.linkedin_url };
}

export function stateOfRow(row: ProspectRow): ProspectState {
  return {
    id: row.id,
    listId: row.list_id,
    identity: identityOfRow(row),
    profile: JSON.parse(row.profile) as StoredProfile,
    variables: JSON.parse(row.custom_variables) as StoredVariable[],
    duplicateOf: row.duplicate_of,
  };
}

function valuesByKind(identities: readonly LinkedInIdentity[]): Map<IdentityKind, string[]> {
  const byKind = new Map<IdentityKind, Set<string>>();
  for (const identity of identities) {
    if (!byKind.has(identity.kind)) byKind.set(identity.kind, new Set());
    byKind.get(identity.kind)!.add(identity.value);
  }
  return new Map([...byKind].map(([kind, values]) => [kind, [...values]]));
}

/**
 * The user's prospects sharing an identity with the batch: the originals through the partial unique
 * indexes, one query per identity kind, then any permitted copies of them.
 */
export async function findProspectsByIdentities(db: Db, userId: string, identities: readonly LinkedInIdentity[]): Promise<ProspectRow[]> {
  const originals: ProspectRow[] = [];
  for (const [kind, values] of valuesByKind(identities)) {
    for (const part of chunk(values, LOOKUP_CHUNK)) {
      originals.push(
        ...(await db
          .selectFrom('prospects')
          .selectAll()
          .where('user_id', '=', userId)
          .where(IDENTITY_COLUMNS[kind], 'in', part)
          .where('duplicate_of', 'is', null)
          .execute()),
      );
    }
  }
  if (originals.length === 0) return originals;
  const copies: ProspectRow[] = [];
  for (const part of chunk(originals.map((p) => p.id), LOOKUP_CHUNK)) {
    copies.push(...(await db.selectFrom('prospects').selectAll().where('duplicate_of', 'in', part).execute()));
  }
  return originals.concat(copies);
}

/** Identity values of the batch already present in any of these users' CRMs (team deduplication). */
export async function findIdentitiesOwnedBy(db: Db, userIds: readonly string[], identities: readonly LinkedInIdentity[]): Promise<LinkedInIdentity[]> {
  if (userIds.length === 0) return [];
  const found: LinkedInIdentity[] = [];
  for (const [kind, values] of valuesByKind(identities)) {
    const column = IDENTITY_COLUMNS[kind];
    for (const part of chunk(values, LOOKUP_CHUNK)) {
      const rows = await db
        .selectFrom('prospects')
        .select(['public_identifier', 'member_id', 'sales_member_id', 'linkedin_url'])
        .where('user_id', 'in', [...userIds])
        .where(column, 'in', part)
        .where('duplicate_of', 'is', null)
        .execute();
      found.push(...rows.map(identityOfRow));
    }
  }
  return found;
}

export function rowOfState(userId: string, prospect: ProspectState, origin: string, at: string): NewProspectRow {
  const { identity, profile } = prospect;
  return {
    id: prospect.id,
    user_id: userId,
    list_id: prospect.listId,
    public_identifier: identity.kind === 'publicIdentifier' ? identity.value : null,
    member_id: identity.kind === 'memberId' ? identity.value : null,
    sales_member_id: identity.kind === 'salesMemberId' ? identity.value : null,
    linkedin_url: identity.canonicalUrl,
    profile: JSON.stringify(profile),
    ...searchColumns(profile),
    custom_variables: JSON.stringify(prospect.variables),
    origin,
    duplicate_of: prospect.duplicateOf,
    created_at: at,
    updated_at: at,
  };
}

function searchColumns(profile: StoredProfile) {
  return {
    first_name: profile.firstName ?? null,
    last_name: profile.lastName ?? null,
    occupation: profile.occupation ?? null,
    email: profile.email ?? null,
    company_name: profile.company?.name ?? null,
  };
}

export async function insertProspects(db: Db, rows: readonly NewProspectRow[]): Promise<void> {
  for (const part of chunk(rows, INSERT_CHUNK)) await db.insertInto('prospects').values(part).execute();
}

/** Writes the new list and data of existing prospects that a request moved or merged into. */
export async function updateProspects(db: Db, userId: string, prospects: Iterable<ProspectState>, at: string): Promise<void> {
  for (const prospect of prospects) {
    await db
      .updateTable('prospects')
      .set({
        list_id: prospect.listId,
        profile: JSON.stringify(prospect.profile),
        ...searchColumns(prospect.profile),
        custom_variables: JSON.stringify(prospect.variables),
        updated_at: at,
      })
      .where('id', '=', prospect.id)
      .where('user_id', '=', userId)
      .execute();
  }
}

export function countProspects(db: Db, userId: string, listId?: string): Promise<number> {
  let query = db.selectFrom('prospects').select((eb) => eb.fn.countAll<number | string>().as('n')).where('user_id', '=', userId);
  if (listId) query = query.where('list_id', '=', listId);
  return query.executeTakeFirstOrThrow().then((r) => Number(r.n));
}
