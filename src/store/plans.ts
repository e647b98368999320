import type { Db } from './db.js';
import type { PlanRow } from './schema.js';

export const PLAN_IDS = ['free', 'pro', 'advanced', 'business'] as const;

export function listPlans(db: Db): Promise<PlanRow[]> {
  return db.selectFrom('plans').selectAll().orderBy('crm_limit').execute();
}

export function findPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface PlanChanges {
  apiAccess?: boolean;
  crmLimit?: number;
  permissions?: string[];
  rateLimitPerMinute?: number;
}

export async function updatePlan(db: Db, id: string, changes: PlanChanges): Promise<PlanRow | undefined> {
  const values: Partial<PlanRow> = {};
  if (changes.apiAccess !== undefined) values.api_access = changes.apiAccess ? 1 : 0;
  if (changes.crmLimit !== undefined) values.crm_limit = changes.crmLimit;
  if (changes.permissions !== undefined) values.permissions = JSON.stringify(changes.permissions);
  if (changes.rateLimitPerMinute !== undefined) values.rate_limit_per_minute = changes.rateLimitPerMinute;
  if (Object.keys(values).length > 0) await db.updateTable('plans').set(values).where('id', '=', id).execute();
  return findPlan(db, id);
}
