import { ApiProblem } from '../../../problems.js';
import { AppList, IdParams, ListChanges, ListDeleted, ListPage, NewListRequest, renderAppList } from '../../../schemas/app-resources.js';
import { PageQuery } from '../../../schemas/page.js';
import { deleteListWithProspects } from '../../../services/manage-prospects.js';
import { createList, findList, pageOfLists, updateList } from '../../../store/lists.js';
import { inTransaction } from '../../../store/transaction.js';
import { refuseTakenName } from '../../../services/unique-names.js';
import { idAfterCursor, pageFromRows } from '../../cursor.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import { displayNameOf, optionalDisplayNameOf } from '../../display-name.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404, 409);
const tags = ['API v1'];

function notFound(id: string): ApiProblem {
  return new ApiProblem('R000404-001', `no list "${id}" among your lists`);
}

/** /v1/lists: the caller's lists (docs/v1.md#lists). */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/lists',
    { schema: { tags, summary: 'Your lists with exact counts, oldest first', querystring: PageQuery, response: { 200: ListPage, ...errors } } },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const rows = await pageOfLists(database.db, callerOfRequest(request).userId, idAfterCursor(request.query.cursor), limit + 1);
      return pageFromRows(rows, limit, renderAppList, (row) => [row.id]);
    },
  );

  app.get('/v1/lists/:id', { schema: { tags, summary: 'One list with its exact count', params: IdParams, response: { 200: AppList, ...errors } } }, async (request) => {
    const row = await findList(database.db, callerOfRequest(request).userId, request.params.id);
    if (!row) throw notFound(request.params.id);
    return renderAppList(row);
  });

  app.post('/v1/lists', { schema: { tags, summary: 'Create a list', body: NewListRequest, response: { 201: AppList, ...errors } } }, async (request, reply) => {
    const userId = callerOfRequest(request).userId;
    const name = displayNameOf(request.body.name);
    await refuseTakenName(database.db, userId, 'list', name);
    const row = await createList(database.db, userId, { name, iconColor: request.body.iconColor, iconLabel: request.body.iconLabel });
    return reply.code(201).send(renderAppList(row));
  });

  app.patch(
    '/v1/lists/:id',
    { schema: { tags, summary: 'Rename or recolour a list', params: IdParams, body: ListChanges, response: { 200: AppList, ...errors } } },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const { name, iconColor, iconLabel } = request.body;
      const newName = optionalDisplayNameOf(name);
      const row = await inTransaction(database, async (trx) => {
        if (newName !== undefined && (await findList(trx, userId, request.params.id))) await refuseTakenName(trx, userId, 'list', newName, request.params.id);
        return updateList(trx, userId, request.params.id, { name: newName, iconColor, iconLabel });
      });
      if (!row) throw notFound(request.params.id);
      return renderAppList(row);
    },
  );

  app.delete(
    '/v1/lists/:id',
    {
      schema: {
        tags,
        summary: 'Delete a list and every prospect in it',
        description:
          "The list's prospects are deleted with it, and their enrolments; every count stays exact. A deleted prospect that was the original of copies in other lists hands over to its oldest surviving copy, so the profile stays deduplicated.",
        params: IdParams,
        response: { 200: ListDeleted, ...errors },
      },
    },
    async (request) => deleteListWithProspects(database, callerOfRequest(request).userId, request.params.id),
  );
};
export default route;
