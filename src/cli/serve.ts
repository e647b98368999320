import v8 from 'node:v8';
import type { FastifyInstance } from 'fastify';
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
  boundHeapGrowth();
  // Listen for signals before anything else: a SIGTERM that arrives while starting (or the moment
  // after the banner is read) must still end in a graceful shutdown and exit 0, not a kill.
  const stopSignal = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  // A new database is one this start created (its first migration just ran): `npm run cluster`
  // migrates first on purpose so that its instances never seed.
  const firstRun = !config.production && appliedMigrations.includes(FIRST_MIGRATION);
  const app = await buildApp({ config, database });
  try {
    await start(app, config, database, firstRun);
  } catch (error) {
    // A start that fails after listening must not leave a server behind that keeps the process up.
    await app.close();
    throw error;
  }

  const signal = await stopSignal;
  app.log.info({ signal }, 'shutting down: finishing in-flight requests');
  try {
    await app.close();
    await database.close();
  } catch (err) {
    app.log.error({ err }, 'error during shutdown');
  }
}

/**
 * V8 lets the old generation grow to ~4× what the last full collection kept before collecting again:
 * under 1,000-prospect batches (~35 MB live) that took the server past 250 MB resident. 1.5× keeps
 * the peak ~70 MB lower; side by side it measured no slower (docs/benchmarks.md). The flag is read
 * at every collection, so setting it at start-up takes effect.
 */
export function boundHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=50');
}

async function start(app: FastifyInstance, config: Config, database: Database, firstRun: boolean): Promise<void> {
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ engine: database.engine, database: database.location }, 'prospect-hub is listening');

  if (firstRun) {
    const account = await seedDemo(database.db);
    const port = (app.server.address() as { port: number }).port;
    const baseUrl = exampleBaseUrl(config, port);
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
}

/** The base URL printed in examples: PUBLIC_URL, else where this host answers (a wildcard bind answers on loopback). */
export function exampleBaseUrl(config: Config, port: number): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${port}`;
}
