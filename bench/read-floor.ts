import pg from 'pg';

/**
 * The least a PostgreSQL read can take on this machine with its number of stages: a stage is one
 * round trip the server waits for before it can send the next (statements sent side by side count
 * once). A bare pg pool of the server's size runs `stages` trivial statements one after another per
 * "request", offered as an open loop at the read's own fixed rate, for as long. None of our code
 * runs, so what it measures is the loopback, the client library and PostgreSQL's own turn-around:
 * a read of N stages cannot have a lower p99 than this, whatever the service does between them.
 */

export interface FloorPhase {
  stages: number;
  p50: number;
  p99: number;
}

const SERVER_POOL_SIZE = 10;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function postgresFloor(databaseUrl: string, rate: number, seconds: number, stages: number): Promise<FloorPhase> {
  const pool = new pg.Pool({ connectionString: databaseUrl.replace(/[?&]schema=[^&]*/, ''), max: SERVER_POOL_SIZE });
  try {
    // Open every connection first, as the server's pool is open when it is measured.
    await Promise.all(Array.from({ length: SERVER_POOL_SIZE }, () => pool.query('select 1')));
    const one = async (n: number) => {
      for (let s = 0; s < stages; s++) await pool.query('select $1::int as n', [n]);
    };
    const interval = 1000 / rate;
    const total = Math.round(rate * seconds);
    const latencies: number[] = [];
    const started = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const wait = started + i * interval - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const at = performance.now();
      pending.push(one(i).then(() => void latencies.push(performance.now() - at)));
    }
    await Promise.all(pending);
    latencies.sort((a, b) => a - b);
    return { stages, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await pool.end();
  }
}

/**
 * Round trips one connection makes one after another in a second (a trivial statement each time):
 * the imports of one CRM run one after another on one connection (its lock, its commit group), so
 * a unit that waits for N answers cannot run more than this ÷ N times a second, whatever else.
 */
export async function serialRoundTripsPerSecond(databaseUrl: string, seconds: number): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl.replace(/[?&]schema=[^&]*/, '') });
  await client.connect();
  try {
    for (let i = 0; i < 200; i++) await client.query('select $1::int as n', [i]);
    let count = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    while (performance.now() < until) {
      await client.query('select $1::int as n', [count]);
      count++;
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    await client.end();
  }
}
