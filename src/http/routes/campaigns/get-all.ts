import { CampaignsAnswer, renderCampaign } from '../../../schemas/resources.js';
import { listCampaigns } from '../../../store/campaigns.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

/** GET /campaigns/getAll: the caller's running and paused campaigns only. */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/campaigns/getAll',
    {
      schema: {
        tags: ['Compatible API'],
        summary: "The caller's running and paused campaigns",
        response: { 200: CampaignsAnswer },
      },
    },
    async (request) => {
      const campaigns = await listCampaigns(database.db, callerOfRequest(request).userId, ['running', 'paused']);
      return { total: campaigns.length, campaigns: campaigns.map(renderCampaign) };
    },
  );
};
export default route;
