import { PageQuery } from '../../../schemas/page.js';
import { TagPage } from '../../../schemas/tags.js';
import { pageOfTags } from '../../../store/tags.js';
import { pageFromRows, idAfterCursor } from '../../cursor.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

/** GET /v1/tags (docs/v1.md#tags-and-notes): the caller's tags in use, with exact counts. */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/tags',
    {
      schema: {
        tags: ['API v1'],
        summary: 'Your tags in use, by name (case ignored), each with how many prospects carry it',
        querystring: PageQuery,
        response: { 200: TagPage, ...problemResponses(400) },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const rows = await pageOfTags(database.db, callerOfRequest(request).userId, idAfterCursor(request.query.cursor), limit + 1);
      return pageFromRows(rows, limit, (row) => ({ id: row.id, name: row.name, prospects: row.prospects, createdAt: row.createdAt }), (row) => [row.nameKey]);
    },
  );
};
export default route;
