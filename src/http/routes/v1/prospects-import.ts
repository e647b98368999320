import { CSV_ORIGIN } from '../../../engine/app-origin.js';
import { AppImportRequest } from '../../../schemas/app-prospects.js';
import { ImportAnswer, ImportQuery, ImportRequest } from '../../../schemas/import.js';
import { importProspects } from '../../../services/import-prospects.js';
import { readTagNames } from '../../../services/prospect-tags.js';
import { batchImportOptions, isDryRun } from '../../batch-import.js';
import { sendReplay } from '../../idempotent-import.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import { stripUnknownFields } from '../../unknown-fields.js';
import type { RoutePlugin } from '../index.js';

/**
 * POST /v1/prospects/import: the web app's CSV import, one chunk (≤ maxBatch prospects) per request. The very
 * same use case as the compatible endpoint, with the caller of the session or the key, so the rules,
 * codes and activity feed are identical; only the feed label says "CSV".
 */
const route: RoutePlugin = async (app, { database, config }) => {
  app.post(
    '/v1/prospects/import',
    {
      config: { scope: 'import' },
      ...batchImportOptions(config.maxBatch),
      schema: {
        tags: ['API v1'],
        summary: 'Import a chunk of a CSV file (same options and answer as the public import, plus tags; ?dryRun=true previews)',
        querystring: ImportQuery,
        body: AppImportRequest,
        response: { 200: ImportAnswer, ...problemResponses(400, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const warnings = stripUnknownFields(AppImportRequest, request.body);
      const { tags, ...fields } = request.body;
      const body = { ...fields, origin: { name: CSV_ORIGIN } } satisfies ImportRequest;
      const outcome = await importProspects(database, callerOfRequest(request), body, {
        dryRun: isDryRun(request.query),
        integrationOrigin: null,
        warnings,
        originLabel: CSV_ORIGIN,
        tags: readTagNames(tags ?? [], '/tags'),
      });
      return outcome.kind === 'imported' ? outcome.answer : sendReplay(reply, outcome);
    },
  );
};
export default route;
