import type { ProspectState } from '../engine/decide-import.js';
import type { IdentityKind, LinkedInIdentity } from '../engine/linkedin-url.js';
import type { StoredProfile, StoredVariable } from '../engine/profile.js';
import type { Db } from './db.js';
import { insertRows, isPostgres, runSql, updateRows, valueSet, valueSetParameter, valueSetSql, type ColumnList } from './dialect.js';
import { searchTextOf } from './prospect-search.js';
import type { ProspectRow } from './schema.js';

export const IDENTITY_COLUMNS = {
  publicIdentifier: 'public_identifier',
  memberId: 'member_id',
  salesMemberId: 'sales_member_id',
} as const satisfies Record<IdentityKind, string>;


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
    doNotContact: Number(row.do_not_contact) === 1,
    updatedAt: row.updated_at,
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
 * "<column> is not null" leaves one partial index that can serve the look-up (migration 004). On
 * PostgreSQL the LIMIT keeps the lateral subquery from being flattened into a join, so the plan is
 * one index probe per value even before the first ANALYZE of a growing table, when the planner
 * otherwise read the whole CRM into a hash.
 */
function originalsQuery(db: Db, column: string): { text: string; valuesFirst: boolean } {
  const match = `user_id = ? and ${column} is not null and duplicate_of is null`;
  return isPostgres(db)
    ? { text: `select p.* from unnest(?::text[]) as v(value) cross join lateral (select * from prospects where ${match} and ${column} = v.value limit 1) p`, valuesFirst: true }
    : { text: `select * from prospects where ${match} and ${column} in ${valueSetSql(db)}`, valuesFirst: false };
}

/**
 * The user's prospects sharing an identity with the batch: the originals through the partial unique
 * indexes, one query per identity kind, then any permitted copies of them.
 */
export async function findProspectsByIdentities(db: Db, userId: string, identities: readonly LinkedInIdentity[]): Promise<ProspectRow[]> {
  let originals: ProspectRow[] = [];
  for (const [kind, values] of valuesByKind(identities)) {
    const query = originalsQuery(db, IDENTITY_COLUMNS[kind]);
    const valueSet = valueSetParameter(db, values);
    const rows = await runSql<ProspectRow>(db, query.text, query.valuesFirst ? [valueSet, userId] : [userId, valueSet]);
    originals = originals.length === 0 ? rows : originals.concat(rows);
  }
  if (originals.length === 0) return originals;
  const originalIds = valueSetParameter(db, originals.map((p) => p.id));
  const copies = await runSql<ProspectRow>(db, `select * from prospects where duplicate_of in ${valueSetSql(db)}`, [originalIds]);
  return copies.length === 0 ? originals : originals.concat(copies);
}

/** Identity values of the batch already present in any of these users' CRMs (team deduplication). */
export async function findIdentitiesOwnedBy(db: Db, userIds: readonly string[], identities: readonly LinkedInIdentity[]): Promise<LinkedInIdentity[]> {
  if (userIds.length === 0) return [];
  const found: LinkedInIdentity[] = [];
  for (const [kind, values] of valuesByKind(identities)) {
    const rows = await db
      .selectFrom('prospects')
      .select(['public_identifier', 'member_id', 'sales_member_id', 'linkedin_url'])
      .where('user_id', 'in', [...userIds])
      .where(IDENTITY_COLUMNS[kind], 'in', valueSet(db, values))
      .where(IDENTITY_COLUMNS[kind], 'is not', null)
      .where('duplicate_of', 'is', null)
      .execute();
    for (const row of rows) found.push(identityOfRow(row));
  }
  return found;
}

/** The stored profile and the columns copied out of it for search and sorting, in profileValues order. */
const PROFILE_COLUMNS: ColumnList<'prospects'> = [
  ['profile', 'text'],
  ['first_name', 'text'],
  ['last_name', 'text'],
  ['occupation', 'text'],
  ['email', 'text'],
  ['company_name', 'text'],
  ['search_text', 'text'],
];

function profileValues({ profile, identity }: Pick<ProspectState, 'profile' | 'identity'>): unknown[] {
  const search = searchTextOf({
    firstName: profile.firstName,
    lastName: profile.lastName,
    company: profile.company?.name,
    publicIdentifier: identity.kind === 'publicIdentifier' ? identity.value : null,
    linkedinUrl: identity.canonicalUrl,
  });
  return [JSON.stringify(profile), profile.firstName ?? null, profile.lastName ?? null, profile.occupation ?? null, profile.email ?? null, profile.company?.name ?? null, search];
}

export const PROSPECT_COLUMNS: ColumnList<'prospects'> = [
  ['id', 'text'],
  ['user_id', 'text'],
  ['list_id', 'text'],
  ['public_identifier', 'text'],
  ['member_id', 'text'],
  ['sales_member_id', 'text'],
  ['linkedin_url', 'text'],
  ...PROFILE_COLUMNS,
  ['custom_variables', 'text'],
  ['origin', 'text'],
  ['duplicate_of', 'text'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
];

/** A new prospect's row, as values in PROSPECT_COLUMNS order. */
export function rowOfState(userId: string, prospect: ProspectState, origin: string, at: string): unknown[] {
  const { identity } = prospect;
  return [
    prospect.id,
    userId,
    prospect.listId,
    identity.kind === 'publicIdentifier' ? identity.value : null,
    identity.kind === 'memberId' ? identity.value : null,
    identity.kind === 'salesMemberId' ? identity.value : null,
    identity.canonicalUrl,
    ...profileValues(prospect),
    prospect.variables.length === 0 ? '[]' : JSON.stringify(prospect.variables),
    origin,
    prospect.duplicateOf,
    at,
    at,
  ];
}

/** Inserts new prospects (one transaction per request, passed in as db: docs/api.md#atomicity-and-concurrency). */
export async function insertProspects(db: Db, userId: string, prospects: readonly ProspectState[], origin: string, at: string): Promise<void> {
  await insertRows(db, 'prospects', PROSPECT_COLUMNS, prospects.map((p) => rowOfState(userId, p, origin, at)));
}

/** What an import changes of an existing prospect, the key first (updateRows). */
export const CHANGED_COLUMNS: ColumnList<'prospects'> = [['id', 'text'], ['list_id', 'text'], ...PROFILE_COLUMNS, ['custom_variables', 'text'], ['updated_at', 'text']];

/** The rows updateProspects writes, as values in CHANGED_COLUMNS order. */
export function changedRowsOf(prospects: Iterable<ProspectState>, at: string): unknown[][] {
  const rows: unknown[][] = [];
  for (const prospect of prospects) rows.push([prospect.id, prospect.listId, ...profileValues(prospect), JSON.stringify(prospect.variables), at]);
  return rows;
}

/** Writes the new list and data of existing prospects that a request moved or merged into, in one statement. */
export async function updateProspects(db: Db, userId: string, prospects: Iterable<ProspectState>, at: string): Promise<void> {
  await updateRows(db, 'prospects', CHANGED_COLUMNS, ['user_id', userId], changedRowsOf(prospects, at));
}
