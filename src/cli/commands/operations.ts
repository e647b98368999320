import { seedDemo, demoCurl } from '../../services/demo.js';
import type { Command } from '../command.js';
import { exampleBaseUrl, serve } from '../serve.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the HTTP service (migrates first; seeds a demo account on a new database)',
  usage: 'serve   (configured by PORT, HOST, DATABASE_URL, LOG_LEVEL, …: see README)',
  options: {},
  async run({ config, database, appliedMigrations }) {
    await serve(config, await database(), appliedMigrations());
    return undefined;
  },
};

export const migrate: Command = {
  name: 'migrate',
  summary: 'Bring the database schema up to date',
  usage: 'migrate',
  options: {},
  async run({ database, appliedMigrations }) {
    const db = await database();
    return { engine: db.engine, location: db.location, applied: appliedMigrations() };
  },
  human: (r) => (r.applied.length === 0 ? `${r.engine} database is up to date` : `applied ${r.applied.join(', ')}`),
};

export const demo: Command = {
  name: 'demo',
  summary: 'Seed a demo account and print a key and a ready curl command',
  usage: 'demo',
  options: {},
  async run({ database, config }) {
    const account = await seedDemo((await database()).db);
    const baseUrl = exampleBaseUrl(config, config.port);
    return { id: account.userId, ...account, curl: demoCurl(baseUrl, account.key, account.listId) };
  },
  human: (r) =>
    [
      `demo account: ${r.email}${r.password ? ` (web app password: ${r.password})` : ''}`,
      `API key (shown once): ${r.key}`,
      'try it:',
      r.curl,
    ].join('\n'),
};
