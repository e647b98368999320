import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers (@fastify/helmet) on every answer, pages included (/docs now, the web app later):
 * registered globally, so any route added after it gets them. The CSP allows only our own origin;
 * swagger-ui needs inline styles and data: images (its icons), nothing else.
 */
export default fp(async function securityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    global: true,
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
  });
});
