import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { TSchema } from '@sinclair/typebox';
import type { Guard } from '../guards.js';
import type { Scope } from '../../schemas/scopes.js';

export interface CatalogRoute {
  method: string;
  url: string;
  /** The guard of the route's family (src/http/routes/index.ts); null outside the route table (docs, the web app's files). */
  guard: Guard | null;
  /** The scope an API key needs for it (src/http/guards.ts); null for public routes. */
  scope: Scope | null;
  /** The request schemas, so the tests can check that their example requests are valid ones. */
  schema: { body?: TSchema; params?: TSchema; querystring?: TSchema };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after this plugin (tests enumerate it; the web app's fallback reads it). */
    routeCatalog: CatalogRoute[];
  }
}

/**
 * Collects the route table, so the security matrix, the isolation tests and the web app's fallback
 * know every route. Register it before any route. Read when asked: a family's guard is set by an
 * onRoute hook of its own scope, which runs after this one.
 */
export default fp(async function routeCatalog(app: FastifyInstance) {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  app.decorate('routeCatalog', {
    getter: () =>
      routes.flatMap((route) =>
        [route.method].flat().map((method) => ({
          method,
          url: route.url,
          guard: route.config?.guard ?? null,
          scope: route.config?.scope ?? null,
          schema: (route.schema ?? {}) as CatalogRoute['schema'],
        })),
      ),
  });
});
