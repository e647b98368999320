import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { newId } from '../../src/ids.js';
import { createAccount } from '../../src/services/accounts.js';
import { SearchIndexer } from '../../src/services/search-indexer.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { createList } from '../../src/store/lists.js';
import { migrateTo, migrateToLatest } from '../../src/store/migrate.js';
import { pageOfProspects } from '../../src/store/prospect-queries.js';
import { nowIso } from '../../src/store/time.js';
import { ENGINES, freshDatabaseUrl } from '../support/engines.js';
import { sharedServer, startServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, type Tenant } from '../support/tenant.js';

// The text search of /v1/prospects (docs/v1.md#text-search): names, company, slug and URL, whatever
// the case and accents; on SQLite through a trigram index kept by a background indexer, so each
// answer is checked both before and after the index has caught up.

/** Brings SQLite's search index up to date (what the server's indexer does when quiet); nothing on PostgreSQL. */
async function catchUp(database: Database): Promise<void> {
  if (database.engine === 'sqlite') await new SearchIndexer(database, { warn() {} }).catchUp();
}

async function rowidsOf(database: Database, ids: readonly string[]): Promise<number[]> {
  const rows = await database.db.selectFrom('prospects').select(sql<number>`rowid`.as('r')).where('id', 'in', [...ids]).execute();
  return rows.map((row) => Number(row.r));
}

/** How many of these prospects the SQLite index holds. */
async function indexedCount(database: Database, ids: readonly string[]): Promise<number> {
  const rowids = await rowidsOf(database, ids);
  const found = await sql<{ n: number }>`select count(*) as n from prospect_search where rowid in (select value from json_each(${JSON.stringify(rowids)}))`.execute(database.db);
  return Number(found.rows[0]!.n);
}

async function importPeople(server: TestServer, tenant: Tenant, people: Record<string, unknown>[]): Promise<string[]> {
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, people) });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.result.map((r: { prospect: { _id: string } }) => r.prospect._id);
}

async function search(server: TestServer, tenant: Tenant, q: string): Promise<string[]> {
  const answer = await server.request(`/v1/prospects?q=${encodeURIComponent(q)}`, { key: tenant.fullKey });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.data.map((p: { id: string }) => p.id).sort();
}

/** Every query finds exactly its expected prospects. */
async function assertFinds(server: TestServer, tenant: Tenant, cases: [q: string, expected: string[]][], when: string): Promise<void> {
  for (const [q, expected] of cases) assert.deepEqual(await search(server, tenant, q), [...expected].sort(), `"${q}" ${when}`);
}

