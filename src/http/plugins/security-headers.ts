import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers (helmet's) on every answer, pages included (/docs, the web app): registered
 * globally, so any route added after it gets them. The CSP allows only our own origin; swagger-ui
 * needs inline styles and data: images (its icons), nothing else.
 */
const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
    },
  },
  // The API is called cross-origin by automation tools; a page must not be embedded elsewhere.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/**
 * The headers helmet sets, computed once: they depend on the options only (no CSP nonces here).
 * @fastify/helmet rebuilt helmet's middleware, directives parsed again, on every request, which cost
 * more than half of the SQL of a one-prospect import (docs/benchmarks.md).
 */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

export default fp(async function securityHeaders(app: FastifyInstance) {
  const headers = helmetHeaders(OPTIONS);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
});
