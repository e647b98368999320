import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertProblem, prospectRows } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { postRaw, waitForJob } from '../support/import-jobs.js';
import { sharedServer } from '../support/server.js';
import { createTenant, uniqueProfileUrl } from '../support/tenant.js';

// The undo of an import job (docs/v1.md#import-jobs): every chunk it committed, as one, newest first.
for (const engine of ENGINES) {
  describe(`import jobs: undo (${engine})`, () => {
    // Chunks of 3 rows: a 7-row job writes three import requests, all undone together.
    const server = sharedServer(engine, { IMPORT_POLL_MS: '20', MAX_BATCH: '3', RATE_LIMIT: 'off' });

    test('a finished job is undone across its chunks; what changed since stays and is listed; a second undo is refused', async () => {
      const tenant = await createTenant(server().database);
      const urls = Array.from({ length: 7 }, () => uniqueProfileUrl());
      const created = await postRaw(server(), tenant.fullKey, 'application/x-ndjson', urls.map((url) => JSON.stringify({ url })).join('\n'), { prospectListId: tenant.listId });
      assert.equal(created.status, 202, created.text);
      const job = await waitForJob(server(), tenant.fullKey, created.body.id);
      assert.equal(job.state, 'completed');
      assert.equal(job.activityIds.length, 3);
      assert.equal((await prospectRows(server().database, tenant.user.id)).length, 7);

      // One prospect of the middle chunk is changed after the job: the undo keeps it.
      const page = await server().request(`/v1/prospects?listId=${tenant.listId}&limit=100`, { key: tenant.fullKey });
      const kept = page.body.data[3];
      const patched = await server().request(`/v1/prospects/${kept.id}`, { method: 'PATCH', key: tenant.fullKey, body: { profile: { occupation: 'Changed since' }, overwrite: true } });
      assert.equal(patched.status, 200, patched.text);

      const preview = await server().request(`/v1/imports/${job.id}/undo?dryRun=true`, { method: 'POST', key: tenant.fullKey });
      assert.equal(preview.status, 200, preview.text);
      assert.deepEqual([preview.body.dryRun, preview.body.counts.removed, preview.body.counts.notUndone], [true, 6, 1]);
      assert.equal((await prospectRows(server().database, tenant.user.id)).length, 7, 'a dry run changes nothing');

      const undone = await server().request(`/v1/imports/${job.id}/undo`, { method: 'POST', key: tenant.fullKey });
      assert.equal(undone.status, 200, undone.text);
      assert.deepEqual(undone.body.counts, preview.body.counts, 'the dry run said what the undo did');
      assert.deepEqual(undone.body.notUndone.map((n: { prospectId: string; reason: string }) => [n.prospectId, n.reason]), [[kept.id, 'prospect_changed']]);
      assert.ok(job.activityIds.includes(undone.body.notUndone[0].activityId));
      assert.deepEqual((await prospectRows(server().database, tenant.user.id)).map((row) => row.id), [kept.id]);

      const after = await server().request(`/v1/imports/${job.id}`, { key: tenant.fullKey });
      assert.equal(after.body.state, 'reverted');
      assertProblem(await server().request(`/v1/imports/${job.id}/undo`, { method: 'POST', key: tenant.fullKey }), 409, 'R000409-020');
      for (const activityId of job.activityIds) {
        const activity = await server().request(`/v1/activity/${activityId}`, { key: tenant.fullKey });
        assert.ok(activity.body.revertedAt, 'each chunk shows it was undone');
      }
    });

    test("a dry-run job has nothing to undo; another user's job answers like a missing one; the scope is write", async () => {
      const tenant = await createTenant(server().database);
      const dry = await postRaw(server(), tenant.fullKey, 'application/x-ndjson', JSON.stringify({ url: uniqueProfileUrl() }), { prospectListId: tenant.listId, dryRun: 'true' });
      await waitForJob(server(), tenant.fullKey, dry.body.id);
      assertProblem(await server().request(`/v1/imports/${dry.body.id}/undo`, { method: 'POST', key: tenant.fullKey }), 409, 'R000409-001');

      const real = await postRaw(server(), tenant.fullKey, 'application/x-ndjson', JSON.stringify({ url: uniqueProfileUrl() }), { prospectListId: tenant.listId });
      await waitForJob(server(), tenant.fullKey, real.body.id);
      const other = await createTenant(server().database);
      const foreign = await server().request(`/v1/imports/${real.body.id}/undo`, { method: 'POST', key: other.fullKey });
      const missing = await server().request('/v1/imports/ffffffffffffffffffffffff/undo', { method: 'POST', key: other.fullKey });
      assert.deepEqual([foreign.status, foreign.body.code], [missing.status, missing.body.code]);
      assertProblem(foreign, 404, 'R000404-001');
      const importOnly = await server().request('/v1/keys', { key: tenant.fullKey, body: { name: `import only ${Date.now()}`, scopes: ['import'] } });
      assert.equal(importOnly.status, 201, importOnly.text);
      assertProblem(await server().request(`/v1/imports/${real.body.id}/undo`, { method: 'POST', key: importOnly.body.secret }), 403, 'A000403-003');
      assert.equal((await server().request(`/v1/imports/${real.body.id}`, { key: tenant.fullKey })).body.state, 'completed');
    });
  });
}
