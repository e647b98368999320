import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENGINES } from '../support/engines.js';
import { startServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

for (const engine of ENGINES) {
  describe(`smoke (${engine})`, () => {
    test('a key imports one prospect and the list counts it', async (t) => {
      const server = await startServer(t, engine);
      const tenant = await createTenant(server.database);
      const url = uniqueProfileUrl();
      const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [url]) });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.result[0].importCode, 'success');
      const lists = await server.request('/prospectLists/getProspectLists', { key: tenant.key });
      assert.equal(lists.body.find((l: { _id: string }) => l._id === tenant.listId).totalProspects, 1);
    });
  });
}
