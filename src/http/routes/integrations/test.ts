import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemSchema } from '../../problem-response.js';

/** GET /integrations/test: the key check clients run when a user pastes a key (contract §1). */
const route: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/integrations/test',
    {
      onRequest: app.requireApiKey,
      schema: {
        tags: ['Compatible API'],
        summary: 'Check an API key',
        security: [{ bearerAuth: [] }],
        response: { 200: Type.Literal(true), 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async () => true as const,
  );
};
export default route;
