import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { ApiProblem } from '../../problems.js';

const WINDOW_MS = 60_000;

type Limiter = (request: FastifyRequest, options?: { increment?: boolean }) => Promise<LimitState>;
interface LimitState {
  isAllowed: boolean;
  max?: number;
  remaining?: number;
  ttlInSeconds?: number;
  isExceeded?: boolean;
}

/** A key's budget after this request counted against it (GET /v1/account shows it). */
export interface KeyRateLimit {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the per-key limit; null for a session, or with RATE_LIMIT=off. */
    keyRateLimit: KeyRateLimit | null;
  }
  interface FastifyInstance {
    /** The per-key limit hooks the API-key guard wraps around `requireApiKey` (src/http/guards.ts); empty with RATE_LIMIT=off. */
    apiKeyRateLimits: { beforeAuth: onRequestAsyncHookHandler[]; afterAuth: onRequestAsyncHookHandler[] };
  }
}

/**
 * Rate limits, on @fastify/rate-limit, in memory or in Redis when REDIS_URL is set (so
 * every instance shares one budget):
 * - per API key, after authentication, at the plan's `rate_limit_per_minute`: part of the API-key
 *   guard (src/http/guards.ts), so every route of that family has it;
 * - per client IP for failed authentications (401), so unauthenticated traffic cannot hammer the key
 *   look-up: once an IP used its budget, its requests answer 429 until the window ends.
 * Headers follow draft-ietf-httpapi-ratelimit-headers (RateLimit-Limit/-Remaining/-Reset) plus
 * Retry-After on 429. A Redis outage fails open (logged), never a 5xx.
 */
export default fp(async function rateLimits(app: FastifyInstance, options: { config: Config }) {
  const { config } = options;
  app.decorateRequest('keyRateLimit', null);
  if (!config.rateLimit) {
    app.decorate('apiKeyRateLimits', { beforeAuth: [], afterAuth: [] });
    return;
  }

  // Loaded only when used: ioredis alone adds ~20 MB to the resident memory of every process.
  const redis = config.redisUrl
    ? new (await import('ioredis')).Redis(config.redisUrl, { connectTimeout: 2_000, maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false })
    : undefined;
  redis?.on('error', (err: unknown) => app.log.warn({ err }, 'rate-limit redis error'));
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));

  await app.register(rateLimit, {
    global: false,
    enableDraftSpec: true,
    skipOnError: true,
    timeWindow: WINDOW_MS,
    ...(redis ? { redis, nameSpace: config.redisKeyPrefix } : {}),
    errorResponseBuilder: (_request, context) =>
      new ApiProblem('L000429-001', `rate limit of ${context.max} requests per minute reached; retry in ${context.after}`, { limit: context.max }),
  });

  const create = (app as unknown as { createRateLimit(o: object): Limiter }).createRateLimit;
  const perKey: Limiter = create({
    keyGenerator: (request: FastifyRequest) => `key:${request.principal?.keyId ?? 'none'}`,
    max: (request: FastifyRequest) => request.principal?.rateLimitPerMinute ?? 60,
  });
  const failedAuthPerIp: Limiter = create({
    keyGenerator: (request: FastifyRequest) => `ip:${request.ip}`,
    max: config.rateLimitUnauthenticatedPerMinute,
  });

  const limitKey: onRequestAsyncHookHandler = async (request, reply) => {
    const state = await perKey(request);
    if (state.max !== undefined) request.keyRateLimit = { limit: state.max, remaining: state.remaining ?? 0, resetSeconds: state.ttlInSeconds ?? 0 };
    setHeaders(reply, state);
    if (state.isExceeded) throw tooMany(reply, state);
  };
  const limitIp: onRequestAsyncHookHandler = async (request, reply) => {
    // A read, not a count: only failures count against an IP (see onResponse below).
    const state = await failedAuthPerIp(request, { increment: false });
    if (!state.isAllowed && state.remaining === 0) {
      setHeaders(reply, state);
      throw tooMany(reply, state);
    }
  };

  app.decorate('apiKeyRateLimits', { beforeAuth: [limitIp], afterAuth: [limitKey] });
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 401) await failedAuthPerIp(request).catch(() => undefined);
  });
});

function setHeaders(reply: FastifyReply, state: LimitState): void {
  if (state.isAllowed || state.max === undefined) return;
  reply.header('ratelimit-limit', state.max);
  reply.header('ratelimit-remaining', state.remaining ?? 0);
  reply.header('ratelimit-reset', state.ttlInSeconds ?? 0);
}

function tooMany(reply: FastifyReply, state: LimitState): ApiProblem {
  const seconds = Math.max(1, state.ttlInSeconds ?? 1);
  reply.header('retry-after', seconds);
  return new ApiProblem('L000429-001', `rate limit of ${state.max} requests per minute reached; retry in ${seconds} s`, { limit: state.max }, { 'retry-after': String(seconds) });
}
