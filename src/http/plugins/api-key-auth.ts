import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { parseJsonArray } from '../../store/db.js';
import { findPrincipalByKeyHash, hashKey, looksLikeKey, sameHash, touchApiKey, type KeyPrincipal } from '../../store/api-keys.js';
import type { Database } from '../../store/database.js';
import { unchangedDatabaseCache } from '../../store/unchanged-database-cache.js';
import { nowIso } from '../../store/time.js';
import { ApiProblem } from '../../problems.js';
import type { Caller } from '../../services/caller.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the API-key hook on the compatible routes. */
    caller: Caller | null;
    principal: KeyPrincipal | null;
  }
  interface FastifyInstance {
    /** onRequest hook: authenticates `Authorization: Bearer <key>`. */
    requireApiKey: (request: FastifyRequest) => Promise<void>;
  }
}

// RFC 9110 §11.6.1: a 401 says how to authenticate.
const CHALLENGE = { 'www-authenticate': 'Bearer realm="prospect-hub"' };

// lastUsedAt is kept to the minute: one write a minute per key, not one per request.
const LAST_USED_RESOLUTION_MS = 60_000;

export default fp(async function apiKeyAuth(app: FastifyInstance, options: { database: Database }) {
  const { database } = options;
  const lastTouched = new Map<string, number>();
  const principalOf = unchangedDatabaseCache(database, (hash) => findPrincipalByKeyHash(database.readDb, hash));

  app.decorateRequest('caller', null);
  app.decorateRequest('principal', null);
  app.decorate('requireApiKey', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new ApiProblem('A000401-001', 'send your API key as "Authorization: Bearer <key>"', {}, CHALLENGE);
    }
    const secret = match[1];
    // Every key is read from committed data as it is now (unchangedDatabaseCache reuses a read only
    // while nothing was committed since), so a revocation holds at the next request on every instance.
    const hash = hashKey(secret);
    const principal = looksLikeKey(secret) ? await principalOf(hash) : undefined;
    if (!principal || !sameHash(principal.keyHash, hash) || principal.revoked) {
      throw new ApiProblem('A000401-002', 'this API key is unknown or has been revoked; create a new one', {}, CHALLENGE);
    }
    if (!principal.apiAccess) {
      throw new ApiProblem('A000403-001', `the ${principal.planId} plan has no API access; upgrade to use the API`);
    }
    request.principal = principal;
    request.caller = callerOf(principal);

    const now = Date.now();
    if (now - (lastTouched.get(principal.keyId) ?? 0) > LAST_USED_RESOLUTION_MS) {
      lastTouched.set(principal.keyId, now);
      touchApiKey(database.db, principal.keyId, nowIso(now)).catch((err: unknown) => request.log.warn({ err }, 'could not record key use'));
    }
  });
});

export function callerOf(principal: KeyPrincipal): Caller {
  return {
    userId: principal.userId,
    keyId: principal.keyId,
    permissions: new Set([...parseJsonArray(principal.planPermissions), ...parseJsonArray(principal.userPermissions)]),
    crmLimit: principal.userCrmLimit ?? principal.planCrmLimit,
    dedupTeamId: principal.teamId && principal.teamDedup ? principal.teamId : null,
  };
}

/** The authenticated caller of a route of the API-key or the session family. */
export function callerOfRequest(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('route is outside the API-key and session families (src/http/routes/index.ts)');
  return request.caller;
}
