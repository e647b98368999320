import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, onRequestAsyncHookHandler, onRequestHookHandler, RouteOptions } from 'fastify';
import { ApiProblem } from '../problems.js';
import type { Scope } from '../schemas/scopes.js';
import { problemResponses } from './problem-response.js';

/**
 * Who may call a route. Each family of the route table (routes/index.ts) declares one, and every
 * route registered in that family gets it here, so no route can be added without one:
 * - `apiKey`: `Authorization: Bearer <key>` with the `import` scope, and the per-key rate limits (the
 *   compatible endpoints);
 * - `sessionOrKey`: an API key holding the route's scope (with the per-key rate limits), or the web
 *   app's session cookie with the CSRF header on every change (the /v1 API: one set of handlers for
 *   integrations and the app);
 * - `public`: nobody is asked anything (health checks).
 */
export type Guard = 'public' | 'apiKey' | 'sessionOrKey';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set from the route's family: who may call it (read by the route catalog and the tests). */
    guard?: Guard;
    /** A route of the sessionOrKey family open to anybody: sign-in, and nothing else. */
    signIn?: boolean;
    /** The scope an API key needs for the route; by default `read` for GET, `write` for changes. */
    scope?: Scope;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function changes(route: RouteOptions): boolean {
  return ![route.method].flat().every((method) => SAFE_METHODS.has(method));
}

/** The scope an API key needs to call a route. */
export function scopeOf(guard: Guard, route: Pick<RouteOptions, 'method' | 'config'>): Scope | null {
  if (guard === 'public') return null;
  if (guard === 'apiKey') return 'import';
  return route.config?.scope ?? (changes(route as RouteOptions) ? 'write' : 'read');
}

function requireScope(request: FastifyRequest, scope: Scope): void {
  const held = request.principal?.scopes;
  if (held && !held.includes(scope)) {
    throw new ApiProblem('A000403-003', `this API key lacks the "${scope}" scope; create a key with it`, { scope });
  }
}

async function runHooks(app: FastifyInstance, hooks: onRequestAsyncHookHandler[], request: FastifyRequest, reply: FastifyReply): Promise<void> {
  for (const hook of hooks) await hook.call(app, request, reply);
}

/** The onRequest hooks of a guard, run before the route's own. */
function guardHooks(app: FastifyInstance, guard: Guard, scope: Scope | null): onRequestHookHandler[] {
  const limits = app.apiKeyRateLimits;
  const withKey = async (request: FastifyRequest, reply: FastifyReply) => {
    await runHooks(app, limits.beforeAuth, request, reply);
    await app.requireApiKey(request);
    await runHooks(app, limits.afterAuth, request, reply);
    if (scope) requireScope(request, scope);
  };
  if (guard === 'apiKey') return [withKey as onRequestHookHandler];
  if (guard === 'sessionOrKey') {
    // A request that names a key is judged by its key alone; otherwise by the session cookie.
    const sessionOrKey = async (request: FastifyRequest, reply: FastifyReply) =>
      request.headers.authorization === undefined ? app.requireSession(request) : withKey(request, reply);
    return [sessionOrKey as onRequestHookHandler];
  }
  return [];
}

/** What the OpenAPI document says of a guarded route: its security schemes and the problems the guard answers. */
function documentGuard(schema: FastifySchema, guard: Guard, route: RouteOptions, scope: Scope | null): void {
  if (guard === 'public') return;
  const withGuard = schema as FastifySchema & { security?: unknown; response?: Record<string, unknown>; description?: string };
  withGuard.response = { ...withGuard.response, ...problemResponses(401, 403, 429) };
  if (guard === 'apiKey') {
    withGuard.security = [{ bearerAuth: [] }];
    return;
  }
  withGuard.security = [{ bearerAuth: [] }, changes(route) ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] }];
  const needs = `An API key needs the \`${scope}\` scope.`;
  // A GET route's HEAD twin shares its schema: say it once.
  if (withGuard.description?.endsWith(needs)) return;
  withGuard.description = withGuard.description ? `${withGuard.description}\n\n${needs}` : needs;
}

/**
 * Applies `guard` to every route registered in `scope` from now on (an onRoute hook: it runs for
 * each route, its automatic HEAD twin included, before the route is built).
 */
export function guardEveryRoute(scope: FastifyInstance, guard: Guard): void {
  scope.addHook('onRoute', (route) => {
    const effective: Guard = guard === 'sessionOrKey' && route.config?.signIn === true ? 'public' : guard;
    const needed = scopeOf(effective, route);
    route.config = { ...route.config, guard: effective, ...(needed ? { scope: needed } : {}) };
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...guardHooks(scope, effective, needed), ...own] as RouteOptions['onRequest'];
    if (route.schema) documentGuard(route.schema, effective, route, needed);
  });
}
