import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listActivityEvents } from '../../src/store/activity.js';
import { ENGINES } from '../support/engines.js';
import { assertCountsExact, listTotals } from '../support/invariants.js';
import { sharedServer } from '../support/server.js';
import { createTenant, importBody } from '../support/tenant.js';
import { activityRows, assertProblem, enrolmentRows, IMPORT_PATH, postImport, postImportAnswer, profileUrl, prospectRows, randomSlug, unknownId } from '../support/compatible-api.js';

// docs/api.md#origin-and-activity (origin and the activity feed), #dry-run and #warnings.

for (const engine of ENGINES) {
  describe(`activity feed, dry run and warnings (${engine})`, () => {
    const shared = sharedServer(engine);

    test('one activity event per import: key, origin, label, header, list, campaign and the count of each code', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { crmLimit: 2 });
      const existing = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.listId, [{ url: existing }]));
      const answer = await postImportAnswer(
        server,
        tenant,
        importBody(tenant.listId, [{ url: existing }, { url: profileUrl(randomSlug()) }, { url: profileUrl(randomSlug()) }], {
          origin: { name: 'n8n' },
          campaignId: tenant.campaigns.running.id,
        }),
        { headers: { 'x-req-integration-origin': 'n8n' } },
      );
      assert.equal(answer.status, 200);
      const events = await listActivityEvents(server.database.db, tenant.user.id, 10);
      assert.equal(events.length, 2, 'one event per import request');
      const [event] = events;
      assert.equal(answer.body.activityId, event!.id);
      assert.equal(event!.api_key_id, tenant.keyId);
      assert.equal(event!.origin, 'n8n');
      assert.equal(event!.origin_label, 'n8n');
      assert.equal(event!.integration_origin, 'n8n');
      assert.equal(event!.list_id, tenant.listId);
      assert.equal(event!.campaign_id, tenant.campaigns.running.id);
      assert.equal(Number(event!.prospect_count), 3);
      assert.deepEqual(JSON.parse(event!.counts), {
        importCodes: { duplicated_prospect: 1, success: 1, max_limit_crm: 1 },
        addToCampaignCodes: { success: 1 },
      });
      // The first import had no header and no campaign.
      assert.equal(events[1]!.integration_origin, null);
      assert.equal(events[1]!.campaign_id, null);
      assert.equal(events[1]!.origin_label, 'API-example');
    });

    test('an import where every item fails still writes its one event', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { crmLimit: 0 });
      const result = await postImport(server, tenant, importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }]));
      assert.equal(result[0].importCode, 'max_limit_crm');
      const events = await activityRows(server.database, tenant.user.id);
      assert.equal(events.length, 1);
      assert.deepEqual(JSON.parse(events[0]!.counts).importCodes, { max_limit_crm: 1 });
    });

    test('origin labels: Make, Zapier, n8n case-insensitively, API-<name> for anything else', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const cases: [string, string, string][] = [
        ['example', 'example', 'API-example'],
        ['N8N', 'N8N', 'n8n'],
        ['make', 'make', 'Make'],
        ['MAKE', 'MAKE', 'Make'],
        ['zApIeR', 'zApIeR', 'Zapier'],
        ['  Zapier  ', 'Zapier', 'Zapier'],
        ['  my script ', 'my script', 'API-my script'],
        ['makefile', 'makefile', 'API-makefile'],
      ];
      for (const [name, origin, label] of cases) {
        const result = await postImport(server, tenant, importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }], { origin: { name } }));
        const [event] = await listActivityEvents(server.database.db, tenant.user.id, 1);
        assert.equal(event!.origin, origin, name);
        assert.equal(event!.origin_label, label, name);
        const row = (await prospectRows(server.database, tenant.user.id)).find((r) => r.id === result[0].prospect._id)!;
        assert.equal(row.origin, origin, 'the prospect keeps its origin');
      }
      assert.equal((await activityRows(server.database, tenant.user.id)).length, cases.length);
    });

    test('x-req-integration-origin is recorded when sent, never required, and does not change the label', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      for (const [header, recorded] of [
        ['Make', 'Make'],
        ['  zapier ', 'zapier'],
        ['x'.repeat(100), 'x'.repeat(64)],
      ] as const) {
        await postImport(server, tenant, importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }]), { headers: { 'x-req-integration-origin': header } });
        const [event] = await listActivityEvents(server.database.db, tenant.user.id, 1);
        assert.equal(event!.integration_origin, recorded);
        assert.equal(event!.origin_label, 'API-example', 'the label comes from origin.name');
      }
    });

    test('a refused request writes no activity', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { plan: 'advanced' });
      const refusals = [
        importBody(unknownId(), [{ url: profileUrl(randomSlug()) }]),
        importBody(tenant.listId, [{ url: 'https://example.com/in/x' }]),
        importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }], { canCreateDuplicates: true }),
        importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }], { origin: { name: ' ' } }),
      ];
      for (const body of refusals) assert.ok((await server.request(IMPORT_PATH, { key: tenant.key, body })).status >= 400);
      assert.equal((await activityRows(server.database, tenant.user.id)).length, 0);
    });

    test('dry run: the same answer as the real import, and nothing written', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { crmLimit: 4 });
      const inList = profileUrl(randomSlug());
      const elsewhere = profileUrl(randomSlug());
      const enrolled = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.listId, [{ url: inList, customProfile: { firstName: 'Ann' } }]));
      await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url: elsewhere }]));
      await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url: enrolled }], { campaignId: tenant.campaigns.paused.id }));
      const fresh = profileUrl(randomSlug());
      const body = importBody(
        tenant.listId,
        [
          { url: fresh, customProfile: { firstName: 'New', email: 'new@example.test' }, customVariables: [{ label: 'k', value: 'v' }] },
          { url: inList, customProfile: { firstName: 'Ignored', lastName: 'Filled' } },
          { url: elsewhere, customProfile: { email: 'moved@example.test' } },
          { url: enrolled },
          { url: profileUrl(randomSlug()), customVariables: [{ label: 'long', value: 'l'.repeat(1001) }] },
          { url: profileUrl(randomSlug()) },
          { url: `${fresh}/` },
        ],
        { campaignId: tenant.campaigns.running.id, moveDuplicatesToOtherList: true, addExistingProspectInCampaign: true, origin: { name: 'Zapier' } },
      );
      const snapshot = async () => ({
        prospects: await prospectRows(server.database, tenant.user.id),
        totals: await listTotals(server, tenant),
        activity: await activityRows(server.database, tenant.user.id),
        enrolments: await enrolmentRows(server.database, tenant.user.id),
        user: await server.database.db.selectFrom('users').select(['prospect_count']).where('id', '=', tenant.user.id).executeTakeFirstOrThrow(),
      });
      const before = await snapshot();

      const dry = await postImportAnswer(server, tenant, body, { dryRun: true, headers: { 'x-req-integration-origin': 'zapier' } });
      assert.equal(dry.status, 200, dry.text);
      assert.equal(dry.body.dryRun, true);
      assert.equal(dry.body.activityId, null);
      assert.deepEqual(await snapshot(), before, 'a dry run writes nothing');

      const real = await postImportAnswer(server, tenant, body, { headers: { 'x-req-integration-origin': 'zapier' } });
      assert.equal(real.status, 200);
      assert.equal(real.body.dryRun, false);
      assert.deepEqual(
        real.body.result.map((r: any) => [r.importCode, r.addToCampaignCode]),
        [
          ['success', 'success'],
          ['duplicated_prospect', 'success'],
          ['prospect_successfully_moved_to_another_list', 'success'],
          ['prospect_successfully_moved_to_another_list', 'already_in_campaign'],
          ['custom_variable_exceeds_1000_chars', undefined],
          ['max_limit_crm', undefined],
          ['duplicated_prospect', 'already_in_campaign'],
        ],
      );
      // New prospects get fresh ids in each run; everything else is identical.
      const createdIds = new Set<string>(dry.body.result.filter((r: any) => r.importCode === 'success').map((r: any) => r.prospect._id));
      const normalise = (result: any[], ids: Set<string>) => result.map((r) => (r.prospect && ids.has(r.prospect._id) ? { ...r, prospect: { ...r.prospect, _id: '<new>' } } : r));
      const realCreated = new Set<string>(real.body.result.filter((r: any) => r.importCode === 'success').map((r: any) => r.prospect._id));
      assert.deepEqual(normalise(dry.body.result, createdIds), normalise(real.body.result, realCreated));
      assert.deepEqual(dry.body.warnings, real.body.warnings);
      await assertCountsExact(server, tenant);
    });

    test('dry run still refuses what the real import refuses', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { plan: 'advanced' });
      const dryPath = `${IMPORT_PATH}?dryRun=true`;
      assertProblem(await server.request(dryPath, { key: tenant.key, body: importBody(unknownId(), [{ url: profileUrl(randomSlug()) }]) }), 404, 'R000404-002', IMPORT_PATH);
      assertProblem(await server.request(dryPath, { key: tenant.key, body: importBody(tenant.listId, [{ url: 'lnkd.in/x' }]) }), 400, 'R000401-003');
      assertProblem(await server.request(dryPath, { key: tenant.key, body: importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }], { canCreateDuplicates: true }) }), 403, 'M000401-001');
      assertProblem(await server.request(dryPath, { body: importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }]) }), 401, 'A000401-001');
      assertProblem(await server.request(`${IMPORT_PATH}?dryRun=maybe`, { key: tenant.key, body: importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }]) }), 400, 'V000400-001');
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 0);
    });

    test('unknown fields are reported in warnings, at every depth, and never stored', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      const body = {
        ...importBody(
          tenant.listId,
          [
            {
              url,
              tags: ['vip'],
              customProfile: {
                firstName: 'Ann',
                nickname: 'A',
                company: { name: 'Acme', size: 50 },
                phoneNumbers: [{ number: '1', type: 'work', ext: '12' }],
                birthday: { day: 1, month: 2, year: 1990 },
              },
              customVariables: [{ label: 'k', value: 'v', color: 'red' }],
            },
          ],
          { origin: { name: 'example', version: 2 } },
        ),
        apiVersion: 'v2',
        'a/b~c': true,
      };
      const answer = await postImportAnswer(server, tenant, body);
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.result[0].importCode, 'success');
      const paths = answer.body.warnings.map((w: any) => w.path).sort();
      assert.deepEqual(paths, [
        '/apiVersion',
        '/a~1b~0c',
        '/origin/version',
        '/prospects/0/customProfile/birthday/year',
        '/prospects/0/customProfile/company/size',
        '/prospects/0/customProfile/nickname',
        '/prospects/0/customProfile/phoneNumbers/0/ext',
        '/prospects/0/customVariables/0/color',
        '/prospects/0/tags',
      ]);
      for (const w of answer.body.warnings) assert.equal(typeof w.message, 'string');
      const row = (await prospectRows(server.database, tenant.user.id))[0]!;
      assert.deepEqual(JSON.parse(row.profile), { firstName: 'Ann', company: { name: 'Acme' }, phoneNumbers: [{ number: '1', type: 'work' }], birthday: { day: 1, month: 2 } });
      assert.deepEqual(JSON.parse(row.custom_variables), [{ label: 'k', value: 'v' }]);
      // The stored values, not the column names ("search_text" holds "ext").
      const rows = [...(await prospectRows(server.database, tenant.user.id)), ...(await activityRows(server.database, tenant.user.id))];
      const serialised = JSON.stringify(rows.map((row) => Object.values(row)));
      for (const leaked of ['nickname', 'vip', 'size', 'ext', '1990', 'red', 'apiVersion']) assert.ok(!serialised.includes(leaked), `${leaked} was stored`);
      // A clean request has an empty warnings array.
      const clean = await postImportAnswer(server, tenant, importBody(tenant.listId, [{ url: profileUrl(randomSlug()) }]));
      assert.deepEqual(clean.body.warnings, []);
    });
  });
}
