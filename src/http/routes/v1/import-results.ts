import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { IdParams } from '../../../schemas/app-resources.js';
import { ImportJobResultPage, ImportJobResultQuery, type ImportJobResult } from '../../../schemas/import-jobs.js';
import { failedRowsCsv } from '../../../services/import-jobs/failed-rows.js';
import { FAILED_IMPORT_CODES } from '../../../services/import-jobs/run-chunk.js';
import { findJob, listResults } from '../../../store/import-jobs.js';
import { positionAfterCursor, pageFromRows } from '../../cursor.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';
import { jobView, ownJob } from './imports.js';

const tags = ['API v1'];
const TERMINAL = new Set(['completed', 'completed_with_errors', 'failed', 'canceled', 'reverted']);
const KEEP_ALIVE_MS = 15_000;

/** An import job's results, its failed-rows file and its progress stream (docs/v1.md#import-jobs). */
const route: RoutePlugin = async (app, { database, config }) => {
  app.get(
    '/v1/imports/:id/results',
    {
      schema: {
        tags,
        summary: "A job's result per input row, in row order (?importCode= and ?failed= filter)",
        params: IdParams,
        querystring: ImportJobResultQuery,
        response: { 200: ImportJobResultPage, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const job = await ownJob(database, request.params.id, callerOfRequest(request).userId);
      const limit = request.query.limit ?? 50;
      const { importCodes, exceptCodes } = codesOf(request.query);
      const afterRow = positionAfterCursor(request.query.cursor);
      // A code that is not a failure, asked among the failures: no row, and no `in ()` for the database.
      const rows = importCodes?.length === 0 ? [] : await listResults(database.db, job.id, { afterRow, importCodes, exceptCodes, limit: limit + 1 });
      return pageFromRows(
        rows,
        limit,
        (row): ImportJobResult => ({ row: Number(row.row_number), url: row.url, importCode: row.import_code, addToCampaignCode: row.campaign_code, prospectId: row.prospect_id, message: row.message }),
        (row) => [Number(row.row_number)],
      );
    },
  );

  app.get(
    '/v1/imports/:id/failed-rows.csv',
    {
      schema: {
        tags,
        summary: "The rows that were not imported, in the input's columns plus `error`: fix them and upload the file again",
        params: IdParams,
        response: { 200: { content: { 'text/csv': { schema: Type.String({ examples: ['LinkedIn URL,First name,error\nhttps://example.com/x,Ann,not a LinkedIn profile URL: …\n'] }) } } }, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const job = await ownJob(database, request.params.id, callerOfRequest(request).userId);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="import-${job.id}-failed-rows.csv"`);
      return reply.send(Readable.from(failedRowsCsv(database, job)) as never);
    },
  );

  app.get(
    '/v1/imports/:id/events',
    {
      schema: {
        tags,
        summary: "A job's progress as server-sent events: `progress` with the job at each change, `end` with the job as it ended",
        params: IdParams,
        response: {
          200: { content: { 'text/event-stream': { schema: Type.String({ examples: ['event: progress\ndata: {"id":"6b08edc0829f97ef98603990","state":"running","rows":{"done":1000,"total":5000,"failed":0}}\n\n'] }) } } },
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const userId = callerOfRequest(request).userId;
      const job = await ownJob(database, request.params.id, userId);
      const pollMs = Math.min(config.importPollMs, 1000);
      async function* events(): AsyncGenerator<string> {
        let last = '';
        let quietSince = Date.now();
        for (let row = job; ; ) {
          if (row.updated_at !== last) {
            last = row.updated_at;
            quietSince = Date.now();
            const ended = TERMINAL.has(row.state);
            yield `event: ${ended ? 'end' : 'progress'}\ndata: ${JSON.stringify(await jobView(database, row))}\n\n`;
            if (ended) return;
          } else if (Date.now() - quietSince > KEEP_ALIVE_MS) {
            quietSince = Date.now();
            yield ': still here\n\n';
          }
          await new Promise((resolve) => setTimeout(resolve, pollMs));
          const next = await findJob(database.db, userId, job.id);
          if (!next) return;
          row = next;
        }
      }
      reply.type('text/event-stream').header('cache-control', 'no-cache').header('x-accel-buffering', 'no');
      return reply.send(Readable.from(events()) as never);
    },
  );
};
export default route;

/** The importCodes a results query asks for: `failed` narrows to the failed-rows file's codes, or leaves them out. */
function codesOf({ importCode, failed }: ImportJobResultQuery): { importCodes?: string[]; exceptCodes?: string[] } {
  const asked = importCode === undefined ? undefined : [importCode];
  if (failed === true) return { importCodes: (asked ?? [...FAILED_IMPORT_CODES]).filter((code) => FAILED_IMPORT_CODES.has(code)) };
  if (failed === false) return { importCodes: asked, exceptCodes: [...FAILED_IMPORT_CODES] };
  return { importCodes: asked };
}
