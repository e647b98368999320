import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { openDatabase } from '../../src/store/database.js';
import { inTransaction, isSqliteBusy } from '../../src/store/transaction.js';
import type { Db } from '../../src/store/db.js';
import { ENGINES, freshDatabase } from '../support/engines.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

// docs/deploy.md: the PostgreSQL settings reach the connection, and SQLite's "another process is writing"
// is waited on, retried, and finally answered as a retryable 503, never a 500 or a partial write.

if (ENGINES.includes('postgres')) {
  describe('PostgreSQL connection settings', () => {
    test('DB_STATEMENT_TIMEOUT_MS is applied to every pooled connection and cancels a longer statement', async (t) => {
      const fresh = await freshDatabase('postgres');
      t.after(() => fresh.drop());
      const config = loadConfig({ DATABASE_URL: fresh.url, DB_STATEMENT_TIMEOUT_MS: '300' });
      const database = openDatabase(config.databaseUrl, { statementTimeoutMs: config.dbStatementTimeoutMs, poolSize: 2 });
      t.after(() => database.close());
      const shown = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(database.db);
      assert.equal(shown.rows[0]!.statement_timeout, '300ms');
      await assert.rejects(sql`select pg_sleep(5)`.execute(database.db), (error: { code?: string }) => error.code === '57014');
    });

    test('DB_SSL=true makes the client ask for TLS (this server has none, so the connection is refused)', async (t) => {
      const fresh = await freshDatabase('postgres');
      t.after(() => fresh.drop());
      const plain = await sql<{ ssl: string }>`show ssl`.execute(fresh.database.db);
      if (plain.rows[0]!.ssl === 'on') return t.skip('this PostgreSQL serves TLS; the refusal cannot be shown');
      const config = loadConfig({ DATABASE_URL: fresh.url, DB_SSL: 'true' });
      const database = openDatabase(config.databaseUrl, { ssl: config.dbSsl, poolSize: 1 });
      t.after(() => database.close());
      await assert.rejects(sql`select 1`.execute(database.db), /does not support SSL/);
      assert.equal(await database.ping(), false);
      assert.equal(await fresh.database.ping(), true, 'the same URL without DB_SSL connects');
    });
  });
}

describe('SQLite with two writers on one file', () => {
  test('SQLITE_BUSY carries its code from better-sqlite3 and the transaction is rerun once the lock is free', async (t) => {
    const fresh = await freshDatabase('sqlite');
    t.after(() => fresh.drop());
    const database = openDatabase(fresh.url, { busyTimeoutMs: 0 });
    t.after(() => database.close());
    const other = new SQLite(fresh.url);
    t.after(() => other.close());
    other.exec('begin immediate'); // another process holds the write lock

    // With no busy timeout and no retry, the unit's transaction cannot start.
    const write = (id: string) => async (trx: Db) => {
      await trx.insertInto('teams').values({ id, name: id, dedup_enabled: 1, lock_seq: 0, created_at: 'now' }).execute();
      return 'written';
    };
    await assert.rejects(inTransaction(database, write('team-once'), { attempts: 1 }), (error) => (error as { code?: string }).code === 'SQLITE_BUSY');

    // With retries, the lock is released while the unit waits to rerun, and the rerun succeeds.
    const result = inTransaction(database, write('team-busy'));
    setTimeout(() => other.exec('commit'), 1);
    assert.equal(await result, 'written');
    const ids = await database.db.selectFrom('teams').select('id').where('id', 'in', ['team-busy', 'team-once']).execute();
    assert.deepEqual(ids.map((r) => r.id), ['team-busy']);
  });

  test('still busy after every retry: the error surfaces as SQLITE_BUSY and nothing is written', async (t) => {
    const fresh = await freshDatabase('sqlite');
    t.after(() => fresh.drop());
    const database = openDatabase(fresh.url, { busyTimeoutMs: 0 });
    t.after(() => database.close());
    const other = new SQLite(fresh.url);
    t.after(() => other.close());
    other.exec('begin immediate');
    t.after(() => other.inTransaction && other.exec('rollback'));
    let started = 0;
    await assert.rejects(
      inTransaction(database, async (trx) => {
        started += 1;
        await trx.insertInto('teams').values({ id: 'team-never', name: 'never', dedup_enabled: 1, lock_seq: 0, created_at: 'now' }).execute();
      }),
      (error) => isSqliteBusy(error),
    );
    // The write lock is taken before any statement of the unit (BEGIN IMMEDIATE), so no attempt got to run it.
    assert.equal(started, 0, 'the unit never ran without the lock');
    other.exec('rollback');
    assert.equal(await database.db.selectFrom('teams').select('id').where('id', '=', 'team-never').executeTakeFirst(), undefined);
  });

  test('an import that cannot get the write lock answers 503 with Retry-After, not 500', async (t) => {
    const fresh = await freshDatabase('sqlite');
    t.after(() => fresh.drop());
    const tenant = await createTenant(fresh.database);
    // The app's connection gives up at once instead of waiting busy_timeout, so the test is quick.
    const database = openDatabase(fresh.url, { busyTimeoutMs: 0 });
    t.after(() => database.close());
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: fresh.url }), database });
    t.after(() => app.close());
    const other = new SQLite(fresh.url);
    t.after(() => other.close());
    other.exec('begin immediate');
    const answer = await app.inject({
      method: 'POST',
      url: '/prospects/addProspectFromIntegration',
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      payload: importBody(tenant.listId, [uniqueProfileUrl()]),
    });
    other.exec('rollback');
    assert.equal(answer.statusCode, 503, answer.body);
    assert.equal(answer.json().code, 'S000503-001');
    assert.equal(answer.headers['retry-after'], '1');
    const count = await database.db.selectFrom('prospects').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0, 'nothing was written');
  });
});

describe('SQLite WAL checkpoints', () => {
  test('a worker thread copies committed pages into the database file without a checkpoint on the writer', async (t) => {
    const fresh = await freshDatabase('sqlite');
    t.after(() => fresh.drop());
    const database = openDatabase(fresh.url);
    t.after(() => database.close());
    const fileSize = () => statSync(fresh.url).size;
    const before = fileSize();
    // ~2 MB of committed rows: far below the writer's own threshold (10,000 pages = 40 MB).
    await inTransaction(database, async (trx) => {
      for (let i = 0; i < 40; i++) {
        const rows = Array.from({ length: 50 }, (_, j) => ({ id: `wal-${i}-${j}`, name: `wal-${i}-${j}-${'x'.repeat(1000)}`, dedup_enabled: 1, lock_seq: 0, created_at: 'now' }));
        await trx.insertInto('teams').values(rows).execute();
      }
    });
    const deadline = Date.now() + 5_000;
    while (fileSize() < before + 1_000_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(fileSize() >= before + 1_000_000, `the database file grew from ${before} to ${fileSize()} bytes only`);
  });
});
