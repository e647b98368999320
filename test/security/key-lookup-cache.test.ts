import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { findPrincipalByKeyHash, hashKey, revokeApiKey, type KeyPrincipal } from '../../src/store/api-keys.js';
import { unchangedDatabaseCache } from '../../src/store/unchanged-database-cache.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/engines.js';
import { createTenant, type Tenant } from '../support/tenant.js';

// The API-key look-up may be reused only while nothing was committed (unchanged-database-cache.ts):
// a revocation, from this process or another one, must hold at the very next look-up.
for (const engine of ENGINES) {
  describe(`API-key look-ups reused only while the database is unchanged (${engine})`, () => {
    let test_: TestDatabase;
    let tenant: Tenant;
    let lookUps = 0;
    let principalOf: (hash: string) => Promise<KeyPrincipal | undefined>;

    before(async () => {
      test_ = await freshDatabase(engine);
      tenant = await createTenant(test_.database);
      principalOf = unchangedDatabaseCache(test_.database, (hash) => {
        lookUps++;
        return findPrincipalByKeyHash(test_.database.readDb, hash);
      });
    });
    after(() => test_?.drop());

    test('repeated and concurrent look-ups with no commit between them', async () => {
      lookUps = 0;
      const hash = hashKey(tenant.key);
      const answers = await Promise.all([principalOf(hash), principalOf(hash), principalOf(hash)]);
      answers.push(await principalOf(hash));
      for (const answer of answers) assert.equal(answer?.keyId, tenant.keyId);
      // SQLite reads its change counter and looks up once; PostgreSQL looks up every time.
      assert.equal(lookUps, engine === 'sqlite' ? 1 : 4);
    });

    test('a commit on the server\'s own connection: the next look-up reads again', async () => {
      const hash = hashKey(tenant.key);
      assert.equal((await principalOf(hash))?.revoked, false);
      lookUps = 0;
      await test_.database.db.updateTable('users').set({ crm_limit: 7 }).where('id', '=', tenant.user.id).execute();
      const after = await principalOf(hash);
      assert.equal(after?.userCrmLimit, 7);
      assert.equal(lookUps, 1);
    });

    // SQLite only: on PostgreSQL every call looks up (first test), there is nothing to go stale.
    if (engine === 'sqlite') test('a revocation committed by another connection (another process, the CLI) holds at once', async () => {
      const other = await createTenant(test_.database);
      const hash = hashKey(other.key);
      assert.equal((await principalOf(hash))?.revoked, false);
      assert.equal((await principalOf(hash))?.revoked, false);
      const elsewhere = new SQLite(test_.url);
      try {
        elsewhere.prepare('update api_keys set revoked_at = ? where id = ?').run(new Date().toISOString(), other.keyId);
      } finally {
        elsewhere.close();
      }
      assert.equal((await principalOf(hash))?.revoked, true);
    });

    test('a revocation through the store, then an unknown key: neither is answered from memory', async () => {
      const other = await createTenant(test_.database);
      const hash = hashKey(other.key);
      assert.equal((await principalOf(hash))?.revoked, false);
      await revokeApiKey(test_.database.db, other.keyId, other.user.id);
      assert.equal((await principalOf(hash))?.revoked, true);

      lookUps = 0;
      const unknown = hashKey('ph_unknown_key_never_created_0000000000000000');
      assert.equal(await principalOf(unknown), undefined);
      assert.equal(await principalOf(unknown), undefined);
      assert.equal(lookUps, 2, 'an unknown key is looked up each time: it could be created at any moment');
    });
  });
}
