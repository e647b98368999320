import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ROOT } from '../support/build.js';
import { childEnv } from '../support/cli.js';
import { ENGINES, freshDatabase } from '../support/engines.js';
import { createTenant } from '../support/tenant.js';

// `prospect-hub webhook …` (docs/webhooks.md#endpoints).

const RUN_MAIN = "import { main } from './src/cli/main.ts'; process.exitCode = await main(process.argv.slice(1));";

/** Runs the CLI's main() from source in a child process (bin/ runs the same from dist/). */
async function cli(databaseUrl: string, args: string[]): Promise<{ code: number | null; out: any }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RUN_MAIN, ...args, '--json'], { cwd: ROOT, env: childEnv({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }) });
  let text = '';
  child.stdout.on('data', (chunk) => (text += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, out: JSON.parse(text) };
}

for (const engine of ENGINES) {
  describe(`webhook CLI (${engine})`, () => {
    test('webhook create shows the secret once; list, replay and delete name the user\'s endpoints only', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const tenant = await createTenant(fresh.database);
      const other = await createTenant(fresh.database);
      const created = await cli(fresh.url, ['webhook', 'create', '--user', tenant.user.email, '--url', 'https://hooks.example.com/a', '--events', 'list.created,import.completed']);
      assert.equal(created.code, 0, JSON.stringify(created.out));
      assert.match(created.out.secret, /^whsec_/);
      assert.deepEqual(created.out.eventTypes, ['list.created', 'import.completed']);
      const listed = await cli(fresh.url, ['webhook', 'list', '--user', tenant.user.email]);
      assert.deepEqual(listed.out.map((e: { id: string; secret?: string }) => [e.id, e.secret]), [[created.out.id, undefined]]);
      const replay = await cli(fresh.url, ['webhook', 'replay', created.out.id, '--user', tenant.user.email, '--since', '2026-01-01T00:00:00Z']);
      assert.deepEqual(replay.out, { id: created.out.id, replayed: 0 });
      const foreign = await cli(fresh.url, ['webhook', 'delete', created.out.id, '--user', other.user.email]);
      assert.notEqual(foreign.code, 0, 'another user cannot delete it');
      const badType = await cli(fresh.url, ['webhook', 'create', '--user', tenant.user.email, '--url', 'https://x.example', '--events', 'prospect.exploded']);
      assert.notEqual(badType.code, 0);
      assert.equal((await cli(fresh.url, ['webhook', 'delete', created.out.id, '--user', tenant.user.email])).code, 0);
      assert.deepEqual((await cli(fresh.url, ['webhook', 'list', '--user', tenant.user.email])).out, []);
    });
  });
}
