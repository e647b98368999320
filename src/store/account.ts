import type { Db } from './db.js';

/** A user with their plan and team, in one look-up. */
export function accountRow(db: Db, userId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('plans as p', 'p.id', 'u.plan_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select([
      'u.id as userId',
      'u.email as email',
      'u.name as userName',
      'u.language as language',
      'u.permissions as userPermissions',
      'u.crm_limit as userCrmLimit',
      'u.prospect_count as used',
      'p.id as planId',
      'p.name as planName',
      'p.api_access as apiAccess',
      'p.crm_limit as planCrmLimit',
      'p.permissions as planPermissions',
      'p.rate_limit_per_minute as rateLimitPerMinute',
      't.id as teamId',
      't.name as teamName',
      't.dedup_enabled as teamDedup',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
