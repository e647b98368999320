import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { runSql } from '../../src/store/dialect.js';
import { ENGINES, freshDatabase } from '../support/engines.js';
import { startServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

// PostgreSQL runs the statements written once as named statements (src/store/postgres-prepared.ts).
// A named `select *` would fail on every connection that prepared it once a migration adds a
// column while the instance runs (a rolling upgrade): such texts stay unnamed, and the import's
// statements, whose results are listed columns, keep working across the change.

describe('named statements on PostgreSQL', { skip: ENGINES.includes('postgres') ? false : 'PostgreSQL is not available' }, () => {
  test('a listed-columns text is named, a select * is not, and both run on after a column is added', async (t) => {
    const fresh = await freshDatabase('postgres');
    t.after(() => fresh.drop());
    const tenant = await createTenant(fresh.database);
    const listed = 'select id, name from prospect_lists where user_id = ?';
    const starred = 'select * from prospect_lists where user_id = ?';
    await fresh.database.db.connection().execute(async (connection) => {
      await runSql(connection, listed, [tenant.user.id]);
      await runSql(connection, starred, [tenant.user.id]);
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(connection);
      const statements = rows.map((r) => r.statement);
      assert.ok(statements.includes('select id, name from prospect_lists where user_id = $1'), statements.join('\n'));
      assert.ok(!statements.some((s) => s.includes('*')), 'no select * is named');

      await sql`alter table prospect_lists add column probe_column text`.execute(connection);
      const after = await runSql<Record<string, unknown>>(connection, starred, [tenant.user.id]);
      assert.ok(after.length > 0 && 'probe_column' in after[0]!);
      assert.equal((await runSql(connection, listed, [tenant.user.id])).length, after.length);
    });
  });

  test("imports go on after a column is added to prospects while the server runs", async (t) => {
    const server = await startServer(t, 'postgres');
    const tenant = await createTenant(server.database);
    const importOne = async () => {
      const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl()]) });
      assert.equal(answer.status, 200, answer.text);
    };
    for (let i = 0; i < 5; i++) await importOne();
    await sql`alter table prospects add column probe_column text`.execute(server.database.db);
    for (let i = 0; i < 5; i++) await importOne();
    const lookup = await server.request(`/v1/prospects?limit=100`, { key: tenant.fullKey });
    assert.equal(lookup.status, 200, lookup.text);
    assert.equal(lookup.body.data.length, 10);
  });
});
