import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { ApiProblem } from '../../problems.js';
import type { Caller } from '../../services/caller.js';
import type { Database } from '../../store/database.js';
import { parseJsonArray } from '../../store/db.js';
import { findSession, type SessionPrincipal } from '../../store/sessions.js';

/**
 * Session authentication of the web app's JSON API (the session family of src/http/routes/index.ts).
 *
 * - The cookie carries a random 256-bit token; the database keeps only its SHA-256, so a leaked
 *   database backup signs nobody in. HttpOnly (no script reads it), SameSite=Lax, Secure when the
 *   request came over TLS (directly, or X-Forwarded-Proto with TRUST_PROXY) or SESSION_COOKIE_SECURE.
 * - CSRF: every state-changing /v1/ request must carry `x-csrf-token`, an HMAC of the session token.
 *   A page on another site can neither read it (same-origin policy on /v1/session) nor set a custom
 *   header without a CORS preflight we never grant. It is stateless: nothing more to store or expire.
 *   Sign-in itself has no session yet; it only takes application/json, which a cross-site form cannot
 *   send without that same preflight.
 */
export const SESSION_COOKIE = 'ph_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionPrincipal | null;
  }
  interface FastifyInstance {
    /** onRequest hook of the session family's guard (src/http/guards.ts): a live session, and the CSRF token on every change. */
    requireSession: (request: FastifyRequest) => Promise<void>;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function csrfTokenFor(token: string): string {
  return createHmac('sha256', token).update('prospect-hub csrf v1').digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export default fp(async function sessionAuth(app: FastifyInstance, options: { database: Database; config: Config }) {
  const { database } = options;
  await app.register(cookie);
  app.decorateRequest('session', null);
  app.decorate('requireSession', async (request: FastifyRequest) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await findSession(database.db, hashToken(token)) : undefined;
    if (!token || !session) throw new ApiProblem('A000401-003', 'sign in to use the app, or send an API key as "Authorization: Bearer <key>"');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameText(sent, csrfTokenFor(token))) {
        throw new ApiProblem('A000403-002', `send the ${CSRF_HEADER} header given by GET /v1/session with every change`);
      }
    }
    request.session = session;
    request.caller = sessionCaller(session);
  });
});

/** The same Caller an API key gives, with keyId null: imports from the app follow the API's rules. */
export function sessionCaller(session: SessionPrincipal): Caller {
  return {
    userId: session.userId,
    keyId: null,
    permissions: new Set([...parseJsonArray(session.planPermissions), ...parseJsonArray(session.userPermissions)]),
    crmLimit: session.userCrmLimit ?? Number(session.planCrmLimit),
    dedupTeamId: session.teamId && Number(session.teamDedup) === 1 ? session.teamId : null,
  };
}

/** The signed-in person of a request; a caller with an API key has none (the routes of the session itself). */
export function sessionOf(request: FastifyRequest): SessionPrincipal {
  if (!request.session) throw new ApiProblem('A000401-003', "this needs the web app's session: sign in at POST /v1/session (an API key has no session)");
  return request.session;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, config: Config, token: string, expires: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.sessionCookieSecure || request.protocol === 'https',
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
