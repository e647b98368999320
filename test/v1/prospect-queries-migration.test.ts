import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { newId } from '../../src/ids.js';
import { createAccount } from '../../src/services/accounts.js';
import { openDatabase } from '../../src/store/database.js';
import { migrateTo, migrateToLatest } from '../../src/store/migrate.js';
import { pageOfProspects } from '../../src/store/prospect-queries.js';
import { nowIso } from '../../src/store/time.js';
import { ENGINES, freshDatabaseUrl } from '../support/engines.js';

// Migration 2026-12-02-002-prospect-queries fills search_text for the prospects already stored, so a
// database upgraded in place searches them like new ones.

for (const engine of ENGINES) {
  describe(`prospect search after an upgrade (${engine})`, () => {
    test('prospects stored before the migration are found by name, company, identifier and URL', async (t) => {
      const url = await freshDatabaseUrl(engine);
      const database = openDatabase(url.url, { poolSize: 2 });
      t.after(async () => {
        await database.close();
        await url.drop();
      });
      await migrateTo(database, '2026-12-02-001-key-scopes');
      const user = await createAccount(database.db, { email: `old-${newId()}@example.test`, plan: 'business' });
      const at = nowIso();
      // Raw SQL: the tables as they were (today's createList also writes to the events table, added later).
      const list = { id: newId() };
      await sql`insert into prospect_lists (id, user_id, name, icon_color, icon_label, created_at, updated_at)
        values (${list.id}, ${user.id}, 'Old', '#2563eb', 'O', ${at}, ${at})`.execute(database.db);
      const id = newId();
      // The prospects table as it was, without search_text.
      await sql`insert into prospects (id, user_id, list_id, public_identifier, linkedin_url, profile, first_name, last_name, company_name, custom_variables, origin, created_at, updated_at)
        values (${id}, ${user.id}, ${list.id}, ${'élodie-old'}, ${'https://www.linkedin.com/in/%C3%A9lodie-old'}, '{}', ${'Élodie'}, ${'Martin'}, ${'Société X'}, '[]', 'example', ${at}, ${at})`.execute(database.db);
      await migrateToLatest(database);
      for (const q of ['ELODIE', 'martin', 'societe x', 'elodie-old', 'linkedin.com/in/elodie']) {
        const rows = await pageOfProspects(database.db, user.id, { q }, undefined, 10);
        assert.deepEqual(rows.map((r) => r.id), [id], q);
      }
    });
  });
}
