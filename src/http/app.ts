import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.js';
import type { Database } from '../store/database.js';
import apiKeyAuth from './plugins/api-key-auth.js';
import openapi from './plugins/openapi.js';
import problems from './plugins/problems.js';
import idempotencyPurge from './plugins/idempotency-purge.js';
import undoJournalPurge from './plugins/undo-journal-purge.js';
import importRunner from './plugins/import-runner.js';
import jsonBody from './plugins/json-body.js';
import queryTypes from './plugins/query-types.js';
import rateLimits from './plugins/rate-limits.js';
import routeCatalog from './plugins/route-catalog.js';
import searchIndexer from './plugins/search-indexer.js';
import securityHeaders from './plugins/security-headers.js';
import webApp from './plugins/web-app.js';
import webhookWorker from './plugins/webhook-worker.js';
import routes from './routes/index.js';

export interface AppOptions {
  config: Config;
  database: Database;
  /** Where logs go (default stdout); tests capture them to prove no secret is logged. */
  logStream?: NodeJS.WritableStream;
}

// Headers logged directly (not only under req) and top-level secret fields are redacted too.
const REDACTED_HEADER_PATHS = ['headers.authorization', 'headers.cookie', '*.headers.authorization', '*.headers.cookie', 'authorization', 'cookie', 'key', 'secret', 'password'];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the whole HTTP service around an open database. Listening is the caller's business. */
export async function buildApp({ config, database, logStream }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Secrets never reach the logs: keys travel in Authorization, sessions in cookies.
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.key', '*.secret', '*.password', ...REDACTED_HEADER_PATHS], censor: '[redacted]' },
            ...(logStream ? { stream: logStream } : {}),
          },
    bodyLimit: config.bodyLimit,
    // Behind a reverse proxy, X-Forwarded-Proto tells whether the browser spoke TLS (session cookie Secure).
    trustProxy: config.trustProxy,
    // A caller's own x-request-id is kept when it is sane, so a log line can be found from either side.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    ajv: {
      // Every problem at once, no silent coercion of wrong types, nothing removed behind our back
      // (unknown fields become warnings instead, see unknown-fields.ts).
      customOptions: { allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Only JSON bodies are spoken here: anything else answers 415.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  await app.register(problems);
  // Everything the routes rely on comes first: the catalog (records every route), the JSON depth
  // limit, security headers, the API-key check and its rate limits (the guards use them),
  // idempotency-key purge.
  await app.register(routeCatalog);
  await app.register(jsonBody, { maxDepth: config.jsonMaxDepth });
  await app.register(securityHeaders);
  await app.register(openapi);
  await app.register(queryTypes);
  await app.register(apiKeyAuth, { database });
  await app.register(rateLimits, { config });
  await app.register(idempotencyPurge, { database });
  await app.register(undoJournalPurge, { database, undoWindowDays: config.undoWindowDays });
  await app.register(webhookWorker, { database, config });
  await app.register(importRunner, { database, config });
  await app.register(searchIndexer, { database });

  // Every route, from one table (src/http/routes/index.ts); then the web app at /, last, since its
  // fallback tells the app's pages from the routes registered before it.
  await app.register(routes, { database, config });
  await app.register(webApp);

  return app;
}
