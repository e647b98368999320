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
  /** From the start to the last response, in seconds: autocannon's own duration only ends on its next sampling tick. */
  seconds: number;
  /** Every 2xx response time in ms, at full precision (autocannon's histogram rounds to whole ms). */
  latencies: number[];
  /** The first request error autocannon saw (a reset, a timeout, a malformed answer), to say why a run failed. */
  firstError?: string;
}

function fire(spec: LoadSpec, bound: { amount: number } | { duration: number }): Promise<Fired> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (spec.key) headers.authorization = `Bearer ${spec.key}`;
  const latencies: number[] = [];
  const started = performance.now();
  let lastResponse = started;
  let firstError: string | undefined;
  return new Promise((resolve, reject) => {
    const options: autocannon.Options = {
      url: spec.url + spec.path,
      method: 'POST',
      headers,
      connections: spec.connections,
      timeout: 30,
      // autocannon notices the end of a fixed-amount run on its sampling tick: keep the tick short.
      sampleInt: 50,
      ...bound,
      requests: [
        {
          method: 'POST',
          path: spec.path,
          setupRequest: (request) => {
            request.body = spec.body.next();
            // Several CRMs: each body goes with its own user's key.
            if (spec.body.key) request.headers = { ...headers, authorization: `Bearer ${spec.body.key()}` };
            return request;
          },
        },
      ],
    };
    const instance = autocannon(options, (error, result) =>
      error ? reject(error) : resolve({ result, latencies, seconds: (lastResponse - started) / 1000, firstError }),
    );
    instance.on('reqError', (error: Error) => {
      firstError ??= String(error);
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      lastResponse = performance.now();
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

const rateOf = (fired: Fired) => fired.result.requests.total / Math.max(fired.seconds, 0.01);

function checked(fired: Fired): Fired {
  if (fired.result.errors > 0 || fired.result.non2xx > 0) {
    const { non2xx, errors, statusCodeStats } = fired.result;
    throw new Error(`warm-up failed: ${non2xx} non-2xx answers, ${errors} errors (status ${JSON.stringify(statusCodeStats)}; first error: ${fired.firstError ?? 'none'})`);
  }
  return fired;
}

/**
 * A short probe to learn the rate, then a closed-loop warm-up of about `warmupSeconds` (JIT, caches,
 * pool), each a fixed number of requests, all answered: the rows written are known exactly.
 * Answers the requests sent and the rate of the last round.
 */
export async function warmUp(spec: LoadSpec): Promise<{ requests: number; rate: number }> {
  let last = checked(await fire(spec, { amount: spec.connections * 2 }));
  let requests = last.result.requests.total;
  // The cold probe underrates the server: warm up in rounds, each sized from the last one's rate.
  for (let warmed = last.seconds; warmed < spec.warmupSeconds; warmed += last.seconds) {
    last = checked(await fire(spec, { amount: requestsFor(spec, rateOf(last), Math.min(spec.warmupSeconds - warmed, spec.warmupSeconds / 2)) }));
    requests += last.result.requests.total;
  }
  return { requests, rate: rateOf(last) };
}

/**
 * Drives the server in three phases, each a fixed number of requests so that no request is left in
 * flight between them and the rows written are known exactly: the probe and warm-up (warmUp), then
 * the measured phase of about `seconds`.
 */
export async function runLoad(spec: LoadSpec, betweenPhases: () => Promise<void>): Promise<LoadResult> {
  const { requests: warmupRequests, rate } = await warmUp(spec);
  await betweenPhases();
  const measuredRun = await fire(spec, { amount: requestsFor(spec, rate, spec.seconds) });
  const { result: measured, latencies, seconds } = measuredRun;
  latencies.sort((a, b) => a - b);
  return {
    requests: measured.requests.total,
    warmupRequests,
    seconds,
    requestsPerSecond: measured.requests.total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    non2xx: measured.non2xx,
    errors: measured.errors,
  };
}
