import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../../store/database.js';
import { purgeImportJournalBefore } from '../../store/import-journal.js';
import { repeatWhileOpen } from '../repeat-while-open.js';

const PURGE_EVERY_MS = 15 * 60_000;

/**
 * Deletes the change journal of imports older than the undo window (UNDO_WINDOW_DAYS) at start and
 * every 15 minutes. An undo checks the window itself, so the purge only bounds what is kept; with
 * several instances each purges, which is harmless (one UPDATE by primary key range).
 */
export default fp(async function undoJournalPurge(app: FastifyInstance, options: { database: Database; undoWindowDays: number }) {
  // The first purge reads every older entry; the next ones only those that aged since.
  let since = 0;
  const purge = () => {
    const before = Date.now() - options.undoWindowDays * 86_400_000;
    return purgeImportJournalBefore(options.database.db, before, since)
      .then((count) => {
        since = before;
        if (count > 0) app.log.info({ count }, 'purged import journal entries past the undo window');
      })
      .catch((err: unknown) => app.log.warn({ err }, 'could not purge the import journal'));
  };
  repeatWhileOpen(app, PURGE_EVERY_MS, purge);
});
