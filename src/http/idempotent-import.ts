import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblem, validationProblem } from '../problems.js';
import type { ImportAnswer } from '../schemas/import.js';
import type { ImportTransactionHooks } from '../services/import-prospects.js';
import type { Database } from '../store/database.js';
import { claimIdempotencyKey, completeIdempotencyKey, findIdempotencyKey, storeIdempotentAnswer, type IdempotencyRow } from '../store/idempotency-keys.js';
import { nowIso } from '../store/time.js';
import { PROBLEM_CONTENT_TYPE, renderProblem } from './problem-response.js';

/**
 * Idempotency-Key on imports (contract §4, issue 5 §1; modelled on draft-ietf-httpapi-idempotency-key-header).
 *
 * - The key is claimed by inserting (user, key) INSIDE the import transaction, and the exact answer
 *   bytes are stored in the same transaction: an import and its stored answer commit together or
 *   not at all, so a crash can neither lose the answer of a committed import nor leave a stale
 *   "in flight" row behind.
 * - A concurrent request with the same key blocks on that row (primary key) until the first
 *   commits, then replays its answer: it waits rather than answering 409 (I000409-001 remains for
 *   a row found in flight, which only a crash between two statements of another design could leave).
 * - 4xx answers decided by the import (bad URLs, unknown list, missing permission) are stored too,
 *   so a retry gets the same answer; 5xx and 429 are never stored: the key stays free for a retry.
 */

const KEY_FORMAT = /^[\x20-\x7e]{1,255}$/;
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

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

class FoundStoredAnswer extends Error {
  constructor(readonly row: IdempotencyRow) {
    super('idempotency key already used');
  }
}

export interface IdempotentContext {
  database: Database;
  ttlHours: number;
  userId: string;
  key: string;
  requestHash: string;
}

/**
 * Runs `run` (the import) under an Idempotency-Key and sends the answer: the first answer, or the
 * stored one byte for byte with `Idempotent-Replayed: true`.
 */
export async function sendIdempotentImport(
  request: FastifyRequest,
  reply: FastifyReply,
  context: IdempotentContext,
  run: (hooks: ImportTransactionHooks) => Promise<ImportAnswer>,
): Promise<FastifyReply> {
  const { database, userId, key } = context;
  const now = Date.now();
  const at = nowIso(now);
  const expiresAt = nowIso(now + context.ttlHours * 3_600_000);

  // Fast path for retries: no transaction, no CRM lock.
  const existing = await findIdempotencyKey(database.db, userId, key);
  if (existing && existing.expires_at > at) return replay(reply, existing, context.requestHash);

  let stored: string | undefined;
  try {
    await run({
      begin: async (trx) => {
        if (await claimIdempotencyKey(trx, { userId, key, requestHash: context.requestHash, now: at, expiresAt })) return;
        const row = await findIdempotencyKey(trx, userId, key);
        if (!row) throw new Error('idempotency key neither claimable nor found');
        throw new FoundStoredAnswer(row);
      },
      end: async (trx, answer) => {
        stored = String(reply.code(200).serialize(answer));
        await completeIdempotencyKey(trx, userId, key, 200, stored);
      },
    });
  } catch (error) {
    if (error instanceof FoundStoredAnswer) return replay(reply, error.row, context.requestHash);
    if (!(error instanceof ApiProblem) || error.status >= 500 || error.status === 429) throw error;
    const text = JSON.stringify(renderProblem(request, error));
    await storeIdempotentAnswer(database.db, { userId, key, requestHash: context.requestHash, now: at, expiresAt, statusCode: error.status, responseBody: text });
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    return reply.code(error.status).type(PROBLEM_CONTENT_TYPE).send(text);
  }
  return reply.code(200).type(JSON_CONTENT_TYPE).send(stored);
}

function replay(reply: FastifyReply, row: IdempotencyRow, requestHash: string): FastifyReply {
  if (row.request_hash !== requestHash) {
    throw new ApiProblem('I000422-001', 'this Idempotency-Key was already used with a different request; use a new key for a new request');
  }
  if (row.status_code === null || row.response_body === null) {
    throw new ApiProblem('I000409-001', 'a request with this Idempotency-Key is still in progress; retry shortly', {}, { 'retry-after': '1' });
  }
  return reply
    .code(row.status_code)
    .type(row.status_code < 300 ? JSON_CONTENT_TYPE : PROBLEM_CONTENT_TYPE)
    .header('idempotent-replayed', 'true')
    .send(row.response_body);
}
