import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { updatePlan } from '../../src/store/plans.js';
import { updateUser } from '../../src/store/users.js';
import { ENGINES } from '../support/engines.js';
import { assertCountsExact } from '../support/invariants.js';
import { startServer } from '../support/server.js';
import { createTenant, importBody } from '../support/tenant.js';
import { assertProblem, IMPORT_PATH, postImport, profileUrl, randomSlug } from '../support/compatible-api.js';

// docs/api.md#plans-and-limits: API access, CRM limit and permissions are configurable per plan and per user.
// Each test changes plan rows, so each gets its own server (and database).

const urls = (n: number) => Array.from({ length: n }, () => ({ url: profileUrl(randomSlug()) }));

for (const engine of ENGINES) {
  describe(`plans and limits (${engine})`, () => {
    test("the plan's CRM limit applies, and a per-user limit overrides it both ways", async (t) => {
      const server = await startServer(t, engine);
      await updatePlan(server.database.db, 'advanced', { crmLimit: 2 });
      const planOnly = await createTenant(server.database, { plan: 'advanced' });
      const raised = await createTenant(server.database, { plan: 'advanced', crmLimit: 3 });
      const lowered = await createTenant(server.database, { plan: 'business', crmLimit: 1 });

      const codes = async (tenant: typeof planOnly, n: number) => (await postImport(server, tenant, importBody(tenant.listId, urls(n)))).map((r) => r.importCode);
      assert.deepEqual(await codes(planOnly, 3), ['success', 'success', 'max_limit_crm']);
      assert.deepEqual(await codes(raised, 4), ['success', 'success', 'success', 'max_limit_crm']);
      assert.deepEqual(await codes(lowered, 2), ['success', 'max_limit_crm']);
      // The limit counts the whole CRM, across lists and requests.
      assert.deepEqual((await postImport(server, raised, importBody(raised.lists[1]!.id, urls(1)))).map((r) => r.importCode), ['max_limit_crm']);

      // Raising the plan's limit takes effect at the next request; removing the override falls back to the plan.
      await updatePlan(server.database.db, 'advanced', { crmLimit: 5 });
      assert.deepEqual(await codes(planOnly, 4), ['success', 'success', 'success', 'max_limit_crm']);
      await updateUser(server.database.db, lowered.user.id, { crmLimit: null });
      assert.deepEqual(await codes(lowered, 2), ['success', 'success']);
      for (const tenant of [planOnly, raised, lowered]) await assertCountsExact(server, tenant);
    });

    test('API access is a plan setting, read at every request', async (t) => {
      const server = await startServer(t, engine);
      const pro = await createTenant(server.database, { plan: 'pro' });
      const advanced = await createTenant(server.database, { plan: 'advanced' });
      assertProblem(await server.request('/integrations/test', { key: pro.key }), 403, 'A000403-001');
      await updatePlan(server.database.db, 'pro', { apiAccess: true });
      assert.equal((await server.request('/integrations/test', { key: pro.key })).text, 'true');
      assert.equal((await postImport(server, pro, importBody(pro.listId, urls(1))))[0].importCode, 'success');

      await updatePlan(server.database.db, 'advanced', { apiAccess: false });
      assertProblem(await server.request(IMPORT_PATH, { key: advanced.key, body: importBody(advanced.listId, urls(1)) }), 403, 'A000403-001');
    });

    test('import_duplicates is a plan permission: granted to a plan, taken from another', async (t) => {
      const server = await startServer(t, engine);
      const advanced = await createTenant(server.database, { plan: 'advanced' });
      const business = await createTenant(server.database, { plan: 'business' });
      const flags = { canCreateDuplicates: true };
      assertProblem(await server.request(IMPORT_PATH, { key: advanced.key, body: importBody(advanced.listId, urls(1), flags) }), 403, 'M000401-001');
      await updatePlan(server.database.db, 'advanced', { permissions: ['import_duplicates'] });
      await updatePlan(server.database.db, 'business', { permissions: [] });
      assert.equal((await postImport(server, advanced, importBody(advanced.listId, urls(1), flags)))[0].importCode, 'success');
      assertProblem(await server.request(IMPORT_PATH, { key: business.key, body: importBody(business.listId, urls(1), flags) }), 403, 'M000401-001');
    });
  });
}
