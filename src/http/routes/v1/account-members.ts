import { PageQuery } from '../../../schemas/page.js';
import { TeamMemberPage } from '../../../schemas/account.js';
import { accountRow } from '../../../store/account.js';
import { teamMembers } from '../../../store/users.js';
import { idAfterCursor, pageFromRows } from '../../cursor.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

/** GET /v1/account/members: the members of your team, you included, by id; empty without a team (docs/v1.md#account). */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/account/members',
    { schema: { tags: ['API v1'], summary: 'The members of your team (empty without a team)', querystring: PageQuery, response: { 200: TeamMemberPage, ...problemResponses(400) } } },
    async (request): Promise<TeamMemberPage> => {
      const { userId } = callerOfRequest(request);
      const account = await accountRow(database.db, userId);
      const limit = request.query.limit ?? 50;
      const afterId = idAfterCursor(request.query.cursor);
      if (!account?.teamId) return { data: [], nextCursor: null };
      const rows = await teamMembers(database.db, account.teamId, afterId, limit + 1);
      return pageFromRows(rows, limit, (row) => ({ id: row.id, name: row.name, email: row.email, you: row.id === userId }), (row) => [row.id]);
    },
  );
};
export default route;
