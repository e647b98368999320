import { prepared } from './postgres-prepared.js';
import { CompiledQuery } from 'kysely';
import type { IdentityKind, LinkedInIdentity } from '../engine/linkedin-url.js';
import type { Db } from './db.js';
import { TOMBSTONES_READ_WHOLE } from './erased-identities.js';
import type { ProspectRow } from './schema.js';

/**
 * PostgreSQL: what an import reads before it decides, in ONE statement (one round trip instead of
 * five, bench/notes.md): the CRM lock, the target list, the caller's prospects sharing an identity
 * with the batch (originals, then their copies), the names of their lists, the caller's tombstones
 * and the CRM count. The same reads as lockCrm, findList, findProspectsByIdentities,
 * findErasedIdentityKeys and listNames make one by one on SQLite.
 *
 * The lock is taken inside the statement, whose reads all see the snapshot it started with. Had
 * it waited for another writer of the CRM, that snapshot misses the writer's work: every writer
 * bumps users.lock_seq (lockCrm), so a lock_seq that moved by more than our own bump between the
 * snapshot and the lock means the reads are run again, now under the lock, with a fresh snapshot.
 */

export interface ImportReads {
  /** The target list when it is one of the caller's lists, else undefined. */
  listId: string | undefined;
  prospectCount: number;
  /** Originals by identity kind in the batch's order of kinds, then their permitted copies. */
  prospects: ProspectRow[];
  /** The caller's tombstone hashes, up to TOMBSTONES_READ_WHOLE + 1 of them. */
  tombstoneHashes: string[];
  listNames: Map<string, string>;
}

const KINDS: readonly (readonly [IdentityKind, string])[] = [
  ['publicIdentifier', 'public_identifier'],
  ['memberId', 'member_id'],
  ['salesMemberId', 'sales_member_id'],
];

// $1 user id, $2 list id, $3… one array of identity values per kind (KINDS order, empty when none).
// The LIMIT 1 lateral probe is the plan of findProspectsByIdentities (prospects.ts).
function readText(lock: boolean): string {
  const originals = KINDS.map(
    ([kind, column], i) =>
      `select '${kind}' as identity_kind, v.n as identity_n, p.* from unnest($${i + 3}::text[]) with ordinality as v(value, n) cross join lateral (select * from prospects where user_id = $1 and ${column} is not null and duplicate_of is null and ${column} = v.value limit 1) p`,
  ).join('\n    union all\n    ');
  return `with ${lock ? 'locked as (update users set lock_seq = lock_seq + 1 where id = $1 returning lock_seq, prospect_count),\n  ' : ''}originals as (
    ${originals}),
  copies as (select * from prospects where duplicate_of in (select id from originals))
  select ${lock ? '(select lock_seq from locked) as locked_seq, (select prospect_count from locked) as locked_count' : 'null as locked_seq, null as locked_count'},
    u.lock_seq as seen_seq, u.prospect_count,
    (select id from prospect_lists where id = $2 and user_id = $1) as list_id,
    (select json_agg(o order by o.identity_kind, o.identity_n) from originals o) as originals,
    (select json_agg(c) from copies c) as copies,
    (select json_agg(t.hash) from (select hash from erased_identities where user_id = $1 limit ${TOMBSTONES_READ_WHOLE + 1}) t) as tombstones,
    (select json_object_agg(l.id, l.name) from prospect_lists l where l.user_id = $1 and l.id in (select list_id from originals union select list_id from copies)) as list_names
  from users u where u.id = $1`;
}

// Its result is the listed JSON columns, whatever the tables' columns.
const LOCK_AND_READ = prepared(readText(true), { starsOnlyInside: true });
const READ = prepared(readText(false), { starsOnlyInside: true });

interface ReadRow {
  locked_seq: number | null;
  locked_count: number | null;
  seen_seq: number;
  prospect_count: number;
  list_id: string | null;
  originals: (ProspectRow & { identity_kind: IdentityKind })[] | null;
  copies: ProspectRow[] | null;
  tombstones: string[] | null;
  list_names: Record<string, string> | null;
}

/**
 * The import's reads; with `lock`, the CRM lock first (the team's lock, when the team deduplicates,
 * is the caller's to take before: teams are locked before users everywhere).
 */
export async function readForImport(trx: Db, userId: string, listId: string, identities: readonly LinkedInIdentity[], lock: boolean): Promise<ImportReads> {
  const kindOrder: IdentityKind[] = [];
  const valuesOf = new Map<IdentityKind, Set<string>>();
  for (const identity of identities) {
    let values = valuesOf.get(identity.kind);
    if (!values) {
      values = new Set();
      valuesOf.set(identity.kind, values);
      kindOrder.push(identity.kind);
    }
    values.add(identity.value);
  }
  const parameters = [userId, listId, ...KINDS.map(([kind]) => [...(valuesOf.get(kind) ?? [])])];
  let row = await readRow(trx, lock ? LOCK_AND_READ : READ, parameters, userId);
  // Another writer of the CRM committed between our snapshot and our lock: read again, under the lock.
  if (lock && Number(row.locked_seq) !== Number(row.seen_seq) + 1) row = await readRow(trx, READ, parameters, userId);
  const originals = row.originals ?? [];
  const prospects: ProspectRow[] = [];
  for (const kind of kindOrder) for (const p of originals) if (p.identity_kind === kind) prospects.push(p);
  if (row.copies) prospects.push(...row.copies);
  return {
    listId: row.list_id ?? undefined,
    prospectCount: Number(row.locked_count ?? row.prospect_count),
    prospects,
    tombstoneHashes: row.tombstones ?? [],
    listNames: new Map(Object.entries(row.list_names ?? {})),
  };
}

async function readRow(trx: Db, text: string, parameters: unknown[], userId: string): Promise<ReadRow> {
  const { rows } = await trx.executeQuery<ReadRow>(CompiledQuery.raw(text, parameters));
  const row = rows[0];
  if (!row || (text === LOCK_AND_READ && row.locked_seq === null)) throw new Error(`no user ${userId} to lock`);
  return row;
}
