import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { describe, test } from 'node:test';
import type { Instance } from '../../scripts/cluster.js';
import { startTestCluster } from '../support/cluster.js';
import { ENGINES } from '../support/engines.js';
import { send } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

async function waitForLine(instance: Instance, matches: (line: string) => boolean): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 20) {
    if (instance.output().split('\n').some(matches)) return;
    if (instance.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the expected log line never came:\n${instance.output()}`);
}

// docs/deploy.md ("Shutdown and rolling deploys"): SIGTERM stops accepting, lets in-flight requests finish, closes the pool.
for (const engine of ENGINES) {
  describe(`graceful shutdown (${engine})`, () => {
    test('SIGTERM during a large import: the import completes with 200, new connections are refused, the process exits 0', async (t) => {
      const cluster = await startTestCluster(engine, { instances: 1, env: { LOG_LEVEL: 'info' } });
      t.after(() => cluster.stop().catch(() => {}));
      const instance = cluster.cluster.instances[0]!;
      const tenant = await createTenant(cluster.database);
      const urls = Array.from({ length: 1000 }, () => uniqueProfileUrl('shutdown'));
      const body = Buffer.from(JSON.stringify(importBody(tenant.listId, urls)));
      const requestId = `shutdown-${Date.now()}`;

      // The request is provably in flight when SIGTERM lands: its headers and half its body are sent,
      // the rest only after the server has logged that it is shutting down.
      const { port } = new URL(instance.url);
      const pending = httpRequest({
        host: '127.0.0.1',
        port: Number(port),
        method: 'POST',
        path: '/prospects/addProspectFromIntegration',
        headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json', 'content-length': body.length, 'x-request-id': requestId },
      });
      const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
        pending.on('response', (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        pending.on('error', reject);
      });
      pending.write(body.subarray(0, body.length >> 1));
      await waitForLine(instance, (l) => l.includes(requestId) && l.includes('incoming request'));

      instance.child.kill('SIGTERM');
      await waitForLine(instance, (l) => l.includes('shutting down'));
      await assert.rejects(send(instance.url, '/healthz'), 'a new connection is refused while the import is still running');

      pending.end(body.subarray(body.length >> 1));
      const answer = await answered;
      assert.equal(answer.status, 200, answer.text);
      const result = JSON.parse(answer.text).result as { importCode: string }[];
      assert.equal(result.filter((r) => r.importCode === 'success').length, 1000);
      assert.equal(await instance.exited, 0, instance.output());

      const stored = await cluster.database.db.selectFrom('prospects').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', tenant.user.id).executeTakeFirstOrThrow();
      assert.equal(Number(stored.n), 1000, 'every prospect of the in-flight import is stored');
      await assert.rejects(send(instance.url, '/healthz'), 'nothing listens after the exit');
    });
  });
}
