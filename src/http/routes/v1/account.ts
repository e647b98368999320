import { AccountAnswer } from '../../../schemas/account.js';
import { accountRow } from '../../../store/account.js';
import { parseJsonArray } from '../../../store/db.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

/** /v1/account: the caller's plan, permissions, CRM usage and rate-limit budget (docs/v1.md#account). */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/account',
    { schema: { tags: ['API v1'], summary: 'Your plan, permissions, CRM usage and limit, and rate-limit budget', response: { 200: AccountAnswer } } },
    async (request): Promise<AccountAnswer> => {
      const row = await accountRow(database.db, callerOfRequest(request).userId);
      // The caller was authenticated this request: the user exists.
      if (!row) throw new Error('the authenticated user has no row');
      const permissions = [...new Set([...parseJsonArray(row.planPermissions), ...parseJsonArray(row.userPermissions)])].sort();
      return {
        user: { id: row.userId, email: row.email, name: row.userName },
        plan: { id: row.planId, name: row.planName, apiAccess: Number(row.apiAccess) === 1, crmLimit: Number(row.planCrmLimit), rateLimitPerMinute: Number(row.rateLimitPerMinute) },
        permissions,
        team: row.teamId === null || row.teamName === null ? null : { id: row.teamId, name: row.teamName, dedup: Number(row.teamDedup) === 1 },
        crm: { used: Number(row.used), limit: Number(row.userCrmLimit ?? row.planCrmLimit) },
        rateLimit: request.keyRateLimit,
      };
    },
  );
};
export default route;
