import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

/**
 * Load for GET requests whose path changes with every request (or imports, POSTs whose body does:
 * bench/latency.ts): a closed loop (autocannon, each
 * connection sends again when answered) to find the most the server takes, and an open loop at a
 * fixed offered rate to read the latency at. autocannon's own rate option is not an open loop: each
 * connection sends back to back until its quota for the current second is spent, then waits for the
 * next second, so its latencies are those of a saturated server for part of every second.
 */

export interface ReadTarget {
  url: string;
  key: string;
  /** The next request's path (and query). */
  nextPath: () => string;
  /** When given, each request is a POST of this JSON body (an import at a fixed rate, bench/latency.ts). */
  nextBody?: () => string;
}

export interface ReadPhase {
  /** Requests per second offered (open loop), or null for the closed loop. */
  offered: number | null;
  connections: number;
  /** Requests sent first and not counted (open loop: the lead-in that opens the connections). */
  leadIn: number;
  requests: number;
  seconds: number;
  achieved: number;
  p50: number;
  p99: number;
  /** Open loop: how late the sends were against their schedule, p99 in ms (the generator's own health). */
  lateP99: number | null;
  non2xx: number;
  errors: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const sortNumbers = (values: number[]) => values.sort((a, b) => a - b);

/** As many requests as `connections` keep in flight, for `seconds`. */
export function closedLoop(target: ReadTarget, connections: number, seconds: number): Promise<ReadPhase> {
  const latencies: number[] = [];
  const started = performance.now();
  let last = started;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        headers: { authorization: `Bearer ${target.key}` },
        connections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              req.path = target.nextPath();
              return req;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        sortNumbers(latencies);
        const elapsed = (last - started) / 1000;
        resolve({
          offered: null,
          connections,
          leadIn: 0,
          requests: result.requests.total,
          seconds: elapsed,
          achieved: result.requests.total / Math.max(elapsed, 0.01),
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          lateP99: null,
          non2xx: result.non2xx,
          errors: result.errors,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      last = performance.now();
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

/**
 * Sends at `rate` requests per second, evenly spaced, whatever the answers do (an open loop: a slow
 * answer does not hold the next request back, a new keep-alive connection opens if all are busy).
 * The first `leadInSeconds` open the connections and are not counted. Latency is from the moment a
 * request is written to the last byte of its answer; `lateP99` says how far the sends slipped
 * behind their schedule, so a generator starved of CPU shows instead of hiding in the figures.
 */
export function fixedRate(target: ReadTarget, rate: number, seconds: number, leadInSeconds: number): Promise<ReadPhase> {
  const { hostname, port } = new URL(target.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const headers = { authorization: `Bearer ${target.key}` };
  const interval = 1000 / rate;
  const leadIn = Math.round(rate * leadInSeconds);
  const total = leadIn + Math.round(rate * seconds);
  const latencies: number[] = [];
  const late: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let settled = 0;
  let sent = 0;
  let measuredFrom = 0;
  let lastAnswer = 0;
  const started = performance.now();

  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      sortNumbers(latencies);
      sortNumbers(late);
      const elapsed = (lastAnswer - measuredFrom) / 1000;
      const requests = total - leadIn;
      resolve({
        offered: rate,
        connections: agent.maxSockets,
        leadIn,
        requests,
        seconds: elapsed,
        achieved: requests / Math.max(elapsed, 0.01),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        lateP99: percentile(late, 99),
        non2xx,
        errors,
      });
    };
    const send = (index: number) => {
      const scheduled = started + index * interval;
      const counted = index >= leadIn;
      const at = performance.now();
      if (index === leadIn) measuredFrom = scheduled;
      if (counted) late.push(at - scheduled);
      const done = () => {
        if (counted) lastAnswer = performance.now();
        if (++settled === total) finish();
      };
      const body = target.nextBody?.();
      const outgoing = request({ agent, host: hostname, port, path: target.nextPath(), method: body === undefined ? 'GET' : 'POST', headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' } }, (answer) => {
        answer.on('data', () => {});
        answer.on('end', () => {
          const status = answer.statusCode ?? 0;
          if (counted) {
            if (status >= 200 && status < 300) latencies.push(performance.now() - at);
            else non2xx++;
          }
          done();
        });
      });
      outgoing.on('error', () => {
        if (counted) errors++;
        done();
      });
      outgoing.end(body);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - started) / interval) + 1);
      while (sent < due) send(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    tick();
  });
}
