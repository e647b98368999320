import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '../../src/ids.js';
import { insertRows, type ColumnList } from '../../src/store/dialect.js';
import { inTransaction } from '../../src/store/transaction.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/engines.js';
import { createTenant, type Tenant } from '../support/tenant.js';

const COLUMNS: ColumnList<'prospects'> = [
  ['id', 'text'],
  ['user_id', 'text'],
  ['list_id', 'text'],
  ['public_identifier', 'text'],
  ['linkedin_url', 'text'],
  ['profile', 'text'],
  ['custom_variables', 'text'],
  ['origin', 'text'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
];

// insertRows, the bulk insert of the import path (dialect.ts): every row written with its own
// values, and a failing row takes the whole unit back with it.
for (const engine of ENGINES) {
  describe(`bulk inserts (${engine})`, () => {
    let test_: TestDatabase;
    let tenant: Tenant;
    before(async () => {
      test_ = await freshDatabase(engine);
      tenant = await createTenant(test_.database);
    });
    after(() => test_?.drop());

    const row = (slug: string, id = newId()) => {
      const at = new Date().toISOString();
      return [id, tenant.user.id, tenant.listId, slug, `https://www.linkedin.com/in/${slug}`, `{"firstName":"${slug}"}`, '[]', 'bulk-test', at, at];
    };
    const stored = () => test_.database.db.selectFrom('prospects').select(['id', 'public_identifier', 'profile']).where('origin', '=', 'bulk-test').orderBy('public_identifier').execute();

    test('1,001 rows, each with its own values', async () => {
      const rows = Array.from({ length: 1001 }, (_, i) => row(`bulk-${String(i).padStart(4, '0')}`));
      await inTransaction(test_.database, (trx) => insertRows(trx, 'prospects', COLUMNS, rows));
      const found = await stored();
      assert.equal(found.length, 1001);
      assert.deepEqual(
        found.map((p) => [p.id, p.public_identifier, p.profile]),
        rows.map((r) => [r[0], r[3], r[5]]),
      );
    });

    test('a second column list for the same table gets its own statement', async () => {
      // The same columns in another order: a statement cached by table alone would write each
      // value into the first caller's column.
      const reordered: ColumnList<'prospects'> = [COLUMNS[0]!, COLUMNS[1]!, COLUMNS[2]!, COLUMNS[4]!, COLUMNS[3]!, ...COLUMNS.slice(5)];
      await inTransaction(test_.database, (trx) => insertRows(trx, 'prospects', COLUMNS, [row('order-a')]));
      const swapped = row('order-b');
      [swapped[3], swapped[4]] = [swapped[4], swapped[3]] as [string, string];
      await inTransaction(test_.database, (trx) => insertRows(trx, 'prospects', reordered, [swapped]));
      const found = await test_.database.db
        .selectFrom('prospects')
        .select(['public_identifier', 'linkedin_url'])
        .where('public_identifier', 'in', ['order-a', 'order-b'])
        .orderBy('public_identifier')
        .execute();
      assert.deepEqual(found, [
        { public_identifier: 'order-a', linkedin_url: 'https://www.linkedin.com/in/order-a' },
        { public_identifier: 'order-b', linkedin_url: 'https://www.linkedin.com/in/order-b' },
      ]);
    });

    test('a row that fails half-way leaves nothing of the unit written', async () => {
      const before = (await stored()).length;
      const rows = Array.from({ length: 10 }, (_, i) => row(`half-${i}`));
      rows[6] = row('half-dup', rows[2]![0] as string); // the same primary key as row 2
      await assert.rejects(inTransaction(test_.database, (trx) => insertRows(trx, 'prospects', COLUMNS, rows)), /unique|duplicate/i);
      assert.equal((await stored()).length, before);
    });
  });
}
