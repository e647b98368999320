import { AccountAnswer, AccountChanges, languageOf } from '../../../schemas/account.js';
import { accountRow } from '../../../store/account.js';
import { parseJsonArray } from '../../../store/db.js';
import { updateUser } from '../../../store/users.js';
import { optionalDisplayNameOf } from '../../display-name.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { Database } from '../../../store/database.js';
import type { RoutePlugin } from '../index.js';

const tags = ['API v1'];

async function accountOf(database: Database, userId: string, rateLimit: AccountAnswer['rateLimit']): Promise<AccountAnswer> {
  const row = await accountRow(database.db, userId);
  // The caller was authenticated this request: the user exists.
  if (!row) throw new Error('the authenticated user has no row');
  const permissions = [...new Set([...parseJsonArray(row.planPermissions), ...parseJsonArray(row.userPermissions)])].sort();
  return {
    user: { id: row.userId, email: row.email, name: row.userName, language: languageOf(row.language) },
    plan: { id: row.planId, name: row.planName, apiAccess: Number(row.apiAccess) === 1, crmLimit: Number(row.planCrmLimit), rateLimitPerMinute: Number(row.rateLimitPerMinute) },
    permissions,
    team: row.teamId === null || row.teamName === null ? null : { id: row.teamId, name: row.teamName, dedup: Number(row.teamDedup) === 1 },
    crm: { used: Number(row.used), limit: Number(row.userCrmLimit ?? row.planCrmLimit) },
    rateLimit,
  };
}

/** /v1/account: the caller's plan, permissions, CRM usage and limit, rate-limit budget; their name and language (docs/v1.md#account). */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/account',
    { schema: { tags, summary: 'Your plan, permissions, CRM usage and limit, and rate-limit budget', response: { 200: AccountAnswer } } },
    async (request): Promise<AccountAnswer> => accountOf(database, callerOfRequest(request).userId, request.keyRateLimit),
  );

  app.patch(
    '/v1/account',
    {
      // Who you are to your team is the account's, like its keys: a key needs the admin scope.
      config: { scope: 'admin' },
      schema: { tags, summary: "Change your display name or the web app's language for you", body: AccountChanges, response: { 200: AccountAnswer, ...problemResponses(400) } },
    },
    async (request): Promise<AccountAnswer> => {
      const { userId } = callerOfRequest(request);
      const name = optionalDisplayNameOf(request.body.name);
      await updateUser(database.db, userId, { name, language: request.body.language });
      return accountOf(database, userId, request.keyRateLimit);
    },
  );
};
export default route;
