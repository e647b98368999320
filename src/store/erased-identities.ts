import { createHmac, randomBytes } from 'node:crypto';
import type { LinkedInIdentity } from '../engine/linkedin-url.js';
import type { Database } from './database.js';
import type { Db } from './db.js';
import { runSql, valueSetParameter, valueSetSql } from './dialect.js';

/**
 * Tombstones of erased people (docs/v1.md#privacy-erasure-do-not-contact-access): per user, the
 * HMAC-SHA256 of each identity under a random salt of the installation. The salt lives in the
 * database, so every instance and every restart hashes alike; without it a hash says nothing about
 * who was erased (an unsalted hash of a LinkedIn slug is one dictionary look-up away).
 */

const SALT_SETTING = 'erasure_salt';

/** The salt never changes once made, so each database's is read once per process. */
const salts = new WeakMap<Database, Buffer>();

/** The installation's salt, or null while nobody was ever erased (then no tombstone exists either). */
export async function readErasureSalt(trx: Db, database: Database): Promise<Buffer | null> {
  const cached = salts.get(database);
  if (cached) return cached;
  const [row] = await runSql<{ value: string }>(trx, 'select value from installation_settings where name = ?', [SALT_SETTING]);
  if (!row) return null;
  const salt = Buffer.from(row.value, 'hex');
  salts.set(database, salt);
  return salt;
}

/** The installation's salt, made on first need; two instances making it at once agree on the first. */
export async function ensureErasureSalt(trx: Db, database: Database): Promise<Buffer> {
  const existing = await readErasureSalt(trx, database);
  if (existing) return existing;
  await trx
    .insertInto('installation_settings')
    .values({ name: SALT_SETTING, value: randomBytes(32).toString('hex'), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const salt = await readErasureSalt(trx, database);
  if (!salt) throw new Error('the erasure salt was neither found nor made');
  return salt;
}

export function tombstoneHash(salt: Buffer, identity: Pick<LinkedInIdentity, 'kind' | 'value'>): string {
  return createHmac('sha256', salt).update(`${identity.kind}:${identity.value}`).digest('hex');
}

/** Up to this many tombstones of a user are read whole and compared in memory; more are looked up by hash. */
export const TOMBSTONES_READ_WHOLE = 1000;

/**
 * Which of these identities (by "kind:value" key) the user erased, in one indexed query for almost
 * every request: the user's tombstones are read first, so a user who never erased anyone (nearly
 * all) costs neither a salt nor a hash per prospect. Only a user holding over TOMBSTONES_READ_WHOLE tombstones
 * pays a second query, by hash.
 */
export async function findErasedIdentityKeys(trx: Db, userId: string, readSalt: () => Promise<Buffer | null>, identities: readonly LinkedInIdentity[]): Promise<Set<string>> {
  if (identities.length === 0) return new Set();
  const hashes = (await runSql<{ hash: string }>(trx, `select hash from erased_identities where user_id = ? limit ${TOMBSTONES_READ_WHOLE + 1}`, [userId])).map((r) => r.hash);
  return erasedKeysAmong(trx, userId, readSalt, identities, hashes);
}

/**
 * The second half of findErasedIdentityKeys, for a caller that read the user's first
 * TOMBSTONES_READ_WHOLE + 1 tombstone hashes itself (PostgreSQL's one-statement import read).
 */
export async function erasedKeysAmong(
  trx: Db,
  userId: string,
  readSalt: () => Promise<Buffer | null>,
  identities: readonly LinkedInIdentity[],
  firstHashes: readonly string[],
): Promise<Set<string>> {
  const erased = new Set<string>();
  let hashes = firstHashes;
  if (identities.length === 0 || hashes.length === 0) return erased;
  const salt = await readSalt();
  if (!salt) throw new Error('tombstones exist but the erasure salt does not');
  const keyOfHash = new Map<string, string>();
  for (const identity of identities) keyOfHash.set(tombstoneHash(salt, identity), `${identity.kind}:${identity.value}`);
  if (hashes.length > TOMBSTONES_READ_WHOLE) {
    const rows = await runSql<{ hash: string }>(trx, `select hash from erased_identities where user_id = ? and hash in ${valueSetSql(trx)}`, [
      userId,
      valueSetParameter(trx, [...keyOfHash.keys()]),
    ]);
    hashes = rows.map((r) => r.hash);
  }
  for (const hash of hashes) {
    const key = keyOfHash.get(hash);
    if (key !== undefined) erased.add(key);
  }
  return erased;
}

/** Writes the tombstones of these identities (an existing one stays); answers how many the user now holds of them. */
export async function insertTombstones(trx: Db, userId: string, salt: Buffer, identities: readonly LinkedInIdentity[], at: string): Promise<number> {
  const hashes = [...new Set(identities.map((identity) => tombstoneHash(salt, identity)))];
  for (const hash of hashes) {
    await trx.insertInto('erased_identities').values({ user_id: userId, hash, created_at: at }).onConflict((oc) => oc.columns(['user_id', 'hash']).doNothing()).execute();
  }
  return hashes.length;
}
