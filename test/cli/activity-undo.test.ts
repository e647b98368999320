// activity undo (docs/v1.md#undo-an-import): the built binary against a fresh database of every
// engine, with a real server importing beside it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ensureBuilt } from '../support/build.js';
import { assertRefused as refused, jsonOf as json, runCli } from '../support/cli.js';
import { IMPORT_PATH, unknownId } from '../support/compatible-api.js';
import { ENGINES, freshDatabaseUrl } from '../support/engines.js';
import { startServerOn, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

before(ensureBuilt);

for (const engine of ENGINES) {
  describe(`CLI activity undo (${engine})`, () => {
    let databaseUrl: string;
    let server: TestServer;
    let tenant: Tenant;
    const cleanups: (() => Promise<void>)[] = [];
    const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: databaseUrl } });

    before(async () => {
      const fresh = await freshDatabaseUrl(engine);
      databaseUrl = fresh.url;
      server = await startServerOn({ after: (fn) => cleanups.push(fn) }, databaseUrl);
      cleanups.push(fresh.drop);
      tenant = await createTenant(server.database);
    });
    after(async () => {
      for (const cleanup of cleanups) await cleanup();
    });

    test('--dry-run says what it would do and changes nothing; then the undo does it, and a second one is refused in one line', async () => {
      const answer = await server.request(IMPORT_PATH, { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl(), uniqueProfileUrl()], { campaignId: tenant.campaigns.running.id }) });
      assert.equal(answer.status, 200, answer.text);
      const id = answer.body.activityId as string;
      const total = async () => (await server.request('/prospectLists/getProspectLists', { key: tenant.key })).body[0].totalProspects;
      const counts = { removed: 2, movedBack: 0, restored: 0, unenrolled: 2, notUndone: 0 };
      const dry = json(await cli(['activity', 'undo', '--user', tenant.user.email, '--id', id, '--dry-run', '--json']));
      assert.deepEqual(dry, { id, dryRun: true, revertedAt: null, counts, notUndone: [] });
      assert.equal(await total(), 2);
      const done = await cli(['activity', 'undo', '--user', tenant.user.email, '--id', id]);
      assert.equal(done.code, 0, done.stderr);
      assert.match(done.stdout, /undone: 2 prospect\(s\) removed, 0 moved back, 0 restored, 2 enrolment\(s\) removed; 0 change\(s\) left as they are/);
      assert.equal(await total(), 0);
      refused(await cli(['activity', 'undo', '--user', tenant.user.email, '--id', id]), /already undone/);
      refused(await cli(['activity', 'undo', '--user', tenant.user.email, '--id', unknownId()]), /no import/);
      refused(await cli(['activity', 'undo', '--user', tenant.user.email]), /--id is required/);
    });
  });
}
