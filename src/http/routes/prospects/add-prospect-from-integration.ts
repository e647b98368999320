import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiProblem } from '../../../problems.js';
import { ImportAnswer, ImportQuery, ImportRequest } from '../../../schemas/import.js';
import { importProspects } from '../../../services/import-prospects.js';
import type { Database } from '../../../store/database.js';
import { problemOrigin, ProblemSchema } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import { stripUnknownFields } from '../../unknown-fields.js';
import { readIdempotencyKey, requestHash, sendReplay } from '../../idempotent-import.js';

/** POST /prospects/addProspectFromIntegration: the import (docs/api.md). */
const route: FastifyPluginAsyncTypebox<{ database: Database; maxBatch: number; idempotencyTtlHours?: number }> = async (
  app,
  { database, maxBatch, idempotencyTtlHours = 24 },
) => {
  app.post(
    '/prospects/addProspectFromIntegration',
    {
      onRequest: app.requireApiKey,
      // The batch limit has its own code (V000400-002), so it is checked before schema validation.
      preValidation: async (request) => {
        const prospects = (request.body as { prospects?: unknown } | null)?.prospects;
        if (Array.isArray(prospects) && prospects.length > maxBatch) {
          throw new ApiProblem('V000400-002', `${prospects.length} prospects sent; at most ${maxBatch} per request`, { maxBatch });
        }
      },
      schema: {
        tags: ['Compatible API'],
        summary: 'Import prospects into a list, optionally enrolling them in a campaign',
        description: `One result per prospect, in request order. At most ${maxBatch} prospects per request.`,
        security: [{ bearerAuth: [] }],
        querystring: ImportQuery,
        body: ImportRequest,
        response: {
          200: ImportAnswer,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
          422: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const caller = callerOfRequest(request);
      const dryRun = request.query.dryRun === 'true' || request.query.dryRun === '1';
      // Idempotency-Key: hashed over the body as sent, before unknown fields are stripped.
      const idempotencyKey = readIdempotencyKey(request);
      const hash = idempotencyKey === undefined ? '' : requestHash(idempotencyKey, caller.userId, request.body, dryRun);
      const warnings = stripUnknownFields(ImportRequest, request.body);
      const integrationOrigin = request.headers['x-req-integration-origin'];
      const outcome = await importProspects(database, caller, request.body, {
        dryRun,
        integrationOrigin: typeof integrationOrigin === 'string' ? integrationOrigin.trim().slice(0, 64) || null : null,
        warnings,
        idempotency: idempotencyKey === undefined ? undefined : { key: idempotencyKey, requestHash: hash, ttlHours: idempotencyTtlHours, origin: problemOrigin(request) },
      });
      return outcome.kind === 'imported' ? outcome.answer : sendReplay(reply, outcome);
    },
  );
};
export default route;
