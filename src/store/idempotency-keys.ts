import type { Db } from './db.js';
import type { IdempotencyKeysTable } from './schema.js';

export type IdempotencyRow = IdempotencyKeysTable;

export function findIdempotencyKey(db: Db, userId: string, key: string): Promise<IdempotencyRow | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
}

/**
 * Claims (user, key) for one request: inserts the in-flight row (status_code null), or takes over
 * an expired one. The primary key makes this atomic: a concurrent claim of the same key waits on the
 * row lock (PostgreSQL) or the write lock (SQLite) and then finds it taken. True when claimed.
 */
export async function claimIdempotencyKey(db: Db, row: { userId: string; key: string; requestHash: string; now: string; expiresAt: string }): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ user_id: row.userId, key: row.key, request_hash: row.requestHash, status_code: null, response_body: null, created_at: row.now, expires_at: row.expiresAt })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'key'])
        .doUpdateSet({ request_hash: row.requestHash, status_code: null, response_body: null, created_at: row.now, expires_at: row.expiresAt })
        .where('idempotency_keys.expires_at', '<=', row.now),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function completeIdempotencyKey(db: Db, userId: string, key: string, statusCode: number, responseBody: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ status_code: statusCode, response_body: responseBody }).where('user_id', '=', userId).where('key', '=', key).execute();
}

/** Stores a finished answer in one statement (answers decided outside the import transaction). */
export async function storeIdempotentAnswer(
  db: Db,
  row: { userId: string; key: string; requestHash: string; now: string; expiresAt: string; statusCode: number; responseBody: string },
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({ user_id: row.userId, key: row.key, request_hash: row.requestHash, status_code: row.statusCode, response_body: row.responseBody, created_at: row.now, expires_at: row.expiresAt })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'key'])
        .doUpdateSet({ request_hash: row.requestHash, status_code: row.statusCode, response_body: row.responseBody, created_at: row.now, expires_at: row.expiresAt })
        .where('idempotency_keys.expires_at', '<=', row.now),
    )
    .execute();
}

/** Deletes every expired row; returns how many. */
export async function purgeExpiredIdempotencyKeys(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
