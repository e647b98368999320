import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validationProblem } from '../problems.js';
import type { ImportOutcome } from '../services/import-prospects.js';
import { PROBLEM_CONTENT_TYPE } from './problem-response.js';

/**
 * The HTTP half of Idempotency-Key on imports (modelled on draft-ietf-httpapi-idempotency-key-header):
 * reading the header, hashing the request, sending a stored answer. Claiming the key and storing
 * the answer are steps of the import use case itself (services/import-prospects.ts), in the
 * import's own transaction:
 *
 * - An import and its stored answer commit together or not at all, so a crash can neither lose the
 *   answer of a committed import nor leave a stale "in flight" row behind.
 * - A concurrent request with the same key blocks on that row (primary key) until the first
 *   commits, then replays its answer: it waits rather than answering 409 (I000409-001 remains for
 *   a row found in flight, which only a crash between two statements of another design could leave).
 * - 4xx answers decided by the import (bad URLs, unknown list, missing permission) are stored too,
 *   so a retry gets the same answer; 5xx and 429 are never stored: the key stays free for a retry.
 */

const KEY_FORMAT = /^[\x20-\x7e]{1,255}$/;

/** The request's Idempotency-Key, or undefined; a malformed one is a V000400-001 problem. */
export function readIdempotencyKey(request: FastifyRequest): string | undefined {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY_FORMAT.test(raw)) {
    throw validationProblem([{ path: 'headers/idempotency-key', message: 'must be 1 to 255 printable ASCII characters, sent once' }]);
  }
  return raw;
}

/** SHA-256 of key + user + dry-run flag + the body with its object keys sorted (key order is not meaning). */
export function requestHash(key: string, userId: string, body: unknown, dryRun: boolean): string {
  return createHash('sha256').update(JSON.stringify([key, userId, dryRun, canonical(body)])).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = canonical((value as Record<string, unknown>)[key]);
  return sorted;
}

/**
 * Sends a stored answer with `Idempotent-Replayed: true`. An import's answer is stored as JSON and
 * goes through the route's answer schema again, as the first one did, so the bytes are the same; a
 * problem is stored as the exact document sent.
 */
export function sendReplay(reply: FastifyReply, replay: Extract<ImportOutcome, { kind: 'replayed' }>): FastifyReply {
  reply.code(replay.statusCode).header('idempotent-replayed', 'true');
  return replay.statusCode < 300 ? reply.send(JSON.parse(replay.body)) : reply.type(PROBLEM_CONTENT_TYPE).send(replay.body);
}
