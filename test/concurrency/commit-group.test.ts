import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { CommitGroup } from '../../src/store/commit-group.js';
import type { Database } from '../../src/store/database.js';
import type { Db } from '../../src/store/db.js';
import { ENGINES, freshDatabase } from '../support/engines.js';

// Group commit (src/store/commit-group.ts): units queued together share one transaction, each in its
// own savepoint. What a caller sees must not change: its unit commits or rolls back whole, and its
// promise settles only once its work is committed.
//
// Which units share a group depends on a 10 ms window in production; these tests hold the group open
// instead (no window), so the units they queue together share it on any machine, however busy.

function heldOpenGroup(database: Database): CommitGroup {
  const begin = CompiledQuery.raw(database.engine === 'sqlite' ? 'begin immediate' : 'begin');
  // As transaction.ts makes them: PostgreSQL sends the savepoint statements joined.
  return new CommitGroup(database.db, { begin, joinedStatements: database.engine === 'postgres', windowMs: Number.POSITIVE_INFINITY });
}

function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

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
    test('a unit settles only after the COMMIT that holds its work, not when its own work is done', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const { database } = fresh;
      const group = heldOpenGroup(database);
      const firstDone = gate();
      const release = gate();
      let firstSettled = false;
      const first = group
        .run(async (trx) => {
          await insertTeam(trx, 'g1-a');
          firstDone.open();
          await release.opened;
          return 'a';
        })
        .then((value) => {
          firstSettled = true;
          return value;
        });
      // The first unit's work is done and its group is still open: the second unit joins it.
      await firstDone.opened;
      let seenInsideSecond: boolean | undefined;
      let seenByOthersDuringSecond: boolean | undefined;
      let firstSettledDuringSecond: boolean | undefined;
      const second = group.run(async (trx) => {
        seenInsideSecond = (await trx.selectFrom('teams').select('id').where('id', '=', 'g1-a').executeTakeFirst()) !== undefined;
        seenByOthersDuringSecond = await committedTeam(database, 'g1-a');
        firstSettledDuringSecond = firstSettled;
        await insertTeam(trx, 'g1-b');
        return 'b';
      });
      release.open();
      assert.deepEqual(await Promise.all([first, second]), ['a', 'b']);
      assert.equal(seenInsideSecond, true, 'the second unit ran in the same transaction as the first');
      assert.equal(seenByOthersDuringSecond, false, 'the first unit was not yet committed while the second ran');
      assert.equal(firstSettledDuringSecond, false, 'the first unit did not settle before its commit');
      assert.equal(await committedTeam(database, 'g1-a'), true);
      assert.deepEqual(await teamIds(database, 'g1-'), ['g1-a', 'g1-b']);
    });

    test('a unit that fails is rolled back to its savepoint; the others of its group commit', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const { database } = fresh;
      const group = heldOpenGroup(database);
      const units = ['g2-a', 'g2-b', 'g2-c'].map((id) =>
        group.run(async (trx) => {
          await insertTeam(trx, id);
          if (id === 'g2-b') {
            await insertTeam(trx, 'g2-b-extra');
            throw new Error('refused');
          }
          return id;
        }),
      );
      const outcomes = await Promise.allSettled(units);
      assert.deepEqual(
        outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
        ['g2-a', 'refused', 'g2-c'],
      );
      assert.deepEqual(await teamIds(database, 'g2-'), ['g2-a', 'g2-c']);
    });

    test('the first and the last unit fail: only the one between them is written', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const { database } = fresh;
      const group = heldOpenGroup(database);
      const units = ['g4-a', 'g4-b', 'g4-c'].map((id) =>
        group.run(async (trx) => {
          await insertTeam(trx, id);
          if (id !== 'g4-b') throw new Error(`refused ${id}`);
          return id;
        }),
      );
      const outcomes = await Promise.allSettled(units);
      assert.deepEqual(
        outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
        ['refused g4-a', 'g4-b', 'refused g4-c'],
      );
      assert.deepEqual(await teamIds(database, 'g4-'), ['g4-b']);
      // A database error (not a thrown one) in a unit is rolled back alone too.
      const after = ['g5-a', 'g5-b'].map((id) => group.run(async (trx) => (await insertTeam(trx, id === 'g5-b' ? 'g4-b' : id), id)));
      assert.deepEqual((await Promise.allSettled(after)).map((o) => o.status), ['fulfilled', 'rejected']);
      assert.deepEqual(await teamIds(database, 'g5-'), ['g5-a']);
    });

    test('a unit alone: the units before it commit first, it runs in a transaction of its own, the units after it in the next', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const { database } = fresh;
      const group = heldOpenGroup(database);
      const seen: Record<string, boolean> = {};
      let savepointInAlone: string | undefined;
      const before = group.run(async (trx) => (await insertTeam(trx, 'g6-a'), 'a'));
      const alone = group.run(async (trx) => {
        seen.beforeCommittedFirst = await committedTeam(database, 'g6-a');
        await insertTeam(trx, 'g6-b');
        // SQLite: no savepoint around it (its journal would keep every page it changes in memory).
        if (engine === 'sqlite') savepointInAlone = await sql`rollback to unit`.execute(trx).then(() => 'present', (error: Error) => error.message);
        return 'b';
      }, true);
      const after = group.run(async (trx) => {
        seen.aloneCommittedFirst = await committedTeam(database, 'g6-b');
        await insertTeam(trx, 'g6-c');
        return 'c';
      });
      assert.deepEqual(await Promise.all([before, alone, after]), ['a', 'b', 'c']);
      assert.deepEqual(seen, { beforeCommittedFirst: true, aloneCommittedFirst: true });
      if (engine === 'sqlite') assert.match(savepointInAlone ?? '', /no such savepoint/);
      assert.deepEqual(await teamIds(database, 'g6-'), ['g6-a', 'g6-b', 'g6-c']);
      // A unit alone that fails takes only its own work back.
      const units = [
        group.run(async (trx) => (await insertTeam(trx, 'g7-a'), 'a')),
        group.run(async (trx) => {
          await insertTeam(trx, 'g7-b');
          throw new Error('refused');
        }, true),
        group.run(async (trx) => (await insertTeam(trx, 'g7-c'), 'c')),
      ];
      assert.deepEqual(
        (await Promise.allSettled(units)).map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
        ['a', 'refused', 'c'],
      );
      assert.deepEqual(await teamIds(database, 'g7-'), ['g7-a', 'g7-c']);
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
      const group = heldOpenGroup(database);
      const units = ['g3-a', 'g3-b'].map((id) =>
        group.run(async (trx) => {
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
        }),
      );
      const outcomes = await Promise.allSettled(units);
      assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected']);
      assert.deepEqual(await teamIds(database, 'g3-'), []);
      // The group's connection is usable afterwards.
      assert.equal(await group.run((trx) => insertTeam(trx, 'g3-after').then(() => 'ok')), 'ok');
    });
  });
}
