import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiProblem } from '../../problems.js';

/**
 * Serves the web app (issue 6), built by `npm run build` into dist/app, at `/`. Files are routes of
 * their own; any other GET that asks for HTML is a client route of the single-page app and gets
 * index.html. API paths never fall back to the app: they keep their problem+json 404.
 */
// src/http/plugins and dist/http/plugins both sit three folders below the package root.
export const APP_DIR = fileURLToPath(new URL('../../../dist/app/', import.meta.url));

/**
 * The page may load only its own files and talk only to its own origin, and may not be framed
 * (clickjacking). React sets the list colours through the CSSOM, which style-src does not restrict.
 */
const APP_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

const NEVER_THE_APP = /^\/(api|docs|openapi\.json|healthz|readyz|integrations|prospectLists|campaigns|prospects)(\/|$|\?)/;

export default fp(async function webApp(app: FastifyInstance, options: { dir?: string } = {}) {
  const root = options.dir ?? APP_DIR;
  const built = existsSync(`${root}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // Hashed asset names never change content: cache them for long; index.html is always revalidated.
      setHeaders: (res, path) => {
        res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        for (const [name, value] of Object.entries(APP_HEADERS)) res.setHeader(name, value);
      },
    });
  }
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url;
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (NEVER_THE_APP.test(path) || !wantsHtml) throw new ApiProblem('R000404-001', `no route GET ${path.split('?')[0]}`);
    if (!built) throw new ApiProblem('R000404-001', 'the web app is not built: run npm run build');
    return reply.headers({ ...APP_HEADERS, 'cache-control': 'no-cache' }).sendFile('index.html', root);
  });
});
