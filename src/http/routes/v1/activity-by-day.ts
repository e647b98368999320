import { ImportsByDay, ImportsByDayQuery } from '../../../schemas/app-activity.js';
import { importsByDay } from '../../../store/import-stats.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const DAY_MS = 86_400_000;

/** GET /v1/activity/by-day: imports per UTC day and origin, for the app's dashboard chart (docs/v1.md#activity). */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/activity/by-day',
    { schema: { tags: ['API v1'], summary: 'Imports per day and origin over the last days', querystring: ImportsByDayQuery, response: { 200: ImportsByDay, ...problemResponses(400) } } },
    async (request): Promise<ImportsByDay> => {
      const days = request.query.days ?? 30;
      const today = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.parse(`${today}T00:00:00.000Z`) - (days - 1) * DAY_MS).toISOString();
      const data = await importsByDay(database.db, callerOfRequest(request).userId, from);
      return { from: from.slice(0, 10), to: today, data };
    },
  );
};
export default route;
