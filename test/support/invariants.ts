import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Database } from '../../src/store/database.js';

/**
 * The database invariants every test that attacks the service checks afterwards (contract §2
 * "Identity", "Counts"): every list's total and every user's CRM count equal a real count of rows,
 * and no profile exists twice in one CRM except as an explicit duplicate copy.
 */
export async function assertDatabaseInvariants(database: Database): Promise<void> {
  const db = database.db;
  const badLists = await db
    .selectFrom('prospect_lists as l')
    .select(['l.id', 'l.total_prospects', (eb) => eb.selectFrom('prospects as p').whereRef('p.list_id', '=', 'l.id').select((e) => e.fn.countAll().as('n')).as('real')])
    .execute();
  for (const list of badLists) assert.equal(Number(list.total_prospects), Number(list.real), `totalProspects of list ${list.id}`);

  const users = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.prospect_count', (eb) => eb.selectFrom('prospects as p').whereRef('p.user_id', '=', 'u.id').select((e) => e.fn.countAll().as('n')).as('real')])
    .execute();
  for (const user of users) assert.equal(Number(user.prospect_count), Number(user.real), `CRM count of user ${user.id}`);

  for (const column of ['public_identifier', 'member_id', 'sales_member_id'] as const) {
    const doubles = await db
      .selectFrom('prospects')
      .select(['user_id', column, sql<number>`count(*)`.as('n')])
      .where(column, 'is not', null)
      .where('duplicate_of', 'is', null)
      .groupBy(['user_id', column])
      .having(sql`count(*)`, '>', 1)
      .execute();
    assert.deepEqual(doubles, [], `no profile twice by ${column}`);
  }
}
