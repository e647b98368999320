import autocannon from 'autocannon';
import type { BodyFactory } from './payload.js';

export interface LoadSpec {
  url: string;
  path: string;
  key?: string;
  connections: number;
  /** Target length of the measured phase; the request count is calibrated from the warm-up. */
  seconds: number;
  warmupSeconds: number;
  body: BodyFactory;
}

export interface LoadResult {
  requests: number;
  warmupRequests: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

interface Fired {
  result: autocannon.Result;
  /** Every 2xx response time in ms, at full precision (autocannon's histogram rounds to whole ms). */
  latencies: number[];
}

function fire(spec: LoadSpec, bound: { amount: number } | { duration: number }): Promise<Fired> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (spec.key) headers.authorization = `Bearer ${spec.key}`;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const options: autocannon.Options = {
      url: spec.url + spec.path,
      method: 'POST',
      headers,
      connections: spec.connections,
      timeout: 30,
      ...bound,
      requests: [
        {
          method: 'POST',
          path: spec.path,
          setupRequest: (request) => {
            request.body = spec.body.next();
            return request;
          },
        },
      ],
    };
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ result, latencies })));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Requests for about `seconds` at `rate`: a whole number per connection, within what the data allows. */
function requestsFor(spec: LoadSpec, rate: number, seconds: number): number {
  let amount = Math.max(spec.connections * 2, Math.round(rate * seconds));
  // Data-bound scenarios (a pool of prospects to move) stop at what the data allows.
  if (spec.body.remaining) amount = Math.min(amount, spec.body.remaining());
  return Math.max(spec.connections, Math.floor(amount / spec.connections) * spec.connections);
}

const rateOf = (result: autocannon.Result) => result.requests.total / Math.max(result.duration, 0.05);

/**
 * Drives the server in three phases, each a fixed number of requests so that no request is left in
 * flight between them and the rows written are known exactly: a short probe to learn the rate, a
 * warm-up of about `warmupSeconds` (JIT, caches, pool), then the measured phase of about `seconds`.
 */
export async function runLoad(spec: LoadSpec, betweenPhases: () => Promise<void>): Promise<LoadResult> {
  const { result: probe } = await fire(spec, { amount: spec.connections * 2 });
  const { result: warmup } = await fire(spec, { amount: requestsFor(spec, rateOf(probe), spec.warmupSeconds) });
  for (const phase of [probe, warmup]) {
    if (phase.errors > 0 || phase.non2xx > 0) {
      throw new Error(`warm-up failed: ${phase.non2xx} non-2xx answers, ${phase.errors} errors (status ${JSON.stringify(phase.statusCodeStats)})`);
    }
  }
  await betweenPhases();
  const { result: measured, latencies } = await fire(spec, { amount: requestsFor(spec, rateOf(warmup), spec.seconds) });
  latencies.sort((a, b) => a - b);
  return {
    requests: measured.requests.total,
    warmupRequests: probe.requests.total + warmup.requests.total,
    seconds: measured.duration,
    requestsPerSecond: measured.requests.total / measured.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    non2xx: measured.non2xx,
    errors: measured.errors,
  };
}
