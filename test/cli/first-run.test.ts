// README "Run it": `serve` on an empty database migrates and (outside production) seeds the demo once,
// printing a curl command that works as pasted; later starts do not seed again; a bad variable
// stops the start with one line. The real binary, a real port, the printed command run by bash.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/store/database.js';
import { ensureBuilt, ROOT } from '../support/build.js';
import { BIN, childEnv, runCli } from '../support/cli.js';
import { freePort } from '../support/ports.js';

/** Generous: only a hung server ever reaches it; it guards the run, it measures nothing. */
const WAIT_MS = 60_000;

interface Served {
  child: ChildProcessWithoutNullStreams;
  port: number;
  output: { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

/** `serve` on DATABASE_URL, or with none set (the default ./data/prospect-hub.sqlite) run from `cwd`. */
async function serve(databaseUrl: string | undefined, env: Record<string, string> = {}, cwd = ROOT): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd,
    env: childEnv({ DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }),
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output, exited };
}

async function waitFor(what: string, served: Served, ready: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  let gone = false;
  void served.exited.then(() => (gone = true));
  while (!(await ready())) {
    if (gone) assert.fail(`the server exited before ${what}:\n${served.output.stdout}\n${served.output.stderr}`);
    if (Date.now() > deadline) assert.fail(`no ${what} after ${WAIT_MS} ms:\n${served.output.stdout}\n${served.output.stderr}`);
    await sleep(100);
  }
}

async function answers(port: number, path: string): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}${path}`)).status === 200;
  } catch {
    return false;
  }
}

async function stop(served: Served): Promise<number | null> {
  served.child.kill('SIGTERM');
  return served.exited;
}

/** Starts the server on the database until it is ready, stops it, and checks that it printed no demo key. */
async function startsWithoutSeeding(databaseUrl: string, env: Record<string, string> = {}): Promise<void> {
  const served = await serve(databaseUrl, env);
  try {
    await waitFor('/readyz', served, () => answers(served.port, '/readyz'));
  } finally {
    assert.equal(await stop(served), 0);
  }
  assert.ok(!served.output.stdout.includes('API key'), served.output.stdout);
}

/** The printed command: from "curl" to the end of its last continued line. */
function printedCurl(stdout: string): string | undefined {
  const start = stdout.indexOf('curl ');
  if (start === -1) return undefined;
  const lines = stdout.slice(start).split('\n');
  const command: string[] = [];
  for (const line of lines) {
    command.push(line);
    if (!line.endsWith('\\')) return command.length > 1 || line.length > 0 ? command.join('\n') : undefined;
  }
  return undefined;
}

async function count(databaseUrl: string, table: 'users' | 'api_keys' | 'plans' | 'prospects'): Promise<number> {
  const database = openDatabase(databaseUrl);
  try {
    const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

before(ensureBuilt);

describe('first run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-hub-first-run-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the default database is created, migrated and seeded once; the printed curl imports a prospect; later starts do not seed', async () => {
    // As `npm start` on a fresh clone: no DATABASE_URL, so ./data/prospect-hub.sqlite under the working directory.
    const databaseUrl = join(dir, 'data', 'prospect-hub.sqlite');
    const first = await serve(undefined, {}, dir);
    try {
      await waitFor('printed curl command', first, () => first.output.stdout.includes('API docs:'));
      const curl = printedCurl(first.output.stdout);
      assert.ok(curl, `a curl command is printed:\n${first.output.stdout}`);
      assert.match(first.output.stdout, /API key \(shown only now\): ph_/);
      assert.ok(curl.includes(`:${first.port}/prospects/addProspectFromIntegration`), 'the command names the port the server listens on');

      const pasted = spawnSync('bash', ['-c', curl], { encoding: 'utf8' });
      assert.equal(pasted.status, 0, `curl exits 0: ${pasted.stderr}`);
      const answer = JSON.parse(pasted.stdout);
      assert.equal(answer.result.length, 1);
      assert.equal(answer.result[0].importCode, 'success', pasted.stdout);
    } finally {
      assert.equal(await stop(first), 0, `SIGTERM ends the server with exit code 0; stderr: ${first.output.stderr}`);
    }
    assert.ok(!first.output.stderr.includes('    at '), first.output.stderr);
    assert.deepEqual([await count(databaseUrl, 'users'), await count(databaseUrl, 'api_keys'), await count(databaseUrl, 'prospects')], [1, 1, 1]);

    const second = await serve(undefined, {}, dir);
    try {
      await waitFor('/readyz', second, () => answers(second.port, '/readyz'));
    } finally {
      assert.equal(await stop(second), 0);
    }
    assert.ok(!second.output.stdout.includes('API key'), `no new key printed:\n${second.output.stdout}`);
    assert.ok(!second.output.stdout.includes('curl'), second.output.stdout);
    assert.deepEqual([await count(databaseUrl, 'users'), await count(databaseUrl, 'api_keys')], [1, 1], 'still one user and one key');
  });

  test('a port already taken stops the start with one line and a non-zero exit', async () => {
    const databaseUrl = join(dir, 'port-taken.sqlite');
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const taken = await runCli(['serve'], { env: { DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn' } });
      assert.notEqual(taken.code, 0);
      const lines = taken.stderr.split('\n').filter((l) => l !== '');
      assert.equal(lines.length, 1, taken.stderr);
      assert.match(lines[0]!, /EADDRINUSE.*set PORT/);
      assert.ok(!taken.stderr.includes('    at '));
      assert.ok(!taken.stdout.includes('API key'), 'no key printed for a server that never ran');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('a database migrated before the first start (npm run cluster does so) is not seeded', async () => {
    const databaseUrl = join(dir, 'migrated.sqlite');
    const migrated = await runCli(['migrate', '--json'], { env: { DATABASE_URL: databaseUrl } });
    assert.equal(migrated.code, 0, migrated.stderr);
    await startsWithoutSeeding(databaseUrl);
    assert.equal(await count(databaseUrl, 'users'), 0);
  });

  test('an operator who created users before the first start gets no demo account', async () => {
    const databaseUrl = join(dir, 'operator.sqlite');
    const created = await runCli(['user', 'create', '--email', 'ops@example.test', '--json'], { env: { DATABASE_URL: databaseUrl } });
    assert.equal(created.code, 0, created.stderr);
    await startsWithoutSeeding(databaseUrl);
    assert.equal(await count(databaseUrl, 'users'), 1);
  });

  test('with NODE_ENV=production a new database is migrated but not seeded', async () => {
    const databaseUrl = join(dir, 'production.sqlite');
    await startsWithoutSeeding(databaseUrl, { NODE_ENV: 'production' });
    assert.equal(await count(databaseUrl, 'users'), 0, 'no demo user');
    assert.equal(await count(databaseUrl, 'plans'), 4, 'but the schema and its default plans are there');
  });

  test('a bad variable stops the start with a one-line list of problems and a non-zero exit', async () => {
    const databaseUrl = join(dir, 'never.sqlite');
    const result = await runCli(['serve'], { env: { DATABASE_URL: databaseUrl, PORT: 'abc', LOG_LEVEL: 'chatty' } });
    assert.notEqual(result.code, 0);
    const lines = result.stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, /PORT must be a whole number.*"abc"/);
    assert.match(lines[0]!, /LOG_LEVEL/, 'every problem, not just the first');
    assert.ok(!result.stderr.includes('    at '));
    assert.equal(result.stdout, '');
  });
});
