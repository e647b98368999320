import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Instance } from '../../scripts/cluster.js';
import { revokeApiKey } from '../../src/store/api-keys.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { ENGINES } from '../support/engines.js';
import { createTenant } from '../support/tenant.js';

async function waitForOutput(instance: Instance, seen: (text: string) => boolean): Promise<string> {
  for (let waited = 0; waited < 10_000 && !seen(instance.output()); waited += 20) await new Promise((r) => setTimeout(r, 20));
  return instance.output();
}

// docs/deploy.md ("What is per process") and "structured logs with the request id", on two real
// server processes sharing one database.
for (const engine of ENGINES) {
  describe(`two instances on one database (${engine})`, () => {
    let cluster: TestCluster;
    before(async () => {
      cluster = await startTestCluster(engine, { instances: 2, env: { LOG_LEVEL: 'info' } });
    });
    after(async () => {
      await cluster?.stop();
    });

    test('a revoked key is refused at once by every instance, including one that just accepted it', async () => {
      const tenant = await createTenant(cluster.database);
      for (const i of [0, 1]) assert.equal((await cluster.request(i, '/integrations/test', { key: tenant.key })).status, 200);
      await revokeApiKey(cluster.database.db, tenant.keyId, tenant.user.id);
      for (const i of [0, 1]) {
        const answer = await cluster.request(i, '/integrations/test', { key: tenant.key });
        assert.equal(answer.status, 401, `instance ${i}`);
        assert.equal(answer.body.code, 'A000401-002');
      }
    });

    test('every log line of a request is JSON carrying its request id (the caller\'s x-request-id when sane)', async () => {
      const tenant = await createTenant(cluster.database);
      const requestId = `trace-${Date.now()}`;
      const answer = await cluster.request(1, '/prospectLists/getProspectLists', { key: tenant.key, headers: { 'x-request-id': requestId } });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('x-request-id'), requestId);
      // The answer can arrive before the process's stdout reaches us: wait for the line, do not race it.
      const output = await waitForOutput(cluster.cluster.instances[1]!, (text) => text.split('\n').some((l) => l.includes(requestId) && l.includes('request completed')));
      const lines = output.split('\n').filter((l) => l.includes(requestId));
      assert.ok(lines.length >= 2, `expected the request's log lines, got:\n${lines.join('\n')}`);
      for (const line of lines) {
        const entry = JSON.parse(line) as { reqId?: string; msg?: string };
        assert.equal(entry.reqId, requestId);
      }
      assert.ok(lines.some((l) => JSON.parse(l).msg === 'request completed'));
      assert.ok(!cluster.cluster.instances[1]!.output().includes(tenant.key), 'the key never reaches the logs');
    });
  });
}