for (const engine of ENGINES) {
  describe(`/v1/prospects text search (${engine})`, () => {
    const shared = sharedServer(engine);

    test('finds a prospect imported a moment ago, before and after the index catches up: by name and company whatever the case and accents, by its slug, by its URL in any shape', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const tag = randomBytes(4).toString('hex');
      // A nameless prospect, shown by its slug, whose URL percent-encodes its accents.
      const [nameless, named] = await importPeople(server, tenant, [
        { url: `https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-${tag}` },
        { url: `https://www.linkedin.com/in/lea-${tag}`, customProfile: { firstName: 'Léa', lastName: `Dürr${tag}`, company: { name: `Café ${tag} Société` } } },
      ]);
      // Letters Unicode does not decompose are folded as people type them without.
      const [folded] = await importPeople(server, tenant, [{ url: `https://www.linkedin.com/in/s-${tag}`, customProfile: { firstName: 'Søren', lastName: `Łukasiewicz${tag}`, company: { name: `Straße ${tag}` } } }]);
      const cases: [string, string[]][] = [
        [`jurgen-muller-${tag}`, [nameless!]],
        [`JÜRGEN-MÜLLER-${tag}`, [nameless!]],
        [`muller-${tag}`, [nameless!]],
        [`https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-${tag}/?originalSubdomain=fr`, [nameless!]],
        [`fr.linkedin.com/in/Jürgen-Müller-${tag}`, [nameless!]],
        [`lea durr${tag}`, [named!]],
        [`LÉA DÜRR${tag}`, [named!]],
        [`cafe ${tag} societe`, [named!]],
        [`https://www.linkedin.com/in/lea-${tag}/`, [named!]],
        [`soren lukasiewicz${tag}`, [folded!]],
        [`SØREN ŁUKASIEWICZ${tag}`, [folded!]],
        [`strasse ${tag}`, [folded!]],
        [tag, [nameless!, named!, folded!]],
        [`${tag}-nobody`, []],
      ];
      await assertFinds(server, tenant, cases, 'right after the import');
      await catchUp(server.database);
      if (engine === 'sqlite') assert.equal(await indexedCount(server.database, [nameless!, named!, folded!]), 3, 'the indexer caught up');
      await assertFinds(server, tenant, cases, 'once indexed');
    });

    test('a text in hundreds of rows, behind thousands of newer ones, pages newest first without skipping or repeating, indexed or not', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const tag = randomBytes(4).toString('hex');
      const people = (n: number, lastName: string, from: number) => Array.from({ length: n }, (_, i) => ({ url: `https://www.linkedin.com/in/${lastName.toLowerCase()}-${tag}-${from + i}`, customProfile: { lastName } }));
      // More matches than the index answers whole (256), behind thousands of newer rows that do not match.
      const matching = await importPeople(server, tenant, people(300, `Kommon${tag}`, 0));
      for (let k = 0; k < 4; k++) await importPeople(server, tenant, people(1_000, 'Other', k * 1_000));
      await importPeople(server, tenant, people(200, 'Other', 4_000));
      const walk = async () => {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const answer = await server.request(`/v1/prospects?q=kommon${tag}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key: tenant.fullKey });
          assert.equal(answer.status, 200, answer.text);
          ids.push(...answer.body.data.map((p: { id: string }) => p.id));
          cursor = answer.body.nextCursor;
        } while (cursor);
        return ids;
      };
      const newestFirst = [...matching].sort().reverse();
      assert.deepEqual(await walk(), newestFirst, 'before the index catches up');
      await catchUp(server.database);
      assert.deepEqual(await walk(), newestFirst, 'once indexed');
      // A common text fills its page from the newest rows.
      assert.equal((await search(server, tenant, 'other')).length, 50);
    });

    test('a change of name or a deletion shows at once, indexed or not', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const tag = randomBytes(4).toString('hex');
      const [kept, gone] = await importPeople(server, tenant, [
        { url: `https://www.linkedin.com/in/kept-${tag}`, customProfile: { firstName: `Old${tag}` } },
        { url: `https://www.linkedin.com/in/gone-${tag}`, customProfile: { firstName: `Gone${tag}` } },
      ]);
      await catchUp(server.database);
      const renamed = await server.request(`/v1/prospects/${kept}`, { method: 'PATCH', key: tenant.fullKey, body: { profile: { firstName: `Néw${tag}` }, overwrite: true } });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal((await server.request(`/v1/prospects/${gone}`, { method: 'DELETE', key: tenant.fullKey })).status, 204);
      const cases: [string, string[]][] = [
        [`old${tag}`, []],
        [`new${tag}`, [kept!]],
        [`gone${tag}`, []],
        [`gone-${tag}`, []],
        [tag, [kept!]],
      ];
      await assertFinds(server, tenant, cases, 'before the index catches up');
      await catchUp(server.database);
      await assertFinds(server, tenant, cases, 'once indexed');
    });

    test('bulk by filter with a text search acts on exactly the matching prospects, indexed or not', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const tag = randomBytes(4).toString('hex');
      const people = Array.from({ length: 30 }, (_, i) => ({ url: `https://www.linkedin.com/in/p-${tag}-${i}`, customProfile: { lastName: i % 3 === 0 ? `Müller${tag}` : `Other${tag}` } }));
      const half = await importPeople(server, tenant, people.slice(0, 15));
      await catchUp(server.database);
      const rest = await importPeople(server, tenant, people.slice(15));
      const matching = [...half, ...rest].filter((_, i) => i % 3 === 0);
      const moved = await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'move', filter: { q: `muller${tag}` }, listId: tenant.lists[1]!.id } });
      assert.equal(moved.status, 200, moved.text);
      assert.equal(moved.body.counts.moved, matching.length);
      const inList = await server.request(`/v1/prospects?listId=${tenant.lists[1]!.id}&limit=100`, { key: tenant.fullKey });
      assert.deepEqual(inList.body.data.map((p: { id: string }) => p.id).sort(), matching.sort());
    });

    test('a prospect that takes the rowid of deleted ones is found (SQLite gives a new row the top rowid + 1)', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const tag = randomBytes(4).toString('hex');
      const top = await importPeople(server, tenant, [{ url: `https://www.linkedin.com/in/top-a-${tag}` }, { url: `https://www.linkedin.com/in/top-b-${tag}` }]);
      await catchUp(server.database);
      const before = engine === 'sqlite' ? Math.max(...(await rowidsOf(server.database, top))) : 0;
      for (const id of top) assert.equal((await server.request(`/v1/prospects/${id}`, { method: 'DELETE', key: tenant.fullKey })).status, 204);
      const [late] = await importPeople(server, tenant, [{ url: `https://www.linkedin.com/in/late-${tag}`, customProfile: { firstName: `Late${tag}` } }]);
      if (engine === 'sqlite') assert.ok((await rowidsOf(server.database, [late!]))[0]! <= before, 'the new row reused an indexed rowid');
      await assertFinds(server, tenant, [[`late${tag}`, [late!]], [`top-a-${tag}`, []]], 'before the index catches up');
      await catchUp(server.database);
      await assertFinds(server, tenant, [[`late${tag}`, [late!]], [`top-a-${tag}`, []]], 'once indexed');
    });

    test('an upgrade folds ø, ł, ß… in the text stored before, and the index follows', async (t) => {
      const url = await freshDatabaseUrl(engine);
      const database = openDatabase(url.url, { poolSize: 2 });
      t.after(async () => {
        await database.close();
        await url.drop();
      });
      await migrateTo(database, '2026-12-03-040-sqlite-search-index');
      const user = await createAccount(database.db, { email: `fold-${newId()}@example.test`, plan: 'business' });
      const list = await createList(database.db, user.id, { name: 'Old' });
      const id = newId();
      const at = nowIso();
      // As the service wrote it before: accents stripped, ø and ł kept.
      await sql`insert into prospects (id, user_id, list_id, public_identifier, linkedin_url, profile, first_name, last_name, company_name, custom_variables, origin, created_at, updated_at, search_text)
        values (${id}, ${user.id}, ${list.id}, ${'søren-old'}, ${'https://www.linkedin.com/in/s%C3%B8ren-old'}, '{}', ${'Søren'}, ${'Łukasiewicz'}, ${'Straße'}, '[]', 'example', ${at}, ${at}, ${'søren łukasiewicz straße søren-old'})`.execute(database.db);
      await catchUp(database);
      await migrateToLatest(database);
      for (const q of ['soren lukasiewicz', 'strasse', 'soren-old', 'Søren']) assert.deepEqual((await pageOfProspects(database.db, user.id, { q }, undefined, 10)).map((r) => r.id), [id], `${q} after the upgrade`);
      await catchUp(database);
      for (const q of ['soren lukasiewicz', 'strasse', 'soren-old']) assert.deepEqual((await pageOfProspects(database.db, user.id, { q }, undefined, 10)).map((r) => r.id), [id], `${q} once indexed`);
    });

    test('an erasure leaves nothing of the person in the search index: neither its copy of their text nor their trigrams in its pages', { skip: engine !== 'sqlite' && 'PostgreSQL keeps no index of its own: its pg_trgm entries go with the row' }, async (t) => {
      // A database of its own, so that the person's trigrams are the only ones of their kind.
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const [erased, bystander] = await importPeople(server, tenant, [
        { url: 'https://www.linkedin.com/in/xqzwvk-jqpzyx', customProfile: { firstName: 'Vkxqzw', company: { name: 'Zwjqvx' } } },
        { url: 'https://www.linkedin.com/in/anna-smith', customProfile: { firstName: 'Anna' } },
      ]);
      await catchUp(server.database);
      const trigrams = ['xqz', 'qzw', 'zwv', 'wvk', 'jqp', 'qpz', 'pzy', 'vkx', 'kxq', 'zwj', 'wjq', 'jqv', 'qvx'];
      const inPages = async () => {
        const blocks = await sql<{ block: Uint8Array | null }>`select block from prospect_search_data`.execute(server.database.db);
        const bytes = Buffer.concat(blocks.rows.map((r) => Buffer.from(r.block ?? new Uint8Array())));
        return trigrams.filter((trigram) => bytes.includes(trigram));
      };
      const copies = async () => Number((await sql<{ n: number }>`select count(*) as n from prospect_search_content where c0 like '%xqzwvk%'`.execute(server.database.db)).rows[0]!.n);
      assert.ok((await inPages()).length > 0, "the index pages hold the person's trigrams before the erasure");
      assert.equal(await copies(), 1);

      const answer = await server.request('/v1/erasures', { key: tenant.fullKey, body: { url: 'https://www.linkedin.com/in/xqzwvk-jqpzyx/' } });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(await inPages(), [], 'no trigram of theirs is left in the index pages');
      assert.equal(await copies(), 0);
      assert.deepEqual(await search(server, tenant, 'xqzwvk'), []);
      assert.deepEqual(await search(server, tenant, 'anna'), [bystander!]);
      assert.equal(await indexedCount(server.database, [bystander!]), 1, 'the bystander stays indexed');
      assert.ok(erased);
    });
  });
}
