import { funnelOf } from '../../../engine/enrolment-steps.js';
import { IdParams } from '../../../schemas/app-resources.js';
import { CampaignStats } from '../../../schemas/campaign-executors.js';
import { findCampaign } from '../../../store/campaigns.js';
import { standingCounts } from '../../../store/enrolment-steps.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';
import { campaignNotFound } from './campaigns.js';

const tags = ['API v1'];

/** /v1/campaigns/:id/stats: the funnel its executor's steps draw (docs/v1.md#executor-steps). */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/campaigns/:id/stats',
    {
      schema: {
        tags,
        summary: "A campaign's funnel: enrolled → contacted → connected → replied, with counts and rates",
        description: 'Each stage counts the enrolments that reached it or a later one, so the funnel never widens; `ended` counts ended enrolments by how they ended.',
        params: IdParams,
        response: { 200: CampaignStats, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const campaign = await findCampaign(database.db, userId, request.params.id);
      if (!campaign) throw campaignNotFound(request.params.id);
      const rows = await standingCounts(database.db, userId, campaign.id);
      const sum = (keep: (r: (typeof rows)[number]) => boolean) => rows.filter(keep).reduce((n, r) => n + r.count, 0);
      const endedBy = (outcome: string) => sum((r) => !r.active && r.outcome === outcome);
      return {
        campaignId: campaign.id,
        enrolled: sum(() => true),
        active: sum((r) => r.active),
        funnel: funnelOf(rows),
        ended: { replied: endedBy('replied'), finished: endedBy('finished'), failed: endedBy('failed'), stopped: sum((r) => !r.active && r.outcome === null) },
      };
    },
  );
};
export default route;
