import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { newId } from '../../src/ids.js';
import { openDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { itemsOfPerson } from '../../src/store/prospect-items.js';
import { pageOfProspects } from '../../src/store/prospect-queries.js';
import { insertProspects, updateProspects } from '../../src/store/prospects.js';
import type { Schema } from '../../src/store/schema.js';
import { EACH_ROW, eachRowStatement, TransactionalDdlSqliteDialect } from '../../src/store/sqlite-dialect.js';
import { touchProspects } from '../../src/store/tags.js';
import type { ProspectState } from '../../src/engine/decide-import.js';
import { freshDatabaseUrl } from '../support/engines.js';
import { createTenant, type Tenant } from '../support/tenant.js';

// SQLite keeps no statistics, so a statement that tests `user_id = ?` beside a set of ids can be
// planned as a walk of the whole CRM's user_id index, testing every row against the ids (or, for
// an UPDATE … FROM json_each, against every row of the set: seconds per import in a CRM of
// 150,000). The plans of the statements that take a set of ids, and of the look-up of a person's
// copies, must find rows by their keys.

/** A CRM-wide walk: a prospects index searched on user_id alone. */
const CRM_WALK = /SEARCH \w+ USING (COVERING )?INDEX prospects_\w+ \(user_id=\?\)$/;

describe('SQLite plans of statements over a set of prospect ids', () => {
  let location: { url: string; drop(): Promise<void> };
  let tenant: Tenant;
  let connection: SQLite.Database;
  let db: Kysely<Schema>;
  const recorded: string[] = [];

  before(async () => {
    location = await freshDatabaseUrl('sqlite');
    const database = openDatabase(location.url);
    await migrateToLatest(database);
    tenant = await createTenant(database);
    await database.close();
    connection = new SQLite(location.url);
    const recording = {
      close: () => connection.close(),
      prepare(text: string) {
        recorded.push(text);
        return text.startsWith(EACH_ROW) ? eachRowStatement(connection.prepare(text)) : connection.prepare(text);
      },
    };
    db = new Kysely<Schema>({ dialect: new TransactionalDdlSqliteDialect({ database: recording }) });
  });
  after(async () => {
    await db?.destroy();
    await location?.drop();
  });

  /** The plan of every statement recorded while `run` ran that takes a set of values (json_each). */
  async function plansOf(name: string, run: () => Promise<unknown>, overIds = true): Promise<{ text: string; plan: string[] }[]> {
    recorded.length = 0;
    await run();
    const texts = [...new Set(recorded.filter((text) => (!overIds || text.includes('json_each(?)')) && /\bprospects\b/.test(text)))];
    assert.ok(texts.length > 0, `${name} ran a statement over a set of prospect ids`);
    return texts.map((text) => {
      const parameters = Array.from(text.matchAll(/\?/g), () => null);
      const plan = (connection.prepare(`explain query plan ${text}`).all(...parameters) as { detail: string }[]).map((row) => row.detail);
      return { text, plan };
    });
  }

  const person = (slug: string): ProspectState => ({
    id: newId(),
    listId: tenant.listId,
    identity: { kind: 'publicIdentifier', value: slug, canonicalUrl: `https://www.linkedin.com/in/${slug}` },
    profile: { firstName: 'Ada', lastName: slug },
    variables: [],
    duplicateOf: null,
    doNotContact: false,
    updatedAt: new Date().toISOString(),
  });

  test('an import that moves or fills existing prospects, a tag change, a search page and a look-up find prospects by their keys', async () => {
    const people = [person(`ada-${newId()}`), person(`ada-${newId()}`)];
    const at = new Date().toISOString();
    await insertProspects(db, tenant.user.id, people, 'plan-test', at);
    const moved = people.map((p) => ({ ...p, listId: tenant.lists[1]!.id }));
    const checks = [
      ...(await plansOf('an import that moves', () => updateProspects(db, tenant.user.id, moved, at))),
      ...(await plansOf('a tag change', () => touchProspects(db, tenant.user.id, people.map((p) => p.id), at))),
      ...(await plansOf('a search page', () => pageOfProspects(db, tenant.user.id, { q: 'ada' }, undefined, 10))),
      ...(await plansOf('a look-up with its copies', () => itemsOfPerson(db, tenant.user.id, people[0]!.identity), false)),
    ];
    for (const { text, plan } of checks) {
      assert.ok(!plan.some((line) => CRM_WALK.test(line)), `walks the CRM:\n${text}\n${plan.join('\n')}`);
    }
    assert.ok(checks.some(({ plan }) => plan.some((line) => /SEARCH \w+ USING INDEX sqlite_autoindex_prospects_1 \(id=\?\)/.test(line))), 'some statement looks prospects up by id');
  });
});
