import { IdParams } from '../../../schemas/app-resources.js';
import { UndoAnswer, UndoQuery } from '../../../schemas/undo.js';
import { undoImports } from '../../../services/undo-import.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const tags = ['API v1'];

/** POST /v1/activity/:id/undo: revert one import where nothing changed it since (docs/v1.md#undo-an-import). */
const route: RoutePlugin = async (app, { database, config }) => {
  app.post(
    '/v1/activity/:id/undo',
    {
      config: { scope: 'write' },
      schema: {
        tags,
        summary: 'Undo an import: remove the prospects it created, move back the ones it moved, restore the data it overwrote, remove its enrolments',
        description: `Within ${config.undoWindowDays} days of the import (UNDO_WINDOW_DAYS). What changed since is left as it is and listed in notUndone with the reason. ?dryRun=true answers the same without changing anything.`,
        params: IdParams,
        querystring: UndoQuery,
        response: { 200: UndoAnswer, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const result = await undoImports(database, callerOfRequest(request).userId, [request.params.id], {
        dryRun: request.query.dryRun ?? false,
        windowDays: config.undoWindowDays,
      });
      return { activityId: request.params.id, ...result };
    },
  );
};
export default route;
