// A job's row answers exactly the codes (and message) the same row answers when the same rows are
// sent to the compatible endpoint in batches of MAX_BATCH: the job runs each chunk through the very
// engine of a request. Two fresh tenants set up alike per run: one gets the batches, the other the
// job; every row's importCode, addToCampaignCode and message must agree. MAX_BATCH is small here so
// a few dozen rows cross several chunk boundaries (a duplicate within a chunk and across chunks).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ENGINES } from '../support/engines.js';
import { allResults, waitForJob } from '../support/import-jobs.js';
import { startServer } from '../support/server.js';
import { createTenant, type Tenant } from '../support/tenant.js';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261203);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);
const BATCH = 7;

const SLUGS = ['ada-lovelace', 'grace-hopper-42', 'alan-turing', 'edsger-dijkstra', 'barbara-liskov', 'donald-knuth', 'katherine-johnson', 'tim-berners-lee'];
const shapes = (slug: string) => [`https://www.linkedin.com/in/${slug}`, `https://www.linkedin.com/in/${slug.toUpperCase()}/`, `linkedin.com/in/${slug}`, `https://fr.linkedin.com/in/${slug}/?trk=x`];

const row = fc.record(
  {
    slug: fc.constantFrom(...SLUGS),
    shape: fc.nat(3),
    firstName: fc.option(fc.constantFrom('Ann', 'Bob', ''), { nil: undefined }),
    email: fc.option(fc.constantFrom('a@example.com', 'b@example.com'), { nil: undefined }),
    variable: fc.option(fc.constantFrom('webinar', 'x'.repeat(1001)), { nil: undefined }),
  },
  { requiredKeys: ['slug', 'shape'] },
);

const scenario = fc.record({
  rows: fc.array(row, { minLength: 1, maxLength: 30 }),
  /** Rows imported into the second list before, so some rows are duplicates elsewhere. */
  before: fc.subarray(SLUGS, { maxLength: 3 }),
  campaign: fc.constantFrom('none', 'running', 'archived', 'requiresEmail'),
  canCreateDuplicates: fc.boolean(),
  moveDuplicatesToOtherList: fc.boolean(),
  shouldOverwriteCustomProfileData: fc.boolean(),
  addExistingProspectInCampaign: fc.boolean(),
  crmLimit: fc.constantFrom(5, 1000),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function prospectsOf(s: Scenario) {
  return s.rows.map((r) => ({
    url: shapes(r.slug)[r.shape]!,
    ...(r.firstName !== undefined || r.email !== undefined ? { customProfile: { firstName: r.firstName ?? null, email: r.email ?? null } } : {}),
    ...(r.variable !== undefined ? { customVariables: [{ label: 'source', value: r.variable }] } : {}),
  }));
}

function optionsOf(s: Scenario, tenant: Tenant) {
  return {
    prospectListId: tenant.listId,
    origin: { name: 'property' },
    ...(s.campaign === 'none' ? {} : { campaignId: tenant.campaigns[s.campaign as 'running'].id }),
    canCreateDuplicates: s.canCreateDuplicates,
    moveDuplicatesToOtherList: s.moveDuplicatesToOtherList,
    shouldOverwriteCustomProfileData: s.shouldOverwriteCustomProfileData,
    addExistingProspectInCampaign: s.addExistingProspectInCampaign,
  };
}

for (const engine of ENGINES) {
  describe(`import jobs: a row answers what it answers in a batch (${engine})`, () => {
    test('a job and the same rows as MAX_BATCH batches give every row the same codes and message', async (t) => {
      const server = await startServer(t, engine, { MAX_BATCH: String(BATCH), IMPORT_POLL_MS: '20', RATE_LIMIT: 'off' });
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const [batches, job] = [await createTenant(server.database, { crmLimit: s.crmLimit }), await createTenant(server.database, { crmLimit: s.crmLimit })];
          for (const tenant of [batches, job]) {
            if (s.before.length === 0) continue;
            const answer = await server.request('/prospects/addProspectFromIntegration', {
              key: tenant.key,
              body: { prospectListId: tenant.lists[1]!.id, origin: { name: 'before' }, prospects: s.before.map((slug) => ({ url: shapes(slug)[0] })) },
            });
            assert.equal(answer.status, 200, answer.text);
          }
          const prospects = prospectsOf(s);
          const expected: { importCode: string; addToCampaignCode: string | null; message: string | null }[] = [];
          for (let at = 0; at < prospects.length; at += BATCH) {
            const answer = await server.request('/prospects/addProspectFromIntegration', { key: batches.key, body: { ...optionsOf(s, batches), prospects: prospects.slice(at, at + BATCH) } });
            assert.equal(answer.status, 200, answer.text);
            for (const item of answer.body.result) expected.push({ importCode: item.importCode, addToCampaignCode: item.addToCampaignCode ?? null, message: item.message });
          }
          const created = await server.request('/v1/imports', { key: job.fullKey, body: { ...optionsOf(s, job), prospects } });
          assert.equal(created.status, 202, created.text);
          const ended = await waitForJob(server, job.fullKey, created.body.id);
          const results = await allResults(server, job.fullKey, ended.id);
          assert.deepEqual(
            results.map((r) => ({ importCode: r.importCode, addToCampaignCode: r.addToCampaignCode, message: r.message })),
            expected,
          );
          assert.deepEqual(results.map((r) => r.row), prospects.map((_, i) => i + 1));
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  });
}
