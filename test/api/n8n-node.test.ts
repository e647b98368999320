import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listActivityEvents } from '../../src/store/activity.js';
import { revokeApiKey } from '../../src/store/api-keys.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer, type TestServer } from '../support/server.js';
import { createTenant, type Tenant } from '../support/tenant.js';
import { IMPORT_PATH, prospectRows, randomSlug, unknownId } from '../support/compatible-api.js';

// A replay of what the n8n Waalaxy node (@waapi/n8n-nodes-waalaxy) sends and how it reads the answers
// (docs/api.md): its credential test, its two list searches, and its "Import" operation, whose
// postReceive hook reads `title` (else `message`) on errors and switches on `code`.

/** The headers every request of the node carries (its requestDefaults plus the credential). */
function nodeHeaders(key: string): Record<string, string> {
  return { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-req-integration-origin': 'n8n' };
}

/** The node's postReceive: the message a workflow user sees for an error answer. */
function nodeErrorMessage(body: Record<string, unknown>): string {
  let message = 'title' in body ? (body.title as string) : (body.message as string);
  if (body.code === 'M000401-001') message = "User doesn't have permissions. Should upgrade plan.";
  if (body.code === 'R000404-002') message = 'Prospect List could not be found.';
  if (body.code === 'R000401-003') message = 'Prospect LinkedIn URL is not valid.';
  return message;
}

/** The node's listSearch methods: {name, value} from `_id` and `name`. */
async function nodeListSearch(server: TestServer, key: string) {
  const lists = await server.request('/prospectLists/getProspectLists', { headers: nodeHeaders(key) });
  const campaigns = await server.request('/campaigns/getAll', { headers: nodeHeaders(key) });
  assert.equal(lists.status, 200);
  assert.equal(campaigns.status, 200);
  return {
    lists: (lists.body as { _id: string; name: string }[]).map((item) => ({ name: item.name, value: item._id })),
    campaignsTotal: campaigns.body.total as number,
    campaigns: (campaigns.body.campaigns as { _id: string; name: string }[]).map((item) => ({ name: item.name, value: item._id })),
  };
}

/** The body the node's preSend builds from its parameters: every flag always sent, campaignId only when chosen. */
function nodeImportBody(listId: string, campaignId: string | undefined, prospects: unknown[], flags: { move?: boolean; duplicates?: boolean; addExisting?: boolean } = {}) {
  return {
    prospects,
    prospectListId: listId,
    ...(campaignId && { campaignId }),
    moveDuplicatesToOtherList: flags.move ?? false,
    canCreateDuplicates: flags.duplicates ?? false,
    addDuplicateProspectsToCampaign: flags.addExisting ?? true,
    origin: { name: 'n8n' },
  };
}

async function nodeImport(server: TestServer, tenant: Tenant, body: unknown, key = tenant.key) {
  return server.request(IMPORT_PATH, { method: 'POST', headers: nodeHeaders(key), rawBody: JSON.stringify(body) });
}

for (const engine of ENGINES) {
  describe(`n8n node replay (${engine})`, () => {
    const shared = sharedServer(engine);

    test('credential test: GET integrations/test answers true', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const answer = await server.request('/integrations/test', { headers: nodeHeaders(tenant.key) });
      assert.equal(answer.status, 200);
      assert.equal(answer.body, true);
    });

    test("list searches find the user's lists and running/paused campaigns by _id and name", async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const found = await nodeListSearch(server, tenant.key);
      assert.deepEqual(found.lists, tenant.lists.map((l) => ({ name: l.name, value: l.id })));
      assert.equal(found.campaignsTotal, 3);
      assert.deepEqual(
        found.campaigns.map((c) => c.value).sort(),
        [tenant.campaigns.running.id, tenant.campaigns.paused.id, tenant.campaigns.requiresEmail.id].sort(),
      );
      for (const c of found.campaigns) assert.equal(typeof c.name, 'string');
    });

    test('Import: the exact request of the node imports, enrols and is recorded as n8n', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const { lists, campaigns } = await nodeListSearch(server, tenant.key);
      const list = lists[0]!.value;
      const campaign = campaigns.find((c) => c.value === tenant.campaigns.running.id)!.value;
      const slug = randomSlug('jane');
      const full = {
        url: `https://www.linkedin.com/in/${slug}/`,
        customProfile: {
          firstName: 'Jane',
          lastName: 'Doe',
          occupation: 'Head of Sales',
          email: 'jane@example.test',
          region: 'Lyon',
          phoneNumbers: [
            { number: '+33 6 12 34 56 78', type: 'mobile' },
            { number: '+33 4 00 00 00 00', type: 'work' },
          ],
          birthday: { day: 14, month: 7 },
          company: { name: 'Acme', linkedinUrl: 'https://www.linkedin.com/company/acme', website: 'https://acme.example' },
        },
      };
      // A prospect row where the user filled only the URL: the node sends no customProfile at all.
      const bare = { url: `https://www.linkedin.com/in/${randomSlug('bare')}` };
      const body = nodeImportBody(list, campaign, [full, bare]);
      const answer = await nodeImport(server, tenant, body);
      assert.equal(answer.status, 200, answer.text);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
      const [first, second] = answer.body.result;
      assert.equal(answer.body.result.length, 2);
      assert.deepEqual([first.importCode, first.addToCampaignCode, first.message], ['success', 'success', null]);
      assert.deepEqual([second.importCode, second.addToCampaignCode], ['success', 'success']);
      assert.equal(first.prospect.profile.publicIdentifier, slug);
      for (const [field, value] of Object.entries(full.customProfile)) assert.deepEqual(first.prospect.profile[field], value, field);
      const row = (await prospectRows(server.database, tenant.user.id)).find((r) => r.id === first.prospect._id)!;
      assert.deepEqual(JSON.parse(row.profile), full.customProfile);
      assert.equal(row.list_id, list);

      const [event] = await listActivityEvents(server.database.db, tenant.user.id, 1);
      assert.equal(event!.origin, 'n8n');
      assert.equal(event!.origin_label, 'n8n');
      assert.equal(event!.integration_origin, 'n8n');
      assert.equal(event!.campaign_id, campaign);

      // The workflow runs again (n8n retries, or the same rows come in): duplicates, enrolment attempted
      // through the addDuplicateProspectsToCampaign alias, and the data kept.
      const again = await nodeImport(server, tenant, body);
      assert.equal(again.status, 200);
      assert.deepEqual(
        again.body.result.map((r: any) => [r.importCode, r.addToCampaignCode, r.prospect._id]),
        [
          ['duplicated_prospect', 'already_in_campaign', first.prospect._id],
          ['duplicated_prospect', 'already_in_campaign', second.prospect._id],
        ],
      );
      // With the option off, existing prospects are not enrolled.
      const off = await nodeImport(server, tenant, nodeImportBody(list, tenant.campaigns.paused.id, [bare], { addExisting: false }));
      assert.ok(!('addToCampaignCode' in off.body.result[0]));
      // No campaign chosen: no campaignId key at all, and no addToCampaignCode.
      const noCampaign = await nodeImport(server, tenant, nodeImportBody(list, undefined, [{ url: `https://www.linkedin.com/in/${randomSlug()}` }]));
      assert.deepEqual(Object.keys(noCampaign.body.result[0]).includes('addToCampaignCode'), false);
      assert.equal(noCampaign.body.result[0].importCode, 'success');
    });

    test('Import with customVariables and Move Duplicates on', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = `https://www.linkedin.com/in/${randomSlug()}`;
      await nodeImport(server, tenant, nodeImportBody(tenant.lists[1]!.id, undefined, [{ url }]));
      const answer = await nodeImport(
        server,
        tenant,
        nodeImportBody(tenant.listId, tenant.campaigns.running.id, [{ url, customProfile: { firstName: 'Max' }, customVariables: [{ label: 'source', value: 'webinar' }] }], { move: true }),
      );
      assert.equal(answer.status, 200, answer.text);
      const [item] = answer.body.result;
      assert.deepEqual([item.importCode, item.addToCampaignCode], ['prospect_successfully_moved_to_another_list', 'success']);
      assert.equal(item.prospect.profile.firstName, 'Max');
      assert.deepEqual(item.prospect.customVariables, [{ label: 'source', value: 'webinar' }]);
    });

    test('{{$json.result[i].prospect.profile.publicIdentifier}} resolves on every item, a failed one included', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { crmLimit: 1 });
      const slugs = [randomSlug(), randomSlug()];
      const answer = await nodeImport(server, tenant, nodeImportBody(tenant.listId, undefined, slugs.map((slug) => ({ url: `https://www.linkedin.com/in/${slug}` }))));
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.result.map((r: { importCode: string }) => r.importCode), ['success', 'max_limit_crm']);
      // What an n8n expression does: a plain property path, no guard against null.
      const expression = (i: number) => answer.body.result[i].prospect.profile.publicIdentifier;
      assert.deepEqual([expression(0), expression(1)], slugs);
    });

    test('a birthday with only its day, as the node sends it when the month is empty, imports', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = `https://www.linkedin.com/in/${randomSlug()}`;
      const answer = await nodeImport(server, tenant, nodeImportBody(tenant.listId, undefined, [{ url, customProfile: { birthday: { day: 14 } } }]));
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.result[0].importCode, 'success');
      assert.deepEqual(answer.body.result[0].prospect.profile.birthday, { day: 14 });
    });

    test('the alias enrols existing prospects even beside an explicit addExistingProspectInCampaign: false', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = `https://www.linkedin.com/in/${randomSlug()}`;
      await nodeImport(server, tenant, nodeImportBody(tenant.listId, undefined, [{ url }]));
      const body = { ...nodeImportBody(tenant.listId, tenant.campaigns.running.id, [{ url }], { addExisting: true }), addExistingProspectInCampaign: false };
      const answer = await nodeImport(server, tenant, body);
      assert.deepEqual([answer.body.result[0].importCode, answer.body.result[0].addToCampaignCode], ['duplicated_prospect', 'success']);
    });

    test('a 401 carries a Bearer challenge (RFC 9110)', async () => {
      const server = shared();
      const answer = await server.request('/integrations/test', { headers: { authorization: 'Bearer ph_live_unknown' } });
      assert.equal(answer.status, 401);
      assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer /);
    });

    test('errors are read the way the node reads them: title, then a switch on code', async () => {
      const server = shared();
      const advanced = await createTenant(server.database, { plan: 'advanced' });
      const url = `https://www.linkedin.com/in/${randomSlug()}`;
      const cases: [unknown, number, string, string][] = [
        [nodeImportBody(advanced.listId, undefined, [{ url }], { duplicates: true }), 403, 'M000401-001', "User doesn't have permissions. Should upgrade plan."],
        [nodeImportBody(unknownId(), undefined, [{ url }]), 404, 'R000404-002', 'Prospect List could not be found.'],
        [nodeImportBody(advanced.listId, undefined, [{ url: 'https://www.linkedin.com/company/acme' }]), 400, 'R000401-003', 'Prospect LinkedIn URL is not valid.'],
        [nodeImportBody(advanced.listId, undefined, [{ url, customProfile: { birthday: { day: 40, month: 1 } } }]), 400, 'V000400-001', 'Invalid request'],
      ];
      for (const [body, status, code, message] of cases) {
        const answer = await nodeImport(server, advanced, body);
        assert.equal(answer.status, status, answer.text);
        assert.equal(answer.body.code, code);
        assert.equal(typeof answer.body.title, 'string');
        assert.equal(nodeErrorMessage(answer.body), message);
      }
      const pro = await createTenant(server.database, { plan: 'pro' });
      const noAccess = await nodeImport(server, pro, nodeImportBody(pro.listId, undefined, [{ url }]));
      assert.deepEqual([noAccess.status, noAccess.body.code, nodeErrorMessage(noAccess.body)], [403, 'A000403-001', 'Your plan has no API access']);
      await revokeApiKey(server.database.db, advanced.keyId);
      const revoked = await nodeImport(server, advanced, nodeImportBody(advanced.listId, undefined, [{ url }]));
      assert.deepEqual([revoked.status, revoked.body.code, nodeErrorMessage(revoked.body)], [401, 'A000401-002', 'Unknown or revoked API key']);
      const credentialTest = await server.request('/integrations/test', { headers: nodeHeaders(advanced.key) });
      assert.equal(credentialTest.status, 401, 'the credential test fails for a revoked key');
      assert.equal((await prospectRows(server.database, advanced.user.id)).length, 0);
    });
  });
}
