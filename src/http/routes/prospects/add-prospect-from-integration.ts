import { ImportAnswer, ImportQuery, ImportRequest } from '../../../schemas/import.js';
import { importProspects, type ImportTransactionHooks } from '../../../services/import-prospects.js';
import { batchImportOptions, isDryRun } from '../../batch-import.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import { stripUnknownFields } from '../../unknown-fields.js';
import { readIdempotencyKey, requestHash, sendIdempotentImport } from '../../idempotent-import.js';
import type { RoutePlugin } from '../index.js';

/** POST /prospects/addProspectFromIntegration: the import. */
const route: RoutePlugin = async (app, { database, config }) => {
  const { maxBatch, idempotencyTtlHours } = config;
  app.post(
    '/prospects/addProspectFromIntegration',
    {
      ...batchImportOptions(maxBatch),
      schema: {
        tags: ['Compatible API'],
        summary: 'Import prospects into a list, optionally enrolling them in a campaign',
        description: `One result per prospect, in request order. At most ${maxBatch} prospects per request.`,
        querystring: ImportQuery,
        body: ImportRequest,
        response: { 200: ImportAnswer, ...problemResponses(400, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const caller = callerOfRequest(request);
      const dryRun = isDryRun(request.query);
      // Idempotency-Key (src/http/idempotent-import.ts): hashed over the body as sent, before unknown fields are stripped.
      const idempotencyKey = readIdempotencyKey(request);
      const hash = idempotencyKey === undefined ? '' : requestHash(idempotencyKey, caller.userId, request.body, dryRun);
      const warnings = stripUnknownFields(ImportRequest, request.body);
      const integrationOrigin = request.headers['x-req-integration-origin'];
      const run = (transactionHooks?: ImportTransactionHooks) =>
        importProspects(database, caller, request.body, {
          dryRun,
          integrationOrigin: typeof integrationOrigin === 'string' ? integrationOrigin.trim().slice(0, 64) || null : null,
          warnings,
          transactionHooks,
        });
      if (idempotencyKey === undefined) return run();
      const context = { database, ttlHours: idempotencyTtlHours, userId: caller.userId, key: idempotencyKey, requestHash: hash };
      return sendIdempotentImport(request, reply, context, run);
    },
  );
};
export default route;
