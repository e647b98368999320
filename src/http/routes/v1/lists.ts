import { Type } from '@sinclair/typebox';
import { ApiProblem } from '../../../problems.js';
import { AppList, IdParams, ListChanges, ListDeleted, NewListRequest, renderAppList } from '../../../schemas/app-resources.js';
import { deleteListWithProspects } from '../../../services/manage-prospects.js';
import { createList, findList, listLists } from '../../../store/lists.js';
import { nowIso } from '../../../store/time.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404);

/** /v1/lists: the signed-in user's lists. */
const route: RoutePlugin = async (app, { database }) => {
  app.get('/v1/lists', { schema: { tags: ['API v1'], summary: 'Your lists with exact counts', response: { 200: Type.Array(AppList), ...errors } } }, async (request) =>
    (await listLists(database.db, callerOfRequest(request).userId)).map(renderAppList),
  );

  app.post('/v1/lists', { schema: { tags: ['API v1'], summary: 'Create a list', body: NewListRequest, response: { 201: AppList, ...errors } } }, async (request, reply) => {
    const row = await createList(database.db, callerOfRequest(request).userId, { name: request.body.name.trim(), iconColor: request.body.iconColor, iconLabel: request.body.iconLabel });
    return reply.code(201).send(renderAppList(row));
  });

  app.patch(
    '/v1/lists/:id',
    { schema: { tags: ['API v1'], summary: 'Rename or recolour a list', params: IdParams, body: ListChanges, response: { 200: AppList, ...errors } } },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const { name, iconColor, iconLabel } = request.body;
      const changes = {
        ...(name !== undefined ? { name: name.trim() } : {}),
        ...(iconColor !== undefined ? { icon_color: iconColor } : {}),
        ...(iconLabel !== undefined ? { icon_label: iconLabel } : {}),
      };
      await database.db.updateTable('prospect_lists').set({ ...changes, updated_at: nowIso() }).where('id', '=', request.params.id).where('user_id', '=', userId).execute();
      const row = await findList(database.db, userId, request.params.id);
      if (!row) throw new ApiProblem('R000404-001', `no list "${request.params.id}" among your lists`);
      return renderAppList(row);
    },
  );

  app.delete(
    '/v1/lists/:id',
    {
      schema: {
        tags: ['API v1'],
        summary: 'Delete a list and every prospect in it (their enrolments too; a deleted original hands over to a surviving copy)',
        params: IdParams,
        response: { 200: ListDeleted, ...errors },
      },
    },
    async (request) => deleteListWithProspects(database, callerOfRequest(request).userId, request.params.id),
  );
};
export default route;
