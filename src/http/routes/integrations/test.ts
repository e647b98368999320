import { Type } from '@sinclair/typebox';
import type { RoutePlugin } from '../index.js';

/** GET /integrations/test: the key check clients run when a user pastes a key. */
const route: RoutePlugin = async (app) => {
  app.get(
    '/integrations/test',
    {
      schema: {
        tags: ['Compatible API'],
        summary: 'Check an API key',
        response: { 200: Type.Literal(true) },
      },
    },
    async () => true as const,
  );
};
export default route;
