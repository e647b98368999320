import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import { createEndpoint } from '../../src/store/webhook-endpoints.js';
import { ROOT } from '../support/build.js';
import { childEnv } from '../support/cli.js';
import { ENGINES, freshDatabase } from '../support/engines.js';
import { createTenant } from '../support/tenant.js';

// `prospect-hub campaign create --executor` and `campaign set-executor` (docs/webhooks.md#executors).

const RUN_MAIN = "import { main } from './src/cli/main.ts'; process.exitCode = await main(process.argv.slice(1));";

/** Runs the CLI's main() from source in a child process (bin/ runs the same from dist/). */
async function cli(databaseUrl: string, args: string[]): Promise<{ code: number | null; out: any; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RUN_MAIN, ...args, '--json'], { cwd: ROOT, env: childEnv({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }) });
  let text = '';
  let err = '';
  child.stdout.on('data', (chunk) => (text += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, out: text ? JSON.parse(text) : null, err };
}

for (const engine of ENGINES) {
  describe(`campaign executor CLI (${engine})`, () => {
    test("a campaign names one of its user's webhook endpoints as executor, changes it or drops it", async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const tenant = await createTenant(fresh.database);
      const other = await createTenant(fresh.database);
      const endpoint = await createEndpoint(fresh.database.db, tenant.user.id, { url: 'https://hooks.example.com/a', eventTypes: ['list.created'], secret: 'whsec_dGVzdA==' });
      const theirs = await createEndpoint(fresh.database.db, other.user.id, { url: 'https://hooks.example.com/b', eventTypes: ['list.created'], secret: 'whsec_dGVzdA==' });
      const created = await cli(fresh.url, ['campaign', 'create', '--user', tenant.user.email, '--name', 'Handed over', '--executor', endpoint.id]);
      assert.equal(created.code, 0, created.err);
      assert.equal(created.out.executorId, endpoint.id);
      const foreign = await cli(fresh.url, ['campaign', 'create', '--user', tenant.user.email, '--name', 'Nope', '--executor', theirs.id]);
      assert.notEqual(foreign.code, 0);
      assert.match(foreign.err, /no webhook endpoint/);
      const dropped = await cli(fresh.url, ['campaign', 'set-executor', created.out.id, '--user', tenant.user.email, '--none']);
      assert.equal(dropped.out.executorId, null);
      const set = await cli(fresh.url, ['campaign', 'set-executor', tenant.campaigns.running.id, '--user', tenant.user.email, '--executor', endpoint.id]);
      assert.equal(set.out.executorId, endpoint.id);
      const row = await fresh.database.db.selectFrom('campaigns').select('executor_endpoint_id').where('id', '=', tenant.campaigns.running.id).executeTakeFirstOrThrow();
      assert.equal(row.executor_endpoint_id, endpoint.id);
      const notTheirs = await cli(fresh.url, ['campaign', 'set-executor', tenant.campaigns.running.id, '--user', other.user.email, '--none']);
      assert.notEqual(notTheirs.code, 0, "another user cannot change this user's campaign");
      assert.notEqual((await cli(fresh.url, ['campaign', 'set-executor', created.out.id, '--user', tenant.user.email])).code, 0, 'one of --executor and --none is needed');
    });
  });
}
