import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../../src/store/database.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer } from '../support/server.js';
import { createTenant, importBody } from '../support/tenant.js';

// Erasure of a person whose slug has accents (docs/v1.md#privacy-erasure-do-not-contact-access):
// their URL travels percent-encoded ("/in/j%C3%BCrgen-…"), and a stored refusal naming it in that
// spelling must go like one naming it as read.

/** Stored answers and activity outcomes holding any of these texts (case-insensitively). */
async function storedMentions(database: Database, userId: string, texts: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const text of texts) {
    const pattern = `%${text.toLowerCase()}%`;
    const answers = await sql<{ n: number }>`select count(*) as n from idempotency_keys where user_id = ${userId} and lower(response_body) like ${pattern}`.execute(database.db);
    if (Number(answers.rows[0]!.n) > 0) found.push(`idempotency_keys holds ${text}`);
    const outcomes = await sql<{ n: number }>`select count(*) as n from activity_events where user_id = ${userId} and lower(outcomes) like ${pattern}`.execute(database.db);
    if (Number(outcomes.rows[0]!.n) > 0) found.push(`activity_events holds ${text}`);
  }
  return found;
}

for (const engine of ENGINES) {
  describe(`erasure of a slug with accents (${engine})`, () => {
    const shared = sharedServer(engine);

    test('a stored refusal naming their percent-encoded URL is deleted with the rest; one audit entry names no personal data', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const tag = randomBytes(4).toString('hex');
      const encoded = `j%C3%BCrgen-m%C3%BCller-${tag}`;
      const url = `https://www.linkedin.com/in/${encoded}`;
      const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, headers: { 'idempotency-key': `ok-${tag}` }, body: importBody(tenant.listId, [url]) });
      assert.equal(imported.status, 200, imported.text);
      // A malformed copy of their URL is refused, and the refusal, naming it, is kept for the key's replays.
      const refused = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, headers: { 'idempotency-key': `refused-${tag}` }, body: importBody(tenant.listId, [`${url}%`]) });
      assert.equal(refused.status, 400, refused.text);
      const spellings = [`m%c3%bcller-${tag}`, `müller-${tag}`];
      assert.ok((await storedMentions(server.database, tenant.user.id, spellings)).includes(`idempotency_keys holds m%c3%bcller-${tag}`), 'the refusal is stored with their URL');

      const erased = await server.request('/v1/erasures', { key: tenant.fullKey, body: { url: `https://fr.linkedin.com/in/J%C3%BCrgen-M%C3%BCller-${tag}/` } });
      assert.equal(erased.status, 200, erased.text);
      assert.deepEqual(erased.body, { erased: { prospects: 1, enrolments: 0, activityItems: 1, idempotencyAnswers: 2, notes: 0 }, tombstones: 1 });
      assert.deepEqual(await storedMentions(server.database, tenant.user.id, spellings), [], 'nothing of theirs is left in stored answers or outcomes');
      const replay = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, headers: { 'idempotency-key': `refused-${tag}` }, body: importBody(tenant.listId, [`${url}%`]) });
      assert.equal(replay.headers.get('idempotent-replayed'), null, 'the refusal is not replayed: the request runs again');
      assert.equal(replay.status, 400);

      // The audit log, readable through /v1: one entry for the erasure, its counts, nobody's name.
      const audit = await server.request('/v1/audit', { key: tenant.fullKey });
      assert.equal(audit.status, 200, audit.text);
      assert.equal(audit.body.data.length, 1);
      assert.equal(audit.body.nextCursor, null);
      assert.equal(audit.body.data[0].action, 'person.erased');
      assert.deepEqual(audit.body.data[0].counts, { prospects: 1, enrolments: 0, activityItems: 1, idempotencyAnswers: 2, notes: 0, tombstones: 1 });
      assert.doesNotMatch(audit.text, new RegExp(`${tag}|j%c3%bcrgen|jürgen|${imported.body.result[0].prospect._id}`, 'i'), 'the audit names no personal data');
    });
  });
}

for (const engine of ENGINES) {
  describe(`the audit log (${engine})`, () => {
    const shared = sharedServer(engine);

    test('pages newest first without skipping or repeating an entry; another tenant sees none of them', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      for (let i = 0; i < 3; i++) {
        const erased = await server.request('/v1/erasures', { key: tenant.fullKey, body: { url: `https://www.linkedin.com/in/nobody-${randomBytes(4).toString('hex')}` } });
        assert.equal(erased.status, 200, erased.text);
      }
      const first = await server.request('/v1/audit?limit=2', { key: tenant.fullKey });
      assert.equal(first.body.data.length, 2);
      const second = await server.request(`/v1/audit?limit=2&cursor=${first.body.nextCursor}`, { key: tenant.fullKey });
      assert.equal(second.body.data.length, 1);
      assert.equal(second.body.nextCursor, null);
      const ids = [...first.body.data, ...second.body.data].map((e: { id: string }) => e.id);
      assert.deepEqual(ids, [...ids].sort().reverse(), 'newest first');
      assert.equal(new Set(ids).size, 3);
      const other = await createTenant(server.database);
      assert.deepEqual((await server.request('/v1/audit', { key: other.fullKey })).body.data, []);
      assert.equal((await server.request('/v1/audit?cursor=nonsense', { key: tenant.fullKey })).status, 400);
    });
  });
}
