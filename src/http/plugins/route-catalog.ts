import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface CatalogRoute {
  method: string;
  url: string;
  /** Guarded by `app.requireApiKey` (the compatible API). */
  apiKey: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after this plugin, as registered (issue 5 §6: tests enumerate it). */
    routeCatalog: CatalogRoute[];
  }
}

/**
 * Collects the route table, so the tenant-isolation and security-matrix tests can fail when a
 * route exists that they do not cover. Register it before any route.
 */
export default fp(async function routeCatalog(app: FastifyInstance) {
  const routes: CatalogRoute[] = [];
  app.decorate('routeCatalog', routes);
  app.addHook('onRoute', (route) => {
    const hooks = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    const guarded = app.hasDecorator('requireApiKey') && hooks.includes(app.requireApiKey as never);
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) routes.push({ method, url: route.url, apiKey: guarded });
  });
});
