import type { preValidationAsyncHookHandler } from 'fastify';
import { ApiProblem } from '../problems.js';
import type { Static } from '@sinclair/typebox';
import type { ImportQuery } from '../schemas/import.js';

/**
 * What every route that imports a batch of prospects shares (the integration import and the app's
 * CSV import): spread into the route's options, it refuses a batch over `maxBatch` before schema
 * validation, since that refusal has its own code (V000400-002) and the client should see it rather
 * than one error per surplus prospect.
 */
export function batchImportOptions(maxBatch: number): { preValidation: preValidationAsyncHookHandler } {
  return {
    preValidation: async (request) => {
      const prospects = (request.body as { prospects?: unknown } | null)?.prospects;
      if (Array.isArray(prospects) && prospects.length > maxBatch) {
        throw new ApiProblem('V000400-002', `${prospects.length} prospects sent; at most ${maxBatch} per request`, { maxBatch });
      }
    },
  };
}

/** `?dryRun=true` (or 1): answer as if imported, write nothing. */
export function isDryRun(query: Static<typeof ImportQuery>): boolean {
  return query.dryRun === 'true' || query.dryRun === '1';
}
