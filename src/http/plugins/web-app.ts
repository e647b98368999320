import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiProblem } from '../../problems.js';
import type { CatalogRoute } from './route-catalog.js';

/**
 * Serves the web app, built by `npm run build` into dist/app, at `/`. Files are routes of their own;
 * any other GET that asks for HTML is a client route of the single-page app (app/src/router.tsx)
 * and gets index.html, e.g. /campaigns/:id. The service's own paths never fall back to the app: a
 * registered route's URL and anything under it (/campaigns/getAll/x), and the /v1/ and /docs trees,
 * keep their problem+json 404. Registered last, so every route of the table is known.
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

/** Whole trees the app never answers, registered routes or not. */
const SERVICE_TREES = ['/v1', '/api', '/docs'];

/**
 * Tells the service's paths from the app's: the URL of every route registered so far (up to its
 * first parameter or wildcard) and the SERVICE_TREES, each with everything under it.
 */
export function servicePaths(routes: readonly CatalogRoute[]): (path: string) => boolean {
  const roots = new Set(SERVICE_TREES);
  for (const { url } of routes) {
    const root = url.split(/\/[:*]/)[0]!.replace(/\/+$/, '');
    if (root !== '') roots.add(root);
  }
  return (path) => {
    const clean = path.split('?')[0]!.replace(/\/+$/, '');
    for (let at = clean.length; at > 0; at = clean.lastIndexOf('/', at - 1)) {
      if (roots.has(clean.slice(0, at))) return true;
    }
    return false;
  };
}

export default fp(async function webApp(app: FastifyInstance, options: { dir?: string } = {}) {
  const root = options.dir ?? APP_DIR;
  const isServicePath = servicePaths(app.routeCatalog);
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
    if (isServicePath(path) || !wantsHtml) throw new ApiProblem('R000404-001', `no route GET ${path.split('?')[0]}`);
    if (!built) throw new ApiProblem('R000404-001', 'the web app is not built: run npm run build');
    return reply.headers({ ...APP_HEADERS, 'cache-control': 'no-cache' }).sendFile('index.html', root);
  });
});
