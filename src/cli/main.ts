import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { UserFacingError } from '../services/accounts.js';
import { openDatabase, type Database } from '../store/database.js';
import { migrateToLatest, MigrationError } from '../store/migrate.js';
import { UsageError, type Command, type CommandContext } from './command.js';
import { campaignSetExecutor } from './commands/campaign-executors.js';
import { planList, planSet, teamSet, userCreate, userSet, userSetPassword } from './commands/accounts.js';
import { importFile } from './commands/import.js';
import { demo, migrate, serveCommand } from './commands/operations.js';
import { prospectDoNotContact, prospectErase, prospectExport } from './commands/privacy.js';
import { activityUndo } from './commands/activity-undo.js';
import { activity, campaignCreate, campaignSetState, keyCreate, keyList, keyRevoke, listCreate } from './commands/resources.js';
import { webhookCreate, webhookDelete, webhookDeliveries, webhookDisable, webhookEnable, webhookList, webhookReplay, webhookRotateSecret, webhookTest } from './commands/webhooks.js';

const COMMANDS: Command[] = [
  serveCommand,
  migrate,
  demo,
  userCreate,
  userSet,
  userSetPassword,
  planList,
  planSet,
  teamSet,
  keyCreate,
  keyList,
  keyRevoke,
  listCreate,
  campaignCreate,
  campaignSetState,
  campaignSetExecutor,
  activity,
  activityUndo,
  importFile,
  webhookCreate,
  webhookList,
  webhookDelete,
  webhookReplay,
  webhookEnable,
  webhookDisable,
  webhookRotateSecret,
  webhookTest,
  webhookDeliveries,
  prospectErase,
  prospectExport,
  prospectDoNotContact,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: prospect-hub <command> [options] [--json]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --json and then prints one JSON value on stdout.',
    'Run "prospect-hub <command> --help" for its options.',
  ].join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const two = argv.slice(0, 2).join(' ');
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = COMMANDS.find((c) => c.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : undefined;
}

/** Runs one CLI invocation and returns its exit code. Failures print one line, never a stack. */
export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(help() + '\n');
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    // One line, like every other failure (test/cli/cli.test.ts: every refusal is one line); the list is one --help away.
    process.stderr.write(`prospect-hub: unknown command "${argv.slice(0, 2).join(' ')}" (run "prospect-hub --help" for the list)\n`);
    return 2;
  }
  const { command, rest } = found;
  const json = rest.includes('--json');
  let database: Database | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`usage: prospect-hub ${command.usage}\n${command.summary}\n`);
      return 0;
    }
    const extra = positionals[command.positionals ?? 0];
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" (usage: prospect-hub ${command.usage})`);
    const config = loadConfig();
    let applied: string[] = [];
    const context: CommandContext = {
      config,
      values: values as CommandContext['values'],
      positionals,
      async database() {
        if (!database) {
          database = openDatabase(config.databaseUrl, {
            poolSize: config.dbPoolSize,
            statementTimeoutMs: config.dbStatementTimeoutMs,
            ssl: config.dbSsl,
          });
          applied = await migrateToLatest(database);
        }
        return database;
      },
      appliedMigrations: () => applied,
      note: (line) => process.stderr.write(line + '\n'),
    };
    const result = await command.run(context);
    if (result !== undefined) {
      process.stdout.write((json || !command.human ? JSON.stringify(result, null, json ? 0 : 2) : command.human(result)) + '\n');
    }
    return 0;
  } catch (error) {
    const message = describe(error);
    if (json) process.stdout.write(JSON.stringify({ error: message }) + '\n');
    process.stderr.write(`prospect-hub ${command.name}: ${message}\n`);
    return error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  } finally {
    await database?.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof ConfigError) return error.message.replace(/\n/g, ' ');
  if (error instanceof UserFacingError || error instanceof UsageError || error instanceof MigrationError) return error.message;
  const code = (error as { code?: string }).code;
  if (code?.startsWith('ERR_PARSE_ARGS')) return (error as Error).message;
  if (code === 'EADDRINUSE') return `${(error as Error).message}: another process uses this port; set PORT`;
  if (code === 'ECONNREFUSED') return `cannot reach the database: ${(error as Error).message}`;
  return `unexpected error: ${(error as Error).message ?? String(error)}`;
}
