import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Database } from '../../src/store/database.js';
import type { TestServer } from './server.js';
import type { Tenant } from './tenant.js';

/**
 * Stored counts equal real counts of rows: every list's total_prospects and every user's CRM count
 * (of one user, or of every user). Returns the lists' totals by id.
 */
async function assertStoredCountsExact(database: Database, userId?: string): Promise<Record<string, number>> {
  const db = database.db;
  const lists = await db
    .selectFrom('prospect_lists as l')
    .select(['l.id', 'l.total_prospects', (eb) => eb.selectFrom('prospects as p').whereRef('p.list_id', '=', 'l.id').select((e) => e.fn.countAll().as('n')).as('real')])
    .$if(userId !== undefined, (q) => q.where('l.user_id', '=', userId!))
    .execute();
  for (const list of lists) assert.equal(Number(list.total_prospects), Number(list.real), `totalProspects of list ${list.id}`);

  const users = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.prospect_count', (eb) => eb.selectFrom('prospects as p').whereRef('p.user_id', '=', 'u.id').select((e) => e.fn.countAll().as('n')).as('real')])
    .$if(userId !== undefined, (q) => q.where('u.id', '=', userId!))
    .execute();
  for (const user of users) assert.equal(Number(user.prospect_count), Number(user.real), `CRM count of user ${user.id}`);
  return Object.fromEntries(lists.map((l) => [l.id, Number(l.total_prospects)]));
}

/** totalProspects of every list of the caller, by list id, as the compatible endpoint reports it. */
export async function listTotals(server: TestServer, tenant: Tenant): Promise<Record<string, number>> {
  const answer = await server.request('/prospectLists/getProspectLists', { key: tenant.key });
  assert.equal(answer.status, 200);
  return Object.fromEntries((answer.body as any[]).map((l) => [l._id, l.totalProspects]));
}

/**
 * The caller's counts are exact: every list's totalProspects (stored, and as the compatible endpoint
 * reports it) and the CRM count equal a real count of rows. Returns the per-list totals.
 */
export async function assertCountsExact(server: TestServer, tenant: Tenant): Promise<Record<string, number>> {
  const stored = await assertStoredCountsExact(server.database, tenant.user.id);
  assert.deepEqual(await listTotals(server, tenant), stored, 'the compatible endpoint reports the stored totals');
  return stored;
}

/**
 * The database invariants every test that attacks the service checks afterwards: every list's total
 * and every user's CRM count equal a real count of rows, and no profile exists twice in one CRM
 * except as an explicit duplicate copy.
 */
export async function assertDatabaseInvariants(database: Database): Promise<void> {
  await assertStoredCountsExact(database);
  const db = database.db;
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
