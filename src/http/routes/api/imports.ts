import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CSV_ORIGIN } from '../../../engine/app-origin.js';
import { ApiProblem } from '../../../problems.js';
import { AppImportRequest } from '../../../schemas/app-prospects.js';
import { ImportAnswer, ImportQuery, ImportRequest } from '../../../schemas/import.js';
import { importProspects } from '../../../services/import-prospects.js';
import type { Database } from '../../../store/database.js';
import { sendReplay } from '../../idempotent-import.js';
import { ProblemSchema } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import { stripUnknownFields } from '../../unknown-fields.js';

/**
 * POST /api/imports: the web app's CSV import, one chunk (≤ maxBatch prospects) per request. The very
 * same use case as the public API, with the session's caller (keyId null), so the rules, codes and
 * activity feed are identical; only the feed label says "CSV".
 */
const route: FastifyPluginAsyncTypebox<{ database: Database; maxBatch: number }> = async (app, { database, maxBatch }) => {
  app.post(
    '/api/imports',
    {
      onRequest: app.requireSession,
      preValidation: async (request) => {
        const prospects = (request.body as { prospects?: unknown } | null)?.prospects;
        if (Array.isArray(prospects) && prospects.length > maxBatch) {
          throw new ApiProblem('V000400-002', `${prospects.length} prospects sent; at most ${maxBatch} per request`, { maxBatch });
        }
      },
      schema: {
        tags: ['App API'],
        summary: 'Import a chunk of a CSV file (same options and answer as the public import; ?dryRun=true previews)',
        querystring: ImportQuery,
        body: AppImportRequest,
        response: { 200: ImportAnswer, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 413: ProblemSchema },
      },
    },
    async (request, reply) => {
      const warnings = stripUnknownFields(AppImportRequest, request.body);
      const body = { ...request.body, origin: { name: CSV_ORIGIN } } satisfies ImportRequest;
      const outcome = await importProspects(database, callerOfRequest(request), body, {
        dryRun: request.query.dryRun === 'true' || request.query.dryRun === '1',
        integrationOrigin: null,
        warnings,
        originLabel: CSV_ORIGIN,
      });
      return outcome.kind === 'imported' ? outcome.answer : sendReplay(reply, outcome);
    },
  );
};
export default route;
