import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createCampaign } from '../../src/store/campaigns.js';
import type { Database } from '../../src/store/database.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { ENGINES } from '../support/engines.js';
import type { TestResponse } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

// docs/api.md#atomicity-and-concurrency and docs/deploy.md: parallel requests split across several server processes
// on one database never double a prospect, never lose a count, never pass a CRM limit, never put a
// prospect in two active campaigns. These hold only because of database-level guarantees (the CRM
// row lock taken first in every import, the partial unique indexes); each test fails without them.

const IMPORT = '/prospects/addProspectFromIntegration';

/** Fires every request at once, request i at instance i mod N; every answer must be a 200. */
async function inParallel(cluster: TestCluster, bodies: unknown[], key: string): Promise<TestResponse[]> {
  const answers = await Promise.all(bodies.map((body, i) => cluster.request(i, IMPORT, { key, body })));
  answers.forEach((a, i) => assert.equal(a.status, 200, `request ${i} answered ${a.status}: ${a.text}`));
  return answers;
}

function codesOf(answers: TestResponse[], field: 'importCode' | 'addToCampaignCode') {
  return answers.flatMap((a) => a.body.result.map((r: Record<string, any>) => ({ code: r[field] as string, id: r.prospect?._id as string | undefined, identifier: r.prospect?.profile?.publicIdentifier as string | undefined })));
}

async function prospectRows(database: Database, userId: string) {
  return database.db.selectFrom('prospects').select(['id', 'list_id', 'public_identifier']).where('user_id', '=', userId).execute();
}

/** Every list's totalProspects and the user's prospect count equal a real count of rows. */
async function assertCountsExact(database: Database, userId: string): Promise<void> {
  const lists = await database.db
    .selectFrom('prospect_lists as l')
    .select(['l.id', 'l.total_prospects', (eb) => eb.selectFrom('prospects as p').whereRef('p.list_id', '=', 'l.id').select(sql<number>`count(*)`.as('n')).as('real')])
    .where('l.user_id', '=', userId)
    .execute();
  for (const list of lists) assert.equal(Number(list.total_prospects), Number(list.real), `list ${list.id} says ${list.total_prospects}, holds ${list.real}`);
  const user = await database.db.selectFrom('users').select('prospect_count').where('id', '=', userId).executeTakeFirstOrThrow();
  assert.equal(Number(user.prospect_count), (await prospectRows(database, userId)).length, 'the user prospect count');
}

// One profile, many spellings: docs/api.md#linkedin-urls says all of these name the same prospect.
function shapesOf(slug: string): string[] {
  return [
    `https://www.linkedin.com/in/${slug}`,
    `linkedin.com/in/${slug.toUpperCase()}/`,
    `https://fr.linkedin.com/in/${slug}?trk=public_profile`,
    `http://m.linkedin.com/in/${slug[0]!.toUpperCase()}${slug.slice(1)}/`,
    `https://www.linkedin.com/in/${slug}/details/experience/#top`,
  ];
}

