import type { Db } from '../../store/db.js';
import { parseJsonArray } from '../../store/db.js';
import { jobUserRow } from '../../store/import-jobs.js';
import type { Caller } from '../caller.js';

/**
 * The caller a job acts as: its user with the plan, permissions and team as they are now (as a
 * request made now would be judged), and the key that created the job. Also the CLI's caller.
 */
export async function jobCaller(db: Db, userId: string, keyId: string | null): Promise<Caller> {
  const user = await jobUserRow(db, userId);
  if (!user) throw new Error(`no user ${userId}`);
  return {
    userId: user.userId,
    keyId,
    permissions: new Set([...parseJsonArray(user.planPermissions), ...parseJsonArray(user.userPermissions)]),
    crmLimit: user.userCrmLimit ?? Number(user.planCrmLimit),
    dedupTeamId: user.teamId && Number(user.teamDedup) === 1 ? user.teamId : null,
  };
}
