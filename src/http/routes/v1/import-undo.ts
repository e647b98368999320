import { ApiProblem } from '../../../problems.js';
import { IdParams } from '../../../schemas/app-resources.js';
import { JobUndoAnswer, UndoQuery } from '../../../schemas/undo.js';
import { optionsOf } from '../../../services/import-jobs/job-options.js';
import { undoImports } from '../../../services/undo-import.js';
import { jobActivityIds, markJobReverted } from '../../../store/import-jobs.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';
import { ownJob } from './imports.js';

const tags = ['API v1'];
const ENDED = new Set(['completed', 'completed_with_errors', 'failed', 'canceled']);

/**
 * POST /v1/imports/:id/undo: an import job's undo is the undo of every import request its chunks
 * wrote, as one, newest first; the job becomes `reverted` in the same transaction
 * (docs/v1.md#import-jobs, docs/v1.md#undo-an-import).
 */
const route: RoutePlugin = async (app, { database, config }) => {
  app.post(
    '/v1/imports/:id/undo',
    {
      config: { scope: 'write' },
      schema: {
        tags,
        summary: 'Undo an import job: every chunk it committed, where nothing changed since',
        description: `Within ${config.undoWindowDays} days of the job's imports (UNDO_WINDOW_DAYS). A job still queued or running answers 409 R000409-001 (cancel it first); an undone one 409 R000409-020. ?dryRun=true answers the same without changing anything.`,
        params: IdParams,
        querystring: UndoQuery,
        response: { 200: JobUndoAnswer, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const job = await ownJob(database, request.params.id, userId);
      if (job.state === 'reverted') throw new ApiProblem('R000409-020', `the import job "${job.id}" was already undone`);
      if (!ENDED.has(job.state)) {
        throw new ApiProblem('R000409-001', `the import job is ${job.state === 'staging' ? 'queued' : job.state}: cancel it, or let it end, before undoing it`, { state: job.state });
      }
      if (optionsOf(job).dryRun) throw new ApiProblem('R000409-001', 'the import job was a dry run: it changed nothing to undo', { state: job.state });
      const dryRun = request.query.dryRun ?? false;
      const activityIds = (await jobActivityIds(database.db, [job.id])).get(job.id) ?? [];
      const result = await undoImports(database, userId, activityIds, { dryRun, windowDays: config.undoWindowDays }, async (trx, at) => {
        // A concurrent undo of the same job marks it first: this one then changes nothing.
        if (!dryRun && !(await markJobReverted(trx, userId, job.id, at))) throw new ApiProblem('R000409-020', `the import job "${job.id}" was already undone`);
      });
      return { jobId: job.id, ...result };
    },
  );
};
export default route;
