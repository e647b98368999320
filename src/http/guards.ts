import type { FastifyInstance, FastifySchema, onRequestHookHandler, RouteOptions } from 'fastify';
import { problemResponses } from './problem-response.js';

/**
 * Who may call a route. Each family of the route table (routes/index.ts) declares one, and every
 * route registered in that family gets it here, so no route can be added without one:
 * - `apiKey`: `Authorization: Bearer <key>` and the per-key rate limits (the integration routes);
 * - `session`: the web app's session cookie, and the CSRF header on every change (the /api/ routes);
 * - `public`: nobody is asked anything (health checks).
 */
export type Guard = 'public' | 'apiKey' | 'session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set from the route's family: who may call it (read by the route catalog and the tests). */
    guard?: Guard;
    /** A session-family route open to callers without a session: sign-in, and nothing else. */
    signIn?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function changes(route: RouteOptions): boolean {
  return ![route.method].flat().every((method) => SAFE_METHODS.has(method));
}

/** The onRequest hooks of a guard, run before the route's own. */
function guardHooks(app: FastifyInstance, guard: Guard): onRequestHookHandler[] {
  if (guard === 'apiKey') {
    const limits = app.apiKeyRateLimits;
    return [...limits.beforeAuth, app.requireApiKey, ...limits.afterAuth] as onRequestHookHandler[];
  }
  if (guard === 'session') return [app.requireSession as onRequestHookHandler];
  return [];
}

/** What the OpenAPI document says of a guarded route: its security scheme and the problems the guard answers. */
function documentGuard(schema: FastifySchema, guard: Guard, route: RouteOptions): void {
  if (guard === 'public') return;
  const withGuard = schema as FastifySchema & { security?: unknown; response?: Record<string, unknown> };
  if (guard === 'apiKey') {
    withGuard.security = [{ bearerAuth: [] }];
    withGuard.response = { ...withGuard.response, ...problemResponses(401, 403, 429) };
  } else {
    withGuard.security = [changes(route) ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] }];
    withGuard.response = { ...withGuard.response, ...(changes(route) ? problemResponses(401, 403) : problemResponses(401)) };
  }
}

/**
 * Applies `guard` to every route registered in `scope` from now on (an onRoute hook: it runs for
 * each route, its automatic HEAD twin included, before the route is built).
 */
export function guardEveryRoute(scope: FastifyInstance, guard: Guard): void {
  scope.addHook('onRoute', (route) => {
    const effective: Guard = guard === 'session' && route.config?.signIn === true ? 'public' : guard;
    route.config = { ...route.config, guard: effective };
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...guardHooks(scope, effective), ...own] as RouteOptions['onRequest'];
    if (route.schema) documentGuard(route.schema, effective, route);
  });
}
