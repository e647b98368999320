import type { Config } from '../config.js';
import { buildApp } from '../http/app.js';
import { demoCurl, seedDemo } from '../services/demo.js';
import type { Database } from '../store/database.js';
import { migrations } from '../store/migrations/index.js';

const FIRST_MIGRATION = Object.keys(migrations)[0]!;

/**
 * Runs the service until SIGTERM/SIGINT, then shuts down gracefully: stop accepting, let in-flight
 * requests finish, close the database. On a brand-new database (outside production) it seeds the
 * demo account once and prints how to try it.
 */
export async function serve(config: Config, database: Database, appliedMigrations: string[]): Promise<void> {
  const firstRun = appliedMigrations.includes(FIRST_MIGRATION);
  const app = await buildApp({ config, database });
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ engine: database.engine, database: database.location }, 'prospect-hub is listening');

  if (firstRun && !config.production) {
    const account = await seedDemo(database.db);
    const port = (app.server.address() as { port: number }).port;
    const baseUrl = config.publicUrl ?? `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
    process.stdout.write(
      [
        '',
        `prospect-hub is running at ${address} on a new ${database.engine} database (${database.location}).`,
        `A demo account was created: ${account.email}, web app password ${account.password}`,
        `API key (shown only now): ${account.key}`,
        'Import a prospect with:',
        '',
        demoCurl(baseUrl, account.key, account.listId),
        '',
        `API docs: ${baseUrl}/docs`,
        '',
      ].join('\n'),
    );
  }

  await new Promise<void>((resolve) => {
    let closing = false;
    const shutdown = (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down: finishing in-flight requests');
      app
        .close()
        .then(() => database.close())
        .catch((err: unknown) => app.log.error({ err }, 'error during shutdown'))
        .finally(resolve);
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
}
