import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.js';
import type { Database } from '../../../store/database.js';
import activity from './activity.js';
import campaigns from './campaigns.js';
import exportCsv from './export.js';
import imports from './imports.js';
import keys from './keys.js';
import lists from './lists.js';
import prospects from './prospects.js';
import session from './session.js';

/** The web app's JSON API under /api/ (issue 6), every route behind the session (but sign-in). */
export default async function appApi(app: FastifyInstance, options: { database: Database; config: Config }): Promise<void> {
  const { database, config } = options;
  // Every /api/ route but sign-in is documented as needing the session cookie, and changes the CSRF header too.
  app.addHook('onRoute', (route) => {
    if (!route.schema || (route.url === '/api/session' && route.method === 'POST')) return;
    const changes = ![route.method].flat().every((m) => m === 'GET' || m === 'HEAD');
    route.schema.security = [changes ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] }];
  });
  await app.register(session, { database, config });
  await app.register(lists, { database });
  await app.register(prospects, { database });
  await app.register(campaigns, { database });
  await app.register(activity, { database });
  await app.register(keys, { database });
  await app.register(imports, { database, maxBatch: config.maxBatch });
  await app.register(exportCsv, { database });
}
