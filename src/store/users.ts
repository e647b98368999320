import { newId } from '../ids.js';
import type { Db } from './db.js';
import { isPostgres, runSql } from './dialect.js';
import type { TeamRow, UserRow } from './schema.js';
import { nowIso } from './time.js';

export interface NewUser {
  email: string;
  name: string;
  planId: string;
  teamId?: string | null;
  crmLimit?: number | null;
  permissions?: string[] | null;
  passwordHash?: string | null;
}

export async function createUser(db: Db, input: NewUser): Promise<UserRow> {
  const now = nowIso();
  return db
    .insertInto('users')
    .values({
      id: newId(),
      email: normalizeEmail(input.email),
      name: input.name,
      plan_id: input.planId,
      team_id: input.teamId ?? null,
      crm_limit: input.crmLimit ?? null,
      permissions: input.permissions ? JSON.stringify(input.permissions) : null,
      password_hash: input.passwordHash ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface UserChanges {
  name?: string;
  planId?: string;
  teamId?: string | null;
  crmLimit?: number | null;
  permissions?: string[] | null;
  passwordHash?: string | null;
  language?: string;
}

export async function updateUser(db: Db, userId: string, changes: UserChanges): Promise<UserRow | undefined> {
  const values: Partial<UserRow> = {};
  if (changes.name !== undefined) values.name = changes.name;
  if (changes.planId !== undefined) values.plan_id = changes.planId;
  if (changes.teamId !== undefined) values.team_id = changes.teamId;
  if (changes.crmLimit !== undefined) values.crm_limit = changes.crmLimit;
  if (changes.permissions !== undefined) values.permissions = changes.permissions ? JSON.stringify(changes.permissions) : null;
  if (changes.passwordHash !== undefined) values.password_hash = changes.passwordHash;
  if (changes.language !== undefined) values.language = changes.language;
  await db.updateTable('users').set({ ...values, updated_at: nowIso() }).where('id', '=', userId).execute();
  return findUserById(db, userId);
}

/**
 * Takes the CRM's write lock as the first statement of an import transaction and returns the user's
 * prospect count as of the lock. On PostgreSQL a row update blocks concurrent importers of the same
 * CRM; with team deduplication the team row is the lock, since teammates' imports decide against
 * each other. On SQLite every write unit already holds the database's one write lock (its commit
 * group began with BEGIN IMMEDIATE, transaction.ts), so reading the count is enough.
 */
export async function lockCrm(db: Db, userId: string, dedupTeamId: string | null): Promise<number> {
  if (!isPostgres(db)) {
    const [row] = await runSql<{ prospect_count: number }>(db, 'select prospect_count from users where id = ?', [userId]);
    if (!row) throw new Error(`no user ${userId} to lock`);
    return Number(row.prospect_count);
  }
  if (dedupTeamId) await lockTeam(db, dedupTeamId);
  const [row] = await runSql<{ prospect_count: number | string }>(db, 'update users set lock_seq = lock_seq + 1 where id = ? returning prospect_count', [userId]);
  if (!row) throw new Error(`no user ${userId} to lock`);
  return Number(row.prospect_count);
}

/** PostgreSQL: the lock of a team whose CRMs deduplicate together, taken before any of its users' (lockCrm). */
export async function lockTeam(db: Db, teamId: string): Promise<void> {
  await runSql(db, 'update teams set lock_seq = lock_seq + 1 where id = ?', [teamId]);
}

/** The user's CRM count without locking it (a dry run reads, it does not wait for imports). */
export async function prospectCountOf(db: Db, userId: string): Promise<number> {
  const [row] = await runSql<{ prospect_count: number | string }>(db, 'select prospect_count from users where id = ?', [userId]);
  if (!row) throw new Error(`no user ${userId}`);
  return Number(row.prospect_count);
}

export async function addProspectCount(db: Db, userId: string, delta: number): Promise<void> {
  if (delta === 0) return;
  await runSql(db, 'update users set prospect_count = prospect_count + ? where id = ?', [delta, userId]);
}

export async function teammateIds(db: Db, teamId: string, exceptUserId: string): Promise<string[]> {
  const rows = await db.selectFrom('users').select('id').where('team_id', '=', teamId).where('id', '<>', exceptUserId).execute();
  return rows.map((r) => r.id);
}

export async function findOrCreateTeam(db: Db, name: string, dedupEnabled = true): Promise<TeamRow> {
  const existing = await db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst();
  if (existing) return existing;
  return db
    .insertInto('teams')
    .values({ id: newId(), name, dedup_enabled: dedupEnabled ? 1 : 0, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setTeamDedup(db: Db, teamId: string, enabled: boolean): Promise<void> {
  await db.updateTable('teams').set({ dedup_enabled: enabled ? 1 : 0 }).where('id', '=', teamId).execute();
}

/** A page of the members of `teamId`, by id, after `afterId`: the caller's own team only (the route passes it). */
export function teamMembers(db: Db, teamId: string, afterId: string | undefined, limit: number) {
  let query = db.selectFrom('users').select(['id', 'name', 'email']).where('team_id', '=', teamId);
  if (afterId !== undefined) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}
