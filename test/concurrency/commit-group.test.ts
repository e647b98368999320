import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../../src/store/database.js';
import type { Db } from '../../src/store/db.js';
import { inTransaction } from '../../src/store/transaction.js';
import { ENGINES, freshDatabase } from '../support/engines.js';

// Group commit (src/store/commit-group.ts): units queued together share one transaction, each in its
// own savepoint. What a caller sees must not change: its unit commits or rolls back whole, and its
// promise settles only once its work is committed.

const GROUP = 'crm:test';

function insertTeam(trx: Db, id: string) {
  return trx.insertInto('teams').values({ id, name: id, dedup_enabled: 1, lock_seq: 0, created_at: 'now' }).execute();
}

async function teamIds(database: Database, prefix: string): Promise<string[]> {
  const rows = await database.db.selectFrom('teams').select('id').where('id', 'like', `${prefix}%`).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** What another connection sees: committed rows only. */
async function committedTeam(database: Database, id: string): Promise<boolean> {
  if (database.engine === 'sqlite') return (await database.readDb.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  // A separate pooled connection on PostgreSQL (the group holds one of them).
  return (await database.db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

for (const engine of ENGINES) {
  describe(`commit groups (${engine})`, () => {
    test('units queued together share a transaction, and each settles only after its COMMIT', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const { database } = fresh;
      let firstSettled = false;
      let seenByOthersDuringSecond: boolean | undefined;
      let seenInsideSecond: boolean | undefined;
      const first = inTransaction(database, (trx) => insertTeam(trx, 'g1-a').then(() => 'a'), { commitGroup: GROUP }).then((value) => {
        firstSettled = true;
        return value;
      });
      const second = inTransaction(
        database,
        async (trx) => {
          seenInsideSecond = (await trx.selectFrom('teams').select('id').where('id', '=', 'g1-a').executeTakeFirst()) !== undefined;
          seenByOthersDuringSecond = await committedTeam(database, 'g1-a');
          assert.equal(firstSettled, false, 'the first unit did not settle before its commit');
          await insertTeam(trx, 'g1-b');
          return 'b';
        },
        { commitGroup: GROUP },
      );
      assert.deepEqual(await Promise.all([first, second]), ['a', 'b']);
      assert.equal(seenInsideSecond, true, 'the second unit ran in the same transaction as the first');
      assert.equal(seenByOthersDuringSecond, false, 'the first unit was not yet committed while the second ran');
      assert.deepEqual(await teamIds(database, 'g1-'), ['g1-a', 'g1-b']);
    });

    test('a unit that fails is rolled back to its savepoint; the others of its group commit', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const { database } = fresh;
      const units = ['g2-a', 'g2-b', 'g2-c'].map((id) =>
        inTransaction(
          database,
          async (trx) => {
            await insertTeam(trx, id);
            if (id === 'g2-b') {
              await insertTeam(trx, 'g2-b-extra');
              throw new Error('refused');
            }
            return id;
          },
          { commitGroup: GROUP },
        ),
      );
      const outcomes = await Promise.allSettled(units);
      assert.deepEqual(
        outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
        ['g2-a', 'refused', 'g2-c'],
      );
      assert.deepEqual(await teamIds(database, 'g2-'), ['g2-a', 'g2-c']);
    });

    test('when the group cannot commit, every unit of it fails and nothing of it is written', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const { database } = fresh;
      // A check the database makes only at COMMIT: a deferred foreign key (SQLite) or a deferred
      // unique constraint (PostgreSQL), broken by the second unit.
      if (engine === 'postgres') {
        await sql`alter table teams add constraint teams_created_deferred unique (created_at) deferrable initially deferred`.execute(database.db);
      }
      const units = ['g3-a', 'g3-b'].map((id) =>
        inTransaction(
          database,
          async (trx) => {
            if (engine === 'sqlite') {
              await sql`pragma defer_foreign_keys = on`.execute(trx);
              if (id === 'g3-b') {
                await sql`insert into api_keys (id, user_id, name, prefix, hash, created_at) values ('g3-key', 'no-such-user', 'k', 'p', 'h', 'now')`.execute(trx);
              }
              await insertTeam(trx, id);
            } else {
              // Both units insert created_at 'now': the deferred unique check fails at COMMIT.
              await insertTeam(trx, id);
            }
            return id;
          },
          { commitGroup: GROUP, attempts: 1 },
        ),
      );
      const outcomes = await Promise.allSettled(units);
      assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected']);
      assert.deepEqual(await teamIds(database, 'g3-'), []);
      // The group's connection is usable afterwards.
      assert.equal(await inTransaction(database, (trx) => insertTeam(trx, 'g3-after').then(() => 'ok'), { commitGroup: GROUP }), 'ok');
    });
  });
}
