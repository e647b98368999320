import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProspectListArray, renderList } from '../../../schemas/resources.js';
import { listLists } from '../../../store/lists.js';
import type { Database } from '../../../store/database.js';
import { ProblemSchema } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';

/** GET /prospectLists/getProspectLists: a bare array of the caller's lists (contract §1). */
const route: FastifyPluginAsyncTypebox<{ database: Database }> = async (app, { database }) => {
  app.get(
    '/prospectLists/getProspectLists',
    {
      onRequest: app.requireApiKey,
      schema: {
        tags: ['Compatible API'],
        summary: "The caller's prospect lists",
        security: [{ bearerAuth: [] }],
        response: { 200: ProspectListArray, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => (await listLists(database.db, callerOfRequest(request).userId)).map(renderList),
  );
};
export default route;
