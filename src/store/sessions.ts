import type { Db } from './db.js';
import { nowIso } from './time.js';

export interface SessionPrincipal {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  language: string;
  expiresAt: string;
  planPermissions: string;
  userPermissions: string | null;
  planCrmLimit: number;
  userCrmLimit: number | null;
  teamId: string | null;
  teamDedup: number | null;
}

/** Stores a session under the SHA-256 of its token (never the token itself). */
export async function createSession(db: Db, tokenHash: string, userId: string, expiresAt: string): Promise<void> {
  await db.insertInto('sessions').values({ id: tokenHash, user_id: userId, created_at: nowIso(), expires_at: expiresAt }).execute();
}

/** The live session with this token hash and what its user may do, or undefined when unknown or expired. */
export async function findSession(db: Db, tokenHash: string, now: string = nowIso()): Promise<SessionPrincipal | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('plans as p', 'p.id', 'u.plan_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select([
      's.id as sessionId',
      'u.id as userId',
      'u.email as email',
      'u.name as name',
      'u.language as language',
      's.expires_at as expiresAt',
      'p.permissions as planPermissions',
      'u.permissions as userPermissions',
      'p.crm_limit as planCrmLimit',
      'u.crm_limit as userCrmLimit',
      't.id as teamId',
      't.dedup_enabled as teamDedup',
    ])
    .where('s.id', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  return row;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', tokenHash).execute();
}

/** Ends every session of the user but the one with `keepTokenHash` (after a password change); answers how many. */
export async function deleteOtherSessions(db: Db, userId: string, keepTokenHash: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '<>', keepTokenHash).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Drops expired sessions (called now and then at sign-in; nothing depends on it for correctness). */
export async function deleteExpiredSessions(db: Db, now: string = nowIso()): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
