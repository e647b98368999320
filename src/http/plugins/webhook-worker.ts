import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Database } from '../../store/database.js';
import { DeliveryWorker } from '../../webhooks/delivery-worker.js';

/** Runs the webhook delivery worker while the server runs (docs/webhooks.md#deliveries); a close waits for its tick. */
export default fp(async function webhookWorker(app: FastifyInstance, options: { database: Database; config: Config }) {
  const worker = new DeliveryWorker(options.database, options.config, app.log);
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());
});
