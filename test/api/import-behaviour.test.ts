import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { findUserById, setTeamDedup } from '../../src/store/users.js';
import { ENGINES } from '../support/engines.js';
import { assertCountsExact } from '../support/invariants.js';
import { sharedServer } from '../support/server.js';
import { createTenant, importBody } from '../support/tenant.js';
import { postImport, profileUrl, prospectRows, randomSlug } from '../support/compatible-api.js';

// Order, precedence, profile data, teams and counts (docs/api.md) over real HTTP.

const memberId = () => `ACoAA${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
const salesId = () => `ACwAA${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

for (const engine of ENGINES) {
  describe(`import behaviour (${engine})`, () => {
    const shared = sharedServer(engine);

    test('results answer prospects in request order, one per prospect', async () => {
      const server = shared();
      // Two prospects exist already: the limit leaves room for two new ones.
      const tenant = await createTenant(server.database, { crmLimit: 4 });
      const inList = profileUrl(randomSlug('in-list'));
      const elsewhere = profileUrl(randomSlug('elsewhere'));
      await postImport(server, tenant, importBody(tenant.listId, [{ url: inList }]));
      await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url: elsewhere }]));
      const fresh = [randomSlug('a'), randomSlug('b'), randomSlug('c'), randomSlug('d')];
      const prospects = [
        { url: profileUrl(fresh[0]!), customProfile: { firstName: 'First' } },
        { url: elsewhere },
        { url: profileUrl(fresh[1]!), customVariables: [{ label: 'x', value: 'x'.repeat(1001) }] },
        { url: inList },
        { url: profileUrl(fresh[2]!), customProfile: { firstName: 'Third' } },
        { url: profileUrl(fresh[3]!) },
        { url: profileUrl(fresh[0]!) },
      ];
      const result = await postImport(server, tenant, importBody(tenant.listId, prospects));
      assert.deepEqual(
        result.map((r) => r.importCode),
        ['success', 'duplicated_prospect', 'custom_variable_exceeds_1000_chars', 'duplicated_prospect', 'success', 'max_limit_crm', 'duplicated_prospect'],
      );
      assert.equal(result[0].prospect.profile.publicIdentifier, fresh[0]);
      assert.equal(result[4].prospect.profile.publicIdentifier, fresh[2]);
      assert.equal(result[4].prospect.profile.firstName, 'Third');
      assert.equal(result[6].prospect._id, result[0].prospect._id);
      await assertCountsExact(server, tenant);
    });

    test('one profile repeated in a batch under different URL shapes is created once', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const slug = randomSlug('Repeat');
      const publicShapes = [
        `https://www.linkedin.com/in/${slug}`,
        `linkedin.com/in/${slug.toUpperCase()}/`,
        `http://fr.linkedin.com/in/${slug}?originalSubdomain=fr`,
        `https://m.linkedin.com/in/${slug}/details/experience/`,
        `https://www.linkedin.com/in/${slug}#about`,
        `  www.linkedin.com/mwlite/in/${slug}  `,
      ];
      const member = memberId();
      const sales = salesId();
      const memberShapes = [`https://www.linkedin.com/in/${member}`, `https://www.linkedin.com/sales/people/${member},name,omNh/`];
      const salesShapes = [`https://www.linkedin.com/sales/lead/${sales},NAME_SEARCH,AbCd`, `https://www.linkedin.com/sales/people/${sales}`, `https://www.linkedin.com/in/${sales}`];
      const accented = `jürgen-${randomBytes(3).toString('hex')}`;
      const accentedShapes = [
        `https://de.linkedin.com/in/${encodeURIComponent(accented)}`,
        `https://www.linkedin.com/in/${encodeURIComponent(accented.toUpperCase())}/`,
        `https://www.linkedin.com/in/${accented}`,
        // The same text in Unicode NFD (u + combining diaeresis) names the same profile.
        `https://www.linkedin.com/in/${encodeURIComponent(accented.normalize('NFD'))}`,
      ];
      const urls = [...publicShapes, ...memberShapes, ...salesShapes, ...accentedShapes];
      const result = await postImport(server, tenant, importBody(tenant.listId, urls.map((url) => ({ url }))));
      const expectCreatedOnce = (from: number, count: number) => {
        assert.equal(result[from].importCode, 'success', urls[from]);
        for (let i = from + 1; i < from + count; i++) {
          assert.equal(result[i].importCode, 'duplicated_prospect', urls[i]);
          assert.equal(result[i].prospect._id, result[from].prospect._id, urls[i]);
        }
      };
      expectCreatedOnce(0, publicShapes.length);
      expectCreatedOnce(publicShapes.length, memberShapes.length);
      expectCreatedOnce(publicShapes.length + memberShapes.length, salesShapes.length);
      expectCreatedOnce(publicShapes.length + memberShapes.length + salesShapes.length, accentedShapes.length);
      assert.equal(result[0].prospect.profile.publicIdentifier, slug.toLowerCase());
      assert.equal(result[publicShapes.length].prospect.profile.memberId, member);
      assert.equal(result[publicShapes.length + memberShapes.length].prospect.profile.salesMemberId, sales);
      assert.equal(result.at(-1).prospect.profile.publicIdentifier, accented);
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 4);
      await assertCountsExact(server, tenant);
    });

    test('a failed item does not stand for its profile: a later copy in the batch is created', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const a = profileUrl(randomSlug());
      const b = profileUrl(randomSlug());
      const tooLong = [{ label: 'x', value: 'x'.repeat(1001) }];
      const result = await postImport(server, tenant, importBody(tenant.listId, [{ url: a, customVariables: tooLong }, { url: a }, { url: b }, { url: b, customVariables: tooLong }]));
      assert.deepEqual(result.map((r) => r.importCode), ['custom_variable_exceeds_1000_chars', 'success', 'success', 'custom_variable_exceeds_1000_chars']);
      assert.equal(result[0].prospect._id, undefined, 'nothing of the caller yet');
      // Once created, the profile is in the CRM: the failed later item links to it.
      assert.equal(result[3].prospect._id, result[2].prospect._id);
      assert.deepEqual(result[3].prospect.customVariables, []);
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 2);
    });

    test('customVariables values are limited to 1000 characters, not 1000 UTF-16 units', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const result = await postImport(
        server,
        tenant,
        importBody(tenant.listId, [
          { url: profileUrl(randomSlug()), customVariables: [{ label: 'emoji', value: '😀'.repeat(1000) }] },
          { url: profileUrl(randomSlug()), customVariables: [{ label: 'emoji', value: '😀'.repeat(1001) }] },
        ]),
      );
      assert.deepEqual(result.map((r) => r.importCode), ['success', 'custom_variable_exceeds_1000_chars']);
    });

    test('parallel imports of one profile into one CRM create one prospect', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => postImport(server, tenant, importBody(tenant.lists[i % 3]!.id, [{ url }, { url: profileUrl(randomSlug()) }]))),
      );
      const codes = answers.map((result) => result[0].importCode).sort();
      assert.deepEqual(codes, ['duplicated_prospect', 'duplicated_prospect', 'duplicated_prospect', 'duplicated_prospect', 'duplicated_prospect', 'success']);
      const ids = new Set(answers.map((result) => result[0].prospect._id));
      assert.equal(ids.size, 1, 'every answer links to the one prospect');
      assert.equal((await prospectRows(server.database, tenant.user.id)).length, 7);
      await assertCountsExact(server, tenant);
    });

    test('parallel moves of one prospect keep every totalProspects exact', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      const [first] = await postImport(server, tenant, importBody(tenant.listId, [{ url }]));
      const answers = await Promise.all(
        Array.from({ length: 9 }, (_, i) => postImport(server, tenant, importBody(tenant.lists[i % 3]!.id, [{ url }], { moveDuplicatesToOtherList: true }))),
      );
      for (const [item] of answers) {
        assert.ok(['prospect_successfully_moved_to_another_list', 'duplicated_prospect'].includes(item.importCode), item.importCode);
        assert.equal(item.prospect._id, first.prospect._id);
      }
      const rows = await prospectRows(server.database, tenant.user.id);
      assert.equal(rows.length, 1);
      const totals = await assertCountsExact(server, tenant);
      assert.equal(totals[rows[0]!.list_id], 1);
    });

    test('member ids are case-sensitive: two ids differing by case are two profiles', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const id = `ACoAAabcDEF${randomBytes(4).toString('hex')}`;
      const swapped = 'ACoAA' + [...id.slice(5)].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
      const result = await postImport(server, tenant, importBody(tenant.listId, [{ url: `linkedin.com/in/${id}` }, { url: `linkedin.com/in/${swapped}` }]));
      assert.deepEqual(result.map((r) => r.importCode), ['success', 'success']);
    });

    test('precedence: moveDuplicatesToOtherList beats canCreateDuplicates', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { plan: 'business' });
      const url = profileUrl(randomSlug());
      const [first] = await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url }]));
      const [item] = await postImport(server, tenant, importBody(tenant.listId, [{ url }], { moveDuplicatesToOtherList: true, canCreateDuplicates: true }));
      assert.equal(item.importCode, 'prospect_successfully_moved_to_another_list');
      assert.equal(item.prospect._id, first.prospect._id);
      const rows = await prospectRows(server.database, tenant.user.id);
      assert.deepEqual(rows.map((r) => [r.id, r.list_id, r.duplicate_of]), [[first.prospect._id, tenant.listId, null]]);
      await assertCountsExact(server, tenant);
    });

    test('a skipped duplicate is left exactly as it was, whatever data the request carries', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url, customProfile: { firstName: 'Ann' }, customVariables: [{ label: 'a', value: '1' }] }]));
      const before = await prospectRows(server.database, tenant.user.id);
      const [item] = await postImport(
        server,
        tenant,
        importBody(tenant.listId, [{ url, customProfile: { firstName: 'Bob', email: 'bob@example.test', company: { name: 'Acme' } }, customVariables: [{ label: 'a', value: '2' }, { label: 'b', value: '3' }] }], {
          shouldOverwriteCustomProfileData: true,
          origin: { name: 'elsewhere' },
        }),
      );
      assert.equal(item.importCode, 'duplicated_prospect');
      assert.deepEqual(item.prospect.profile.firstName, 'Ann');
      assert.equal(item.prospect.profile.email, undefined);
      assert.deepEqual(item.prospect.customVariables, [{ label: 'a', value: '1' }]);
      assert.deepEqual(await prospectRows(server.database, tenant.user.id), before, 'the row is unchanged, updated_at included');
    });

    test('customProfile fills empty fields by default; shouldOverwriteCustomProfileData overwrites', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      const initial = {
        firstName: 'Ann',
        occupation: 'CTO',
        company: { name: 'Acme' },
        phoneNumbers: [{ number: '+33 1', type: 'work' }],
      };
      await postImport(server, tenant, importBody(tenant.listId, [{ url, customProfile: initial }]));
      const incoming = {
        firstName: 'Bob',
        lastName: 'Smith',
        occupation: '',
        email: 'bob@example.test',
        company: { name: 'Other', website: 'https://acme.test' },
        phoneNumbers: [{ number: '+33 2', type: 'mobile' }],
        birthday: { day: 3, month: 4 },
      };
      const [filled] = await postImport(server, tenant, importBody(tenant.listId, [{ url, customProfile: incoming }]));
      assert.equal(filled.importCode, 'duplicated_prospect');
      const expectedFilled = {
        firstName: 'Ann',
        lastName: 'Smith',
        occupation: 'CTO',
        email: 'bob@example.test',
        company: { name: 'Acme', website: 'https://acme.test' },
        phoneNumbers: [{ number: '+33 1', type: 'work' }],
        birthday: { day: 3, month: 4 },
      };
      assert.deepEqual(JSON.parse((await prospectRows(server.database, tenant.user.id))[0]!.profile), expectedFilled);
      for (const [field, value] of Object.entries(expectedFilled)) assert.deepEqual(filled.prospect.profile[field], value, field);

      const [overwritten] = await postImport(
        server,
        tenant,
        importBody(tenant.listId, [{ url, customProfile: { firstName: 'Cy', occupation: null, company: { name: 'NewCo' }, phoneNumbers: [{ number: '+33 3', type: 'home' }] } }], {
          shouldOverwriteCustomProfileData: true,
        }),
      );
      const expectedOverwritten = { ...expectedFilled, firstName: 'Cy', company: { name: 'NewCo', website: 'https://acme.test' }, phoneNumbers: [{ number: '+33 3', type: 'home' }] };
      const row = (await prospectRows(server.database, tenant.user.id))[0]!;
      assert.deepEqual(JSON.parse(row.profile), expectedOverwritten, 'null and "" never erase a value');
      assert.equal(row.first_name, 'Cy');
      assert.equal(row.company_name, 'NewCo');
      assert.equal(overwritten.prospect.profile.firstName, 'Cy');
    });

    test('customVariables follow the same rule per label', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.listId, [{ url, customVariables: [{ label: 'a', value: '1' }, { label: 'b', value: '2' }] }]));
      const [filled] = await postImport(server, tenant, importBody(tenant.listId, [{ url, customVariables: [{ label: 'a', value: 'A' }, { label: 'c', value: '3' }] }]));
      const expected = [
        { label: 'a', value: '1' },
        { label: 'b', value: '2' },
        { label: 'c', value: '3' },
      ];
      assert.deepEqual(filled.prospect.customVariables, expected);
      assert.deepEqual(JSON.parse((await prospectRows(server.database, tenant.user.id))[0]!.custom_variables), expected);
      const [overwritten] = await postImport(
        server,
        tenant,
        importBody(tenant.listId, [{ url, customVariables: [{ label: 'b', value: 'B' }, { label: 'c', value: null }] }], { shouldOverwriteCustomProfileData: true }),
      );
      const expectedOverwritten = [
        { label: 'a', value: '1' },
        { label: 'b', value: 'B' },
        { label: 'c', value: '3' },
      ];
      assert.deepEqual(overwritten.prospect.customVariables, expectedOverwritten);
      assert.deepEqual(JSON.parse((await prospectRows(server.database, tenant.user.id))[0]!.custom_variables), expectedOverwritten);
    });

    test('a moved prospect gets the merge too (fill-empty, then overwrite)', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const url = profileUrl(randomSlug());
      await postImport(server, tenant, importBody(tenant.lists[1]!.id, [{ url, customProfile: { firstName: 'Ann' }, customVariables: [{ label: 'a', value: '1' }] }]));
      const [moved] = await postImport(
        server,
        tenant,
        importBody(tenant.listId, [{ url, customProfile: { firstName: 'Bob', email: 'e@example.test' }, customVariables: [{ label: 'a', value: '2' }, { label: 'b', value: '3' }] }], {
          moveDuplicatesToOtherList: true,
        }),
      );
      assert.equal(moved.importCode, 'prospect_successfully_moved_to_another_list');
      let row = (await prospectRows(server.database, tenant.user.id))[0]!;
      assert.deepEqual(JSON.parse(row.profile), { firstName: 'Ann', email: 'e@example.test' });
      assert.deepEqual(JSON.parse(row.custom_variables), [{ label: 'a', value: '1' }, { label: 'b', value: '3' }]);
      await postImport(server, tenant, importBody(tenant.lists[2]!.id, [{ url, customProfile: { firstName: 'Cy' }, customVariables: [{ label: 'a', value: '9' }] }], { moveDuplicatesToOtherList: true, shouldOverwriteCustomProfileData: true }));
      row = (await prospectRows(server.database, tenant.user.id))[0]!;
      assert.equal(row.list_id, tenant.lists[2]!.id);
      assert.deepEqual(JSON.parse(row.profile), { firstName: 'Cy', email: 'e@example.test' });
      assert.deepEqual(JSON.parse(row.custom_variables), [{ label: 'a', value: '9' }, { label: 'b', value: '3' }]);
      await assertCountsExact(server, tenant);
    });

    test('`prospect` carries the profile as stored after the whole request', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const slug = randomSlug();
      const result = await postImport(
        server,
        tenant,
        importBody(tenant.listId, [
          { url: profileUrl(slug), customProfile: { firstName: 'Ann' } },
          { url: `linkedin.com/in/${slug}/`, customProfile: { firstName: 'Bob', lastName: 'Later' }, customVariables: [{ label: 'k', value: 'v' }] },
        ]),
      );
      assert.deepEqual(result.map((r) => r.importCode), ['success', 'duplicated_prospect']);
      const row = (await prospectRows(server.database, tenant.user.id))[0]!;
      const stored = JSON.parse(row.profile);
      assert.deepEqual(stored, { firstName: 'Ann', lastName: 'Later' });
      for (const item of result) {
        assert.equal(item.prospect._id, row.id);
        assert.equal(item.prospect.profile.firstName, 'Ann');
        assert.equal(item.prospect.profile.lastName, 'Later');
        assert.equal(item.prospect.profile.publicIdentifier, slug);
        assert.deepEqual(item.prospect.customVariables, [{ label: 'k', value: 'v' }]);
      }
    });

    test('team deduplication on and off', async () => {
      const server = shared();
      const teamName = `team-${randomBytes(4).toString('hex')}`;
      const mate = await createTenant(server.database, { team: teamName });
      const caller = await createTenant(server.database, { team: teamName, plan: 'business' });
      const outsider = await createTenant(server.database);
      const shared1 = profileUrl(randomSlug());
      const shared2 = profileUrl(randomSlug());
      const shared3 = profileUrl(randomSlug());
      await postImport(server, mate, importBody(mate.listId, [{ url: shared1 }, { url: shared2 }, { url: shared3 }]));

      const [skipped] = await postImport(server, caller, importBody(caller.listId, [{ url: shared1 }]));
      assert.equal(skipped.importCode, 'duplicated_prospect');
      // canCreateDuplicates (with its permission) imports the caller's own copy.
      const [copy] = await postImport(server, caller, importBody(caller.listId, [{ url: shared2 }], { canCreateDuplicates: true }));
      assert.equal(copy.importCode, 'success');
      // A user outside the team is never affected.
      assert.equal((await postImport(server, outsider, importBody(outsider.listId, [{ url: shared1 }])))[0].importCode, 'success');

      const teamId = (await findUserById(server.database.db, caller.user.id))!.team_id!;
      await setTeamDedup(server.database.db, teamId, false);
      const [own] = await postImport(server, caller, importBody(caller.listId, [{ url: shared3 }]));
      assert.equal(own.importCode, 'success');
      const [nowSame] = await postImport(server, caller, importBody(caller.listId, [{ url: shared1 }], { moveDuplicatesToOtherList: true }));
      assert.equal(nowSame.importCode, 'success', 'without dedup a teammate\'s CRM is not looked at');
      // And back on: the caller's own prospect still answers as the caller's, the teammate's as a teammate's.
      await setTeamDedup(server.database.db, teamId, true);
      const back = await postImport(server, caller, importBody(caller.listId, [{ url: shared3 }, { url: profileUrl(randomSlug()) }]));
      assert.deepEqual(back.map((r) => r.importCode), ['duplicated_prospect', 'success']);
      assert.equal(back[0].prospect._id, own.prospect._id);
      assert.equal((await prospectRows(server.database, mate.user.id)).length, 3, "the teammate's CRM is untouched");
      await assertCountsExact(server, caller);
      await assertCountsExact(server, mate);
    });

    test('totalProspects stays exact through imports, repeats, copies and moves', async () => {
      const server = shared();
      const tenant = await createTenant(server.database, { plan: 'business' });
      const [l1, l2, l3] = tenant.lists.map((l) => l.id) as [string, string, string];
      const urls = Array.from({ length: 6 }, () => profileUrl(randomSlug()));
      await postImport(server, tenant, importBody(l1, urls.slice(0, 4).map((url) => ({ url }))));
      assert.deepEqual(pick(await assertCountsExact(server, tenant), l1, l2, l3), [4, 0, 0]);
      await postImport(server, tenant, importBody(l2, [urls[0]!, urls[1]!, urls[4]!, urls[4]!].map((url) => ({ url })), { moveDuplicatesToOtherList: true }));
      assert.deepEqual(pick(await assertCountsExact(server, tenant), l1, l2, l3), [2, 3, 0]);
      await postImport(server, tenant, importBody(l3, [urls[0]!, urls[2]!, urls[5]!].map((url) => ({ url })), { canCreateDuplicates: true }));
      assert.deepEqual(pick(await assertCountsExact(server, tenant), l1, l2, l3), [2, 3, 3]);
      // Moving back a profile that has a copy moves the original only.
      await postImport(server, tenant, importBody(l1, [{ url: urls[0]! }], { moveDuplicatesToOtherList: true }));
      assert.deepEqual(pick(await assertCountsExact(server, tenant), l1, l2, l3), [3, 2, 3]);
      await postImport(server, tenant, importBody(l1, urls.map((url) => ({ url }))));
      assert.deepEqual(pick(await assertCountsExact(server, tenant), l1, l2, l3), [3, 2, 3]);
      const user = await findUserById(server.database.db, tenant.user.id);
      assert.equal(Number(user!.prospect_count), 8);
    });
  });
}

function pick(totals: Record<string, number>, ...ids: string[]): number[] {
  return ids.map((id) => totals[id]!);
}
