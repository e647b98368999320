import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { describe, test } from 'node:test';
import { startCluster } from '../../scripts/cluster.js';
import { ENGINES, TEST_DATABASE_URL, freshDatabaseUrl } from '../support/engines.js';
import { send } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';
import { openDatabase } from '../../src/store/database.js';

/** A TCP pass-through to the real PostgreSQL that the test can cut and restore (the service itself is never stopped). */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Stops accepting and kills every connection in flight: to the app, the database is gone. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

async function readyStatus(url: string): Promise<number> {
  return (await send(url, '/readyz')).status;
}

if (ENGINES.includes('postgres')) {
  describe('readiness follows the database (postgres)', () => {
    test('/readyz answers 503 while PostgreSQL is unreachable (requests: 503 + Retry-After) and 200 again once it returns, without a restart', async (t) => {
      const fresh = await freshDatabaseUrl('postgres');
      t.after(() => fresh.drop());
      const real = new URL(TEST_DATABASE_URL);
      const proxy = new CuttableProxy({ host: real.hostname, port: Number(real.port || 5432) });
      await proxy.open();
      t.after(() => proxy.cut());
      const viaProxy = new URL(fresh.url);
      viaProxy.host = `127.0.0.1:${proxy.port}`;

      const cluster = await startCluster({ databaseUrl: viaProxy.toString(), instances: 1, runtime: 'source', env: { DB_POOL_SIZE: '2', LOG_LEVEL: 'warn' } });
      t.after(() => cluster.stop());
      const url = cluster.urls[0]!;
      const direct = openDatabase(fresh.url, { poolSize: 1 });
      t.after(() => direct.close());
      const tenant = await createTenant(direct);
      assert.equal(await readyStatus(url), 200);
      assert.equal((await send(url, '/healthz')).status, 200);

      await proxy.cut();
      const down = await send(url, '/readyz').catch((e) => {
        throw new Error(`${e}\n${cluster.instances[0]!.output()}`);
      });
      assert.equal(down.status, 503, down.text);
      assert.equal(down.body.code, 'S000503-001');
      assert.equal((await send(url, '/healthz')).status, 200, 'liveness does not depend on the database');
      assert.equal(await readyStatus(url), 503, 'still unready on a second look');
      const during = await send(url, '/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl()]) });
      assert.equal(during.status, 503, `a request needing the database is told to retry: ${during.text}`);
      assert.equal(during.headers.get('retry-after'), '1');
      assert.doesNotMatch(during.text, /ECONNREFUSED|127\.0\.0\.1|postgres/i, 'no internals leak');

      await proxy.open();
      assert.equal(await readyStatus(url), 200, 'ready again with the same process');
      assert.equal(cluster.instances[0]!.child.exitCode, null, 'the process was never restarted');
      const after = await send(url, '/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl()]) });
      assert.equal(after.status, 200, after.text);
    });
  });
}
