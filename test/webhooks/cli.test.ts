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
    test('webhook disable|enable, rotate-secret, test, deliveries and replay --since of failed messages', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const tenant = await createTenant(fresh.database);
      const other = await createTenant(fresh.database);
      const user = ['--user', tenant.user.email];
      const created = await cli(fresh.url, ['webhook', 'create', ...user, '--url', 'https://hooks.example.com/b', '--events', 'list.created']);
      const id = created.out.id as string;
      assert.deepEqual([(await cli(fresh.url, ['webhook', 'disable', id, ...user])).out.enabled, (await cli(fresh.url, ['webhook', 'enable', id, ...user])).out.enabled], [false, true]);
      const rotated = await cli(fresh.url, ['webhook', 'rotate-secret', id, ...user]);
      assert.match(rotated.out.secret, /^whsec_/);
      assert.notEqual(rotated.out.secret, created.out.secret);
      assert.ok(Date.parse(rotated.out.previousSecretUntil) > Date.now() + 23 * 3_600_000, 'the previous secret signs for 24 hours');
      const sent = await cli(fresh.url, ['webhook', 'test', id, ...user]);
      const queued = await fresh.database.db.selectFrom('webhook_messages').select(['id', 'event_type', 'state']).where('endpoint_id', '=', id).execute();
      assert.deepEqual(queued, [{ id: sent.out.messageId, event_type: 'webhook.test', state: 'pending' }]);
      assert.deepEqual((await cli(fresh.url, ['webhook', 'deliveries', id, ...user])).out, []);
      // The schedule of that message is spent (as if every attempt failed): replay --since sends it again.
      await fresh.database.db.updateTable('webhook_messages').set({ state: 'failed', attempts: 12, next_attempt_at: null }).where('id', '=', sent.out.messageId).execute();
      const replay = await cli(fresh.url, ['webhook', 'replay', id, ...user, '--since', new Date(Date.now() - 60_000).toISOString()]);
      assert.deepEqual(replay.out, { id, replayed: 1 });
      const again = await fresh.database.db.selectFrom('webhook_messages').select(['state', 'attempts']).where('id', '=', sent.out.messageId).executeTakeFirstOrThrow();
      assert.deepEqual([again.state, Number(again.attempts)], ['pending', 0]);
      // Every one of these finds the endpoint the same way (ownedEndpoint): two stand for all.
      for (const command of ['rotate-secret', 'test']) {
        assert.notEqual((await cli(fresh.url, ['webhook', command, id, '--user', other.user.email])).code, 0, `another user cannot ${command} it`);
      }
    });

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
