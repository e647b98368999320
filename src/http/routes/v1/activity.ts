import { ApiProblem } from '../../../problems.js';
import { ActivityDetail, ActivityPage, ActivityQuery, type ActivityItem } from '../../../schemas/app-activity.js';
import { IdParams } from '../../../schemas/app-resources.js';
import { activityWithNames } from '../../../store/app-activity.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404);
const PAGE = 50;

type Row = Awaited<ReturnType<typeof activityWithNames>>[number];

function renderItem(row: Row): ActivityItem {
  return {
    id: row.id,
    createdAt: row.created_at,
    origin: row.origin,
    originLabel: row.origin_label,
    integrationOrigin: row.integration_origin,
    keyName: row.key_name,
    list: row.list_name === null ? null : { id: row.list_id, name: row.list_name },
    campaign: row.campaign_id && row.campaign_name !== null ? { id: row.campaign_id, name: row.campaign_name } : null,
    prospectCount: Number(row.prospect_count),
    counts: JSON.parse(row.counts) as ActivityItem['counts'],
  };
}

/** /v1/activity: every import, newest first, and one import's per-prospect outcomes. */
const route: RoutePlugin = async (app, { database }) => {
  app.get('/v1/activity', { schema: { tags: ['API v1'], summary: 'The activity feed, newest first', querystring: ActivityQuery, response: { 200: ActivityPage, ...errors } } }, async (request) => {
    const rows = await activityWithNames(database.db, callerOfRequest(request).userId, { beforeId: request.query.before, limit: PAGE + 1 });
    const page = rows.slice(0, PAGE);
    return { items: page.map(renderItem), nextBefore: rows.length > PAGE ? (page.at(-1)?.id ?? null) : null };
  });

  app.get('/v1/activity/:id', { schema: { tags: ['API v1'], summary: 'One import with its per-prospect outcomes', params: IdParams, response: { 200: ActivityDetail, ...errors } } }, async (request) => {
    const [row] = await activityWithNames(database.db, callerOfRequest(request).userId, { eventId: request.params.id, limit: 1 });
    if (!row) throw new ApiProblem('R000404-001', `no import "${request.params.id}" in your activity`);
    const outcomes = (JSON.parse(row.outcomes) as Record<string, unknown>[]).map((o) => ({
      url: typeof o.url === 'string' ? o.url : null,
      importCode: String(o.importCode),
      addToCampaignCode: typeof o.addToCampaignCode === 'string' ? o.addToCampaignCode : null,
      prospectId: typeof o.prospectId === 'string' ? o.prospectId : null,
      message: typeof o.message === 'string' ? o.message : null,
    }));
    return { ...renderItem(row), outcomes };
  });
};
export default route;
