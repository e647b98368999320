// prospect erase, export and do-not-contact (docs/v1.md#privacy-erasure-do-not-contact-access), the
// built binary against a fresh database of every engine, with a real server importing beside it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ensureBuilt } from '../support/build.js';
import { assertRefused as refused, jsonOf as json, runCli } from '../support/cli.js';
import { IMPORT_PATH } from '../support/compatible-api.js';
import { ENGINES, freshDatabaseUrl } from '../support/engines.js';
import { startServerOn, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

before(ensureBuilt);

for (const engine of ENGINES) {
  describe(`CLI privacy commands (${engine})`, () => {
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

    const importOne = async (url: string, extra = {}) => {
      const answer = await server.request(IMPORT_PATH, { key: tenant.key, body: importBody(tenant.listId, [{ url, customProfile: { firstName: 'Grace' } }], extra) });
      assert.equal(answer.status, 200, answer.text);
      return answer.body.result[0];
    };

    test('prospect do-not-contact marks a person, the import then refuses to enrol them; --off clears it', async () => {
      const url = uniqueProfileUrl();
      await importOne(url);
      assert.deepEqual(json(await cli(['prospect', 'do-not-contact', '--user', tenant.user.email, '--url', url, '--json'])), { doNotContact: true, prospects: 1 });
      const refusedEnrol = await importOne(url, { campaignId: tenant.campaigns.running.id, addExistingProspectInCampaign: true });
      assert.equal(refusedEnrol.addToCampaignCode, 'prospect_does_not_match_preconditions');
      assert.match(refusedEnrol.message, /do-not-contact/);
      const cleared = await cli(['prospect', 'do-not-contact', '--user', tenant.user.email, '--url', url, '--off']);
      assert.match(cleared.stdout, /cleared do-not-contact on 1 prospect/);
      assert.equal((await importOne(url, { campaignId: tenant.campaigns.running.id, addExistingProspectInCampaign: true })).addToCampaignCode, 'success');
    });

    test('prospect export prints everything stored; prospect erase erases it and a re-import answers profile_deleted', async () => {
      const url = uniqueProfileUrl();
      const imported = await importOne(url, { campaignId: tenant.campaigns.running.id });
      const exported = json(await cli(['prospect', 'export', '--user', tenant.user.email, '--id', imported.prospect._id, '--json']));
      assert.equal(exported.copies.length, 1);
      assert.equal(exported.copies[0].profile.firstName, 'Grace');
      assert.equal(exported.copies[0].enrolments.length, 1);
      const erased = json(await cli(['prospect', 'erase', '--user', tenant.user.email, '--url', url, '--json']));
      assert.deepEqual(erased, { erased: { prospects: 1, enrolments: 1, activityItems: 1, idempotencyAnswers: 0, notes: 0 }, tombstones: 1 });
      assert.equal((await importOne(url)).importCode, 'profile_deleted');
      const human = await cli(['prospect', 'erase', '--user', tenant.user.email, '--url', url]);
      assert.match(human.stdout, /erased 0 prospect\(s\)/);
    });

    test('refusals are one line: no person named, both named, an unknown id, a URL that is no profile, an unknown user', async () => {
      refused(await cli(['prospect', 'erase', '--user', tenant.user.email]), /exactly one of --url URL and --id/);
      refused(await cli(['prospect', 'erase', '--user', tenant.user.email, '--url', uniqueProfileUrl(), '--id', 'x']), /exactly one of/);
      refused(await cli(['prospect', 'export', '--user', tenant.user.email, '--id', 'ffffffffffffffffffffffff']), /no prospect "ffffffffffffffffffffffff" in your CRM/);
      refused(await cli(['prospect', 'erase', '--user', tenant.user.email, '--url', 'https://www.linkedin.com/company/acme']), /company page/);
      refused(await cli(['prospect', 'erase', '--user', 'nobody@nowhere.example', '--url', uniqueProfileUrl()]), /nobody@nowhere\.example/);
    });
  });
}
