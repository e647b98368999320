import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '../ids.js';
import { DEFAULT_SCOPES, storedScopes, type Scope } from '../schemas/scopes.js';
import type { Db } from './db.js';
import { runPrebuilt } from './dialect.js';
import type { ApiKeyRow } from './schema.js';
import { nowIso } from './time.js';

/** Recognisable in logs, configs and secret scanners; 192 random bits after it. */
export const KEY_PREFIX = 'ph_live_';
const KEY_PATTERN = /^ph_live_[A-Za-z0-9_-]{32}$/;
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 4;

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function looksLikeKey(secret: string): boolean {
  return KEY_PATTERN.test(secret);
}

/** Constant-time comparison of two hex digests (the row was found by its hash; this confirms it). */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface CreatedKey {
  row: ApiKeyRow;
  /** The secret, shown once and never stored. */
  secret: string;
}

/** Creates a key with the given scopes (the default: the compatible endpoints only). */
export async function createApiKey(db: Db, userId: string, name: string, scopes: readonly Scope[] = DEFAULT_SCOPES): Promise<CreatedKey> {
  const secret = KEY_PREFIX + randomBytes(24).toString('base64url');
  const row = await db
    .insertInto('api_keys')
    .values({
      id: newId(),
      user_id: userId,
      name,
      prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
      hash: hashKey(secret),
      created_at: nowIso(),
      last_used_at: null,
      revoked_at: null,
      scopes: JSON.stringify(scopes),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, secret };
}

export function listApiKeys(db: Db, userId: string): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

export function findApiKey(db: Db, keyId: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', keyId).executeTakeFirst();
}

/** Revokes a key; with userId, only that user's key (a foreign id behaves like a missing one). */
export async function revokeApiKey(db: Db, keyId: string, userId?: string): Promise<ApiKeyRow | undefined> {
  let query = db.updateTable('api_keys').set({ revoked_at: nowIso() }).where('id', '=', keyId).where('revoked_at', 'is', null);
  if (userId) query = query.where('user_id', '=', userId);
  await query.execute();
  const row = await findApiKey(db, keyId);
  return row && (!userId || row.user_id === userId) ? row : undefined;
}

export async function touchApiKey(db: Db, keyId: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', keyId).execute();
}

/** Everything a request needs to know about its caller, in one indexed look-up by key hash. */
export interface KeyPrincipal {
  keyId: string;
  keyName: string;
  keyHash: string;
  revoked: boolean;
  userId: string;
  email: string;
  planId: string;
  apiAccess: boolean;
  planPermissions: string;
  userPermissions: string | null;
  planCrmLimit: number;
  userCrmLimit: number | null;
  rateLimitPerMinute: number;
  teamId: string | null;
  teamDedup: boolean;
  scopes: Scope[];
}

const principalQuery = (db: Db, hash: string) =>
  db
    .selectFrom('api_keys as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .innerJoin('plans as p', 'p.id', 'u.plan_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select([
      'k.id as keyId',
      'k.name as keyName',
      'k.hash as keyHash',
      'k.revoked_at as revokedAt',
      'u.id as userId',
      'u.email as email',
      'p.id as planId',
      'p.api_access as apiAccess',
      'p.permissions as planPermissions',
      'u.permissions as userPermissions',
      'p.crm_limit as planCrmLimit',
      'u.crm_limit as userCrmLimit',
      'p.rate_limit_per_minute as rateLimitPerMinute',
      't.id as teamId',
      't.dedup_enabled as teamDedup',
      'k.scopes as scopes',
    ])
    .where('k.hash', '=', hash);

export async function findPrincipalByKeyHash(db: Db, hash: string): Promise<KeyPrincipal | undefined> {
  // Every API request runs it: built once (runPrebuilt), it costs only its SQL.
  const [row] = await runPrebuilt(db, 'principal-by-key-hash', principalQuery, [hash]);
  if (!row) return undefined;
  return {
    keyId: row.keyId,
    keyName: row.keyName,
    keyHash: row.keyHash,
    revoked: row.revokedAt !== null,
    userId: row.userId,
    email: row.email,
    planId: row.planId,
    apiAccess: Number(row.apiAccess) === 1,
    planPermissions: row.planPermissions,
    userPermissions: row.userPermissions,
    planCrmLimit: Number(row.planCrmLimit),
    userCrmLimit: row.userCrmLimit === null ? null : Number(row.userCrmLimit),
    rateLimitPerMinute: Number(row.rateLimitPerMinute),
    teamId: row.teamId,
    teamDedup: Number(row.teamDedup) === 1,
    scopes: storedScopes(row.scopes),
  };
}
