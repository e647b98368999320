import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CampaignsAnswer, renderCampaign } from '../../../schemas/resources.js';
import { listCampaigns } from '../../../store/campaigns.js';
import type { Database } from '../../../store/database.js';
import { ProblemSchema } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';

/** GET /campaigns/getAll: the caller's running and paused campaigns only (contract §1). */
const route: FastifyPluginAsyncTypebox<{ database: Database }> = async (app, { database }) => {
  app.get(
    '/campaigns/getAll',
    {
      onRequest: app.requireApiKey,
      schema: {
        tags: ['Compatible API'],
        summary: "The caller's running and paused campaigns",
        security: [{ bearerAuth: [] }],
        response: { 200: CampaignsAnswer, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      const campaigns = await listCampaigns(database.db, callerOfRequest(request).userId, ['running', 'paused']);
      return { total: campaigns.length, campaigns: campaigns.map(renderCampaign) };
    },
  );
};
export default route;
