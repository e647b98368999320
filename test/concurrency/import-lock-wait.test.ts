import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { readBatch } from '../../src/engine/read-import-request.js';
import type { Caller } from '../../src/services/caller.js';
import { importBatchIn, importProspects } from '../../src/services/import-prospects.js';
import type { ImportRequest } from '../../src/schemas/import.js';
import { ENGINES, freshDatabase } from '../support/engines.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

// On PostgreSQL an import takes the CRM lock and reads what it decides on in one statement
// (src/store/import-read-postgres.ts), so its reads see the snapshot the statement started with.
// When the lock was held by another writer of the CRM, that snapshot predates the writer's commit:
// the import must notice and read again, or it would store the writer's prospect a second time.

const OPTIONS = { dryRun: false, integrationOrigin: null, warnings: [] };

describe('an import that waited for the CRM lock (postgres)', { skip: !ENGINES.includes('postgres') && 'PostgreSQL does not answer' }, () => {
  test("sees the prospect the lock's holder committed while it waited", async (t) => {
    const fresh = await freshDatabase('postgres');
    t.after(() => fresh.drop());
    const { database } = fresh;
    const tenant = await createTenant(database);
    const caller: Caller = { userId: tenant.user.id, keyId: tenant.keyId, permissions: new Set(), crmLimit: 1_000_000, dedupTeamId: null };
    const request = importBody(tenant.listId, [uniqueProfileUrl('waited')]) as ImportRequest;
    const reading = readBatch(request.prospects);
    assert.ok(reading.ok);

    let waiting!: Promise<Awaited<ReturnType<typeof importProspects>>>;
    // The holder: an import of the same profile in a transaction of its own, kept open until the
    // second import is seen waiting for its lock.
    await database.db.transaction().execute(async (trx) => {
      await importBatchIn(trx, database, caller, { request, batch: reading.batch, origin: 'example', options: OPTIONS });
      waiting = importProspects(database, caller, request, OPTIONS);
      const mine = await sql<{ xid: string }>`select pg_current_xact_id()::text as xid`.execute(trx);
      for (let i = 0; ; i++) {
        const waiters = await sql<{ n: string }>`select count(*) as n from pg_locks where locktype = 'transactionid' and transactionid::text = ${mine.rows[0]!.xid} and not granted`.execute(database.db);
        if (Number(waiters.rows[0]!.n) > 0) break;
        assert.ok(i < 500, 'the second import never waited for the lock');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });

    const outcome = await waiting;
    assert.equal(outcome.kind, 'imported');
    assert.equal(outcome.kind === 'imported' && outcome.answer.result[0]?.importCode, 'duplicated_prospect');
    const rows = await database.db.selectFrom('prospects').select('id').where('user_id', '=', tenant.user.id).execute();
    assert.equal(rows.length, 1, 'the profile is stored once');
    const user = await database.db.selectFrom('users').select('prospect_count').where('id', '=', tenant.user.id).executeTakeFirstOrThrow();
    assert.equal(Number(user.prospect_count), 1);
  });
});
