import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SearchIndexer } from '../../services/search-indexer.js';
import type { Database } from '../../store/database.js';

/** Keeps SQLite's search index caught up while the server runs (docs/v1.md#text-search); nothing to do on PostgreSQL. */
export default fp(async function searchIndexer(app: FastifyInstance, options: { database: Database }) {
  const indexer = new SearchIndexer(options.database, app.log);
  app.addHook('onReady', async () => indexer.start());
  app.addHook('onClose', async () => indexer.stop());
});
