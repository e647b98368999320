import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../../store/database.js';
import { purgeExpiredIdempotencyKeys } from '../../store/idempotency-keys.js';
import { nowIso } from '../../store/time.js';
import { repeatWhileOpen } from '../repeat-while-open.js';

const PURGE_EVERY_MS = 15 * 60_000;

/**
 * Deletes expired Idempotency-Key rows at start and every 15 minutes. An expired row
 * that has not been purged yet is ignored and taken over by a new request with the same key anyway
 * (see claimIdempotencyKey), so the purge only bounds the table's size; with several instances each
 * purges, which is harmless (one DELETE by index on expires_at).
 */
export default fp(async function idempotencyPurge(app: FastifyInstance, options: { database: Database }) {
  repeatWhileOpen(app, PURGE_EVERY_MS, () =>
    purgeExpiredIdempotencyKeys(options.database.db, nowIso())
      .then((count) => void (count > 0 && app.log.info({ count }, 'purged expired idempotency keys')))
      .catch((err: unknown) => app.log.warn({ err }, 'could not purge idempotency keys')),
  );
});
