import { startCluster, type Cluster } from '../../scripts/cluster.js';
import type { Database, Engine } from '../../src/store/database.js';
import { freshDatabase } from './engines.js';
import { send, type RequestOptions, type TestResponse } from './server.js';

export interface TestCluster {
  cluster: Cluster;
  /** The test's own connection to the same database: tenants are made and rows counted through it. */
  database: Database;
  databaseUrl: string;
  /** Request i goes to instance i mod N, so a batch of parallel requests is split across the processes. */
  request(i: number, path: string, init?: RequestOptions): Promise<TestResponse>;
  stop(): Promise<void>;
}

/**
 * N real server processes (`scripts/cluster.ts`, running src/ through tsx so they run the code under
 * test) on one fresh database of `engine`: a fresh PostgreSQL schema, or one SQLite file shared by
 * every process. Small pools: the test PostgreSQL is shared with the rest of the suite.
 */
export async function startTestCluster(engine: Engine, options: { instances?: number; env?: Record<string, string> } = {}): Promise<TestCluster> {
  const fresh = await freshDatabase(engine);
  let cluster: Cluster;
  try {
    cluster = await startCluster({
      databaseUrl: fresh.url,
      instances: options.instances ?? 2,
      runtime: 'source',
      env: { DB_POOL_SIZE: '4', LOG_LEVEL: 'warn', ...options.env },
    });
  } catch (error) {
    await fresh.drop();
    throw error;
  }
  return {
    cluster,
    database: fresh.database,
    databaseUrl: fresh.url,
    request: (i, path, init) => send(cluster.urls[i % cluster.urls.length]!, path, init),
    async stop() {
      const codes = await cluster.stop();
      await fresh.drop();
      if (codes.some((c) => c !== 0)) throw new Error(`an instance exited with ${codes.join(', ')}:\n${cluster.instances.map((i) => i.output()).join('\n')}`);
    },
  };
}
