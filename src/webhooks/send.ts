import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkLiteralHost, guardedLookup } from './address-guard.js';

/** What one delivery attempt came to. */
export interface AttemptResult {
  /** The HTTP status, or null when no answer came (refused, timed out, blocked). */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The first bytes of the answer, for the delivery log. */
  responseStart: string;
  /** Retry-After of a 429 or 503, in milliseconds. */
  retryAfterMs: number | null;
}

export interface SendOptions {
  timeoutMs: number;
  allowPrivate: boolean;
}

const RESPONSE_START_BYTES = 1024;

/** Seconds or an HTTP date (RFC 9110 §10.2.3), as milliseconds from now. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * POSTs one signed body. Redirects are not followed (a 3xx is a failed attempt), the whole attempt
 * is bounded by `timeoutMs`, and the connection goes only to an address the SSRF guard accepted.
 */
export function sendWebhook(url: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<AttemptResult> {
  const started = performance.now();
  const done = (partial: Partial<AttemptResult>): AttemptResult => ({
    statusCode: null,
    error: null,
    responseStart: '',
    retryAfterMs: null,
    ...partial,
    durationMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error(`${target.protocol} is not http or https`);
      checkLiteralHost(target.hostname, options.allowPrivate);
    } catch (error) {
      resolve(done({ error: (error as Error).message }));
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = send(target, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'prospect-hub-webhooks' }, lookup: guardedLookup(options.allowPrivate) }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const answer = () =>
        finish(
          done({
            statusCode: response.statusCode ?? null,
            responseStart: Buffer.concat(chunks).subarray(0, RESPONSE_START_BYTES).toString('utf8'),
            retryAfterMs: response.statusCode === 429 || response.statusCode === 503 ? retryAfterMs(response.headers['retry-after']) : null,
          }),
        );
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        // The start is all the log keeps: stop reading a long answer there.
        if (size >= RESPONSE_START_BYTES) {
          answer();
          response.destroy();
        }
      });
      response.on('end', answer);
      response.on('error', answer);
    });
    const timer = setTimeout(() => {
      finish(done({ error: `no answer within ${options.timeoutMs} ms` }));
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error) => finish(done({ error: error.message })));
    request.end(body);
  });
}