for (const engine of ENGINES) {
  describe(`concurrency across server processes (${engine})`, () => {
    let cluster: TestCluster;
    before(async () => {
      cluster = await startTestCluster(engine, { instances: 2 });
    });
    after(async () => {
      await cluster?.stop();
    });

    test('16 parallel imports of overlapping URL sets leave one prospect per profile, one success each', async () => {
      const tenant = await createTenant(cluster.database);
      const slugs = Array.from({ length: 12 }, () => uniqueProfileUrl('overlap').split('/in/')[1]!);
      // Request r sends every third profile starting at r % 3 plus the first four, each in a shape of its own.
      const bodies = Array.from({ length: 16 }, (_, r) => {
        const chosen = slugs.filter((_, p) => p < 4 || p % 3 === r % 3);
        const urls = chosen.map((slug, p) => shapesOf(slug)[(r + p) % 5]!);
        return importBody(tenant.listId, r % 2 === 0 ? urls : urls.reverse());
      });
      const items = codesOf(await inParallel(cluster, bodies, tenant.key), 'importCode');

      const rows = await prospectRows(cluster.database, tenant.user.id);
      assert.deepEqual(rows.map((r) => r.public_identifier).sort(), slugs.map((s) => s.toLowerCase()).sort(), 'exactly one prospect per profile');
      const successes = items.filter((i) => i.code === 'success');
      assert.deepEqual(successes.map((i) => i.identifier).sort(), slugs.map((s) => s.toLowerCase()).sort(), 'one success per profile');
      assert.deepEqual([...new Set(items.filter((i) => i.code !== 'success').map((i) => i.code))], ['duplicated_prospect']);
      assert.equal(items.length, bodies.reduce((n, b) => n + b.prospects.length, 0));
      for (const item of items) assert.ok(rows.some((r) => r.id === item.id), 'every answer names the one stored prospect');
      await assertCountsExact(cluster.database, tenant.user.id);
    });

    test('parallel moves of the same prospects into different lists leave each in exactly one list, counts exact', async () => {
      const tenant = await createTenant(cluster.database, { lists: 6 });
      const urls = Array.from({ length: 5 }, () => uniqueProfileUrl('move'));
      const seeded = await cluster.request(0, IMPORT, { key: tenant.key, body: importBody(tenant.listId, urls) });
      assert.deepEqual(seeded.body.result.map((r: { importCode: string }) => r.importCode), Array(5).fill('success'));

      const bodies = Array.from({ length: 12 }, (_, r) => importBody(tenant.lists[1 + (r % 5)]!.id, urls, { moveDuplicatesToOtherList: true }));
      const items = codesOf(await inParallel(cluster, bodies, tenant.key), 'importCode');

      const rows = await prospectRows(cluster.database, tenant.user.id);
      assert.equal(rows.length, 5, 'no prospect doubled or lost');
      assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(seeded.body.result.map((r: { prospect: { _id: string } }) => r.prospect._id)));
      for (const item of items) assert.ok(['prospect_successfully_moved_to_another_list', 'duplicated_prospect'].includes(item.code), item.code);
      await assertCountsExact(cluster.database, tenant.user.id);
    });

    test('parallel imports against a CRM limit of 100: 20 × 10 new prospects → exactly 100 stored, 100 max_limit_crm', async () => {
      const tenant = await createTenant(cluster.database, { crmLimit: 100 });
      const bodies = Array.from({ length: 20 }, () => importBody(tenant.listId, Array.from({ length: 10 }, () => uniqueProfileUrl('limit'))));
      const items = codesOf(await inParallel(cluster, bodies, tenant.key), 'importCode');

      assert.equal((await prospectRows(cluster.database, tenant.user.id)).length, 100);
      assert.equal(items.filter((i) => i.code === 'success').length, 100);
      assert.equal(items.filter((i) => i.code === 'max_limit_crm').length, 100);
      await assertCountsExact(cluster.database, tenant.user.id);
    });

    test('parallel enrolments of the same prospects into different campaigns never make a prospect active in two', async () => {
      const tenant = await createTenant(cluster.database);
      const campaigns = [tenant.campaigns.running];
      for (let i = 0; i < 3; i++) campaigns.push(await createCampaign(cluster.database.db, tenant.user.id, { name: `Running ${i}`, state: 'running' }));
      const urls = Array.from({ length: 5 }, () => uniqueProfileUrl('enrol'));
      const seeded = await cluster.request(0, IMPORT, { key: tenant.key, body: importBody(tenant.listId, urls) });
      assert.equal(seeded.status, 200);

      const bodies = Array.from({ length: 12 }, (_, r) => importBody(tenant.listId, urls, { campaignId: campaigns[r % 4]!.id, addExistingProspectInCampaign: true }));
      const items = codesOf(await inParallel(cluster, bodies, tenant.key), 'addToCampaignCode');

      const active = await cluster.database.db
        .selectFrom('enrolments')
        .select(['prospect_id', sql<number>`count(*)`.as('n')])
        .where('user_id', '=', tenant.user.id)
        .where('active', '=', 1)
        .groupBy('prospect_id')
        .execute();
      assert.equal(active.length, 5, 'every prospect ends up in one campaign');
      for (const row of active) assert.equal(Number(row.n), 1, `prospect ${row.prospect_id} is active in ${row.n} campaigns`);
      assert.equal(items.filter((i) => i.code === 'success').length, 5, 'one successful enrolment per prospect');
      assert.equal(items.filter((i) => i.code === 'already_in_campaign').length, 12 * 5 - 5);
    });
  });
}
