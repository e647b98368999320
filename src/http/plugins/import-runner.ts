import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { ImportJobRunner } from '../../services/import-jobs/runner.js';
import type { Database } from '../../store/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Runs import jobs while the server runs (docs/v1.md#import-jobs). */
    importRunner: ImportJobRunner;
  }
}

/** The import-job runner of this instance: started when the server is ready, stopped (leases given back) on close. */
export default fp(async function importRunner(app: FastifyInstance, options: { database: Database; config: Config }) {
  const runner = new ImportJobRunner(options.database, options.config, app.log);
  app.decorate('importRunner', runner);
  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', async () => runner.stop());
});
