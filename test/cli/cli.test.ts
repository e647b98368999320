// The built `prospect-hub` binary, run as a child process against a fresh database of
// every engine. `--json` prints exactly one JSON value on stdout; what the CLI creates works against
// a real server on the same database; bad arguments give one line on stderr and a non-zero exit.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Static } from '@sinclair/typebox';
import type { ActivityPage } from '../../src/schemas/app-activity.js';
import { verifyPassword } from '../../src/services/passwords.js';
import { setPassword, signIn } from '../support/app-session.js';
import { ensureBuilt } from '../support/build.js';
import { assertRefused as refused, jsonOf as json, runCli } from '../support/cli.js';
import { ENGINES, freshDatabaseUrl } from '../support/engines.js';
import { startServerOn, type TestServer } from '../support/server.js';

const ID = /^[0-9a-f]{24}$/;

before(ensureBuilt);

for (const engine of ENGINES) {
  describe(`CLI (${engine})`, () => {
    let databaseUrl: string;
    let drop: () => Promise<void>;
    let server: TestServer;
    const cli = (args: string[], input?: string) => runCli(args, { env: { DATABASE_URL: databaseUrl }, input });
    const email = 'ada@cli.example';
    let userId: string;
    let key: string;
    let keyId: string;

    const cleanups: (() => Promise<void>)[] = [];
    before(async () => {
      const fresh = await freshDatabaseUrl(engine);
      databaseUrl = fresh.url;
      drop = fresh.drop;
      // The CLI migrates a brand-new database itself; the server then opens the same one.
      const created = json(await cli(['user', 'create', '--email', email, '--name', 'Ada', '--plan', 'business', '--json']));
      assert.match(created.id, ID);
      assert.equal(created.email, email);
      assert.equal(created.plan, 'business');
      userId = created.id;
      // Hook contexts have no t.after on Node 20: the suite's own after hook closes the server.
      server = await startServerOn({ after: (fn) => cleanups.push(fn) }, databaseUrl);
    });
    after(async () => {
      for (const cleanup of cleanups) await cleanup();
      await drop();
    });

    test('key create prints the key once; it authenticates against the server', async () => {
      const created = json(await cli(['key', 'create', '--user', email, '--name', 'ci', '--json']));
      assert.match(created.id, ID);
      assert.match(created.key, /^ph_/);
      assert.equal(created.userId, userId);
      assert.deepEqual(created.scopes, ['import'], 'without --scopes: the compatible endpoints, as keys always had');
      key = created.key;
      keyId = created.id;
      const answer = await server.request('/integrations/test', { key });
      assert.equal(answer.status, 200);
      assert.equal(answer.body, true);
    });

    test('key create --scopes gives a key exactly those scopes; an unknown scope is refused', async () => {
      const created = json(await cli(['key', 'create', '--user', email, '--name', 'reader', '--scopes', 'read, write', '--json']));
      assert.deepEqual(created.scopes, ['read', 'write']);
      assert.equal((await server.request('/v1/lists', { key: created.key })).status, 200);
      const noImport = await server.request('/integrations/test', { key: created.key });
      assert.deepEqual([noImport.status, noImport.body.code, noImport.body.scope], [403, 'A000403-003', 'import']);
      const listed = json(await cli(['key', 'list', '--user', email, '--json']));
      assert.deepEqual(listed.find((k: { id: string }) => k.id === created.id).scopes, ['read', 'write']);
      refused(await cli(['key', 'create', '--user', email, '--scopes', 'read,root']), /"root" is not a scope/);
      refused(await cli(['key', 'create', '--user', email, '--scopes', ',']), /at least one/);
    });

    test('users are found by email whatever its case', async () => {
      const keys = json(await cli(['key', 'list', '--user', '  ADA@Cli.Example ', '--json']));
      assert.ok(keys.some((k: { id: string }) => k.id === keyId));
    });

    test('key list shows the key without its secret', async () => {
      const result = await cli(['key', 'list', '--user', email, '--json']);
      const keys = json(result);
      assert.ok(Array.isArray(keys));
      const listed = keys.find((k: { id: string }) => k.id === keyId);
      assert.ok(listed, 'the created key is listed');
      assert.equal(listed.name, 'ci');
      assert.ok(key.startsWith(listed.prefix), 'the display prefix is the start of the key');
      assert.ok(listed.prefix.length < key.length / 2, 'the prefix is never enough to use the key');
      assert.ok(!result.stdout.includes(key), 'the secret is never shown again');
      const human = await cli(['key', 'list', '--user', email]);
      assert.equal(human.code, 0, human.stderr);
      assert.ok(!human.stdout.includes(key));
    });

    test('list create makes a list the API returns', async () => {
      const list = json(await cli(['list', 'create', '--user', email, '--name', 'From CLI', '--icon-color', '#ff0000', '--icon-label', 'C', '--json']));
      assert.match(list.id, ID);
      const lists = await server.request('/prospectLists/getProspectLists', { key });
      const found = lists.body.find((l: { _id: string }) => l._id === list.id);
      assert.deepEqual([found?.name, found?.iconColor, found?.iconLabel, found?.totalProspects], ['From CLI', '#ff0000', 'C', 0]);
    });

    test('campaign create --state paused --requires-email, then set-state archived', async () => {
      const list = json(await cli(['list', 'create', '--user', email, '--name', 'Campaign list', '--json']));
      const campaign = json(await cli(['campaign', 'create', '--user', email, '--name', 'Needs mail', '--state', 'paused', '--requires-email', '--json']));
      assert.match(campaign.id, ID);
      assert.deepEqual([campaign.state, campaign.requiresEmail], ['paused', true]);
      const all = await server.request('/campaigns/getAll', { key });
      assert.equal(all.body.campaigns.find((c: { _id: string }) => c._id === campaign.id)?.state, 'paused');

      const importOne = (slug: string) =>
        server.request('/prospects/addProspectFromIntegration', {
          key,
          body: { prospectListId: list.id, origin: { name: 'example' }, campaignId: campaign.id, prospects: [{ url: `https://www.linkedin.com/in/${slug}` }] },
        });
      const noEmail = await importOne('cli-campaign-one');
      assert.equal(noEmail.body.result[0].addToCampaignCode, 'prospect_does_not_match_preconditions', 'the campaign requires an email');

      const archived = json(await cli(['campaign', 'set-state', campaign.id, 'archived', '--json']));
      assert.deepEqual([archived.id, archived.state], [campaign.id, 'archived']);
      const after = await server.request('/campaigns/getAll', { key });
      assert.ok(!after.body.campaigns.some((c: { _id: string }) => c._id === campaign.id), 'archived campaigns are not listed');
      const late = await importOne('cli-campaign-two');
      assert.equal(late.body.result[0].addToCampaignCode, 'cant_add_prospect_campaign_is_archived');
      const resumed = await cli(['campaign', 'set-state', campaign.id, 'running']);
      assert.notEqual(resumed.code, 0);
      assert.match(resumed.stderr, /an archived campaign stays archived/);
    });

    test('activity lists the imports with their origin label', async () => {
      const list = json(await cli(['list', 'create', '--user', email, '--name', 'Activity list', '--json']));
      for (const origin of ['example', 'MAKE']) {
        const answer = await server.request('/prospects/addProspectFromIntegration', {
          key,
          body: { prospectListId: list.id, origin: { name: origin }, prospects: [{ url: `https://www.linkedin.com/in/cli-activity-${origin}` }] },
        });
        assert.equal(answer.body.result[0].importCode, 'success');
      }
      const events = json(await cli(['activity', '--user', email, '--limit', '2', '--json']));
      assert.equal(events.length, 2);
      assert.deepEqual(events.map((e: { originLabel: string }) => e.originLabel), ['Make', 'API-example'], 'newest first');
      assert.equal(events[1].listId, list.id);
      assert.equal(events[1].apiKeyId, keyId);
      assert.deepEqual(events[1].counts.importCodes, { success: 1 });
      const human = await cli(['activity', '--user', email]);
      assert.equal(human.code, 0, human.stderr);
      assert.match(human.stdout, /API-example/);
    });

    test("activity shows the label stored with each import, as the app does: the app's CSV imports are CSV", async () => {
      const csvEmail = 'grace@cli.example';
      const user = json(await cli(['user', 'create', '--email', csvEmail, '--name', 'Grace', '--json']));
      const list = json(await cli(['list', 'create', '--user', csvEmail, '--name', 'CSV list', '--json']));
      await setPassword(server.database, user.id);
      const session = await signIn(server, csvEmail);
      const csv = await session.request('/v1/prospects/import', { body: { prospectListId: list.id, prospects: [{ url: 'https://www.linkedin.com/in/cli-activity-csv' }] } });
      assert.equal(csv.status, 200, csv.text);
      const events = json(await cli(['activity', '--user', csvEmail, '--json']));
      assert.deepEqual(events.map((e: { originLabel: string }) => e.originLabel), ['CSV']);
      const inApp = await session.request('/v1/activity');
      assert.equal(inApp.status, 200, inApp.text);
      assert.deepEqual((inApp.body as Static<typeof ActivityPage>).data.map((e) => [e.id, e.originLabel]), [[events[0].id, 'CSV']]);
    });

    test('plan list shows the default plans', async () => {
      const plans = json(await cli(['plan', 'list', '--json']));
      const byId = new Map(plans.map((p: { id: string }) => [p.id, p]));
      assert.deepEqual([...byId.keys()].sort(), ['advanced', 'business', 'free', 'pro']);
      const access = (id: string) => (byId.get(id) as { apiAccess: boolean }).apiAccess;
      assert.deepEqual(['free', 'pro', 'advanced', 'business'].map(access), [false, false, true, true]);
      assert.deepEqual((byId.get('business') as { permissions: string[] }).permissions, ['import_duplicates']);
      assert.deepEqual((byId.get('advanced') as { permissions: string[] }).permissions, []);
    });

    test('user set changes the plan and the CRM limit, and the API follows at the next request', async () => {
      const free = json(await cli(['user', 'set', '--email', email, '--plan', 'free', '--json']));
      assert.equal(free.plan, 'free');
      const refusedAnswer = await server.request('/integrations/test', { key });
      assert.equal(refusedAnswer.status, 403);
      assert.equal(refusedAnswer.body.code, 'A000403-001');
      const back = json(await cli(['user', 'set', '--email', email, '--plan', 'business', '--crm-limit', '7', '--json']));
      assert.deepEqual([back.plan, back.crmLimit], ['business', 7]);
      assert.equal((await server.request('/integrations/test', { key })).status, 200);
      const planLimit = json(await cli(['user', 'set', '--email', email, '--plan-limit', '--json']));
      assert.equal(planLimit.crmLimit, null);
    });

    test('user set-password reads the password from stdin', async () => {
      const before = await server.database.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
      assert.equal(before.password_hash, null);
      const set = json(await cli(['user', 'set-password', '--email', email, '--json'], 'correct horse battery staple\n'));
      assert.deepEqual([set.id, set.passwordSet], [userId, true]);
      const afterSet = await server.database.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
      assert.ok(afterSet.password_hash, 'a hash is stored');
      assert.ok(!afterSet.password_hash.includes('correct horse'), 'never the password itself');
      assert.ok(await verifyPassword('correct horse battery staple', afterSet.password_hash), 'the piped line, without its newline, is the password');
      refused(await cli(['user', 'set-password', '--email', email], 'short\n'), /at least \d+ characters/);
      refused(await cli(['user', 'set-password', '--email', email], ''), /no password given/);
    });

    test('key revoke: the next request with that key answers 401 A000401-002', async () => {
      assert.equal((await server.request('/integrations/test', { key })).status, 200);
      const revoked = json(await cli(['key', 'revoke', keyId, '--json']));
      assert.equal(revoked.id, keyId);
      assert.ok(revoked.revokedAt);
      const answer = await server.request('/integrations/test', { key });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.code, 'A000401-002');
      const keys = json(await cli(['key', 'list', '--user', email, '--json']));
      assert.ok(keys.find((k: { id: string }) => k.id === keyId).revokedAt);
      refused(await cli(['key', 'revoke', 'ffffffffffffffffffffffff']), /no API key/);
    });

    test('demo prints a key and a curl command that uses it', async () => {
      const demo = json(await cli(['demo', '--json']));
      assert.match(demo.id, ID);
      assert.match(demo.key, /^ph_/);
      assert.match(demo.curl, /^curl /);
      assert.ok(demo.curl.includes(demo.key));
      assert.ok(demo.curl.includes('/prospects/addProspectFromIntegration'));
      assert.ok(demo.curl.includes(demo.listId));
      const answer = await server.request('/integrations/test', { key: demo.key });
      assert.equal(answer.status, 200, 'the demo key works');
      const again = json(await cli(['demo', '--json']));
      assert.equal(again.id, demo.id, 'demo reuses the demo account');
      assert.notEqual(again.key, demo.key, 'and makes a new key');
    });

    describe('bad arguments: one line on stderr, non-zero exit, no stack trace', () => {
      const cases: [string, string[], RegExp][] = [
        ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
        ['unknown subcommand', ['key', 'rotate'], /unknown command/],
        ['unknown flag', ['user', 'create', '--email', 'x@cli.example', '--bogus'], /bogus/],
        ['missing --email', ['user', 'create', '--plan', 'business'], /--email is required/],
        ['bad --plan', ['user', 'create', '--email', 'y@cli.example', '--plan', 'platinum'], /--plan must be one of/],
        ['not an email', ['user', 'create', '--email', 'not-an-email'], /not an email address/],
        ['existing email', ['user', 'create', '--email', email], /already exists/],
        ['bad --crm-limit', ['user', 'create', '--email', 'z@cli.example', '--crm-limit', 'lots'], /--crm-limit must be a whole number/],
        ['unknown user', ['key', 'create', '--user', 'nobody@cli.example'], /no user with email nobody@cli.example/],
        ['unknown user for activity', ['activity', '--user', 'nobody@cli.example', '--json'], /no user/],
        ['missing --name', ['list', 'create', '--user', email], /--name is required/],
        ['bad campaign state', ['campaign', 'create', '--user', email, '--name', 'x', '--state', 'done'], /--state must be one of/],
        ['bad set-state', ['campaign', 'set-state', 'ffffffffffffffffffffffff', 'done'], /state must be one of/],
        ['unknown campaign', ['campaign', 'set-state', 'ffffffffffffffffffffffff', 'paused'], /no campaign/],
        ['missing key id', ['key', 'revoke'], /missing key id/],
        ['unknown plan for plan set', ['plan', 'set', 'platinum', '--crm-limit', '5'], /no plan "platinum"/],
        ['a stray argument is refused, not ignored', ['user', 'create', '--email', 'stray@cli.example', 'business'], /unexpected argument "business"/],
        ['one argument too many', ['campaign', 'set-state', 'ffffffffffffffffffffffff', 'paused', 'now'], /unexpected argument "now"/],
      ];
      for (const [name, args, reason] of cases) {
        test(name, async () => {
          const result = await cli(args);
          refused(result, reason);
        });
      }

      test('a refused user create created nothing', async () => {
        const result = await cli(['key', 'create', '--user', 'stray@cli.example']);
        refused(result, /no user with email stray@cli.example/);
      });

      test('with --json the error is also one JSON object on stdout', async () => {
        const result = await cli(['key', 'create', '--user', 'nobody@cli.example', '--json']);
        refused(result, /no user/);
        const lines = result.stdout.split('\n').filter((l) => l !== '');
        assert.equal(lines.length, 1);
        assert.match(JSON.parse(lines[0]!).error, /no user/);
      });

      test('a DATABASE_URL of another kind is refused without echoing it (it may hold a password)', async () => {
        const result = await runCli(['plan', 'list'], { env: { DATABASE_URL: 'mysql://root:s3cret@db.example/hub' } });
        refused(result, /DATABASE_URL must be a postgres:\/\/ URL or a SQLite file path \(got a mysql:\/\/ URL\)/);
        assert.ok(!result.stderr.includes('s3cret'));
      });

      test('a bad environment variable lists the problem on one line', async () => {
        const result = await runCli(['plan', 'list'], { env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'loud', MAX_BATCH: '0' } });
        refused(result, /LOG_LEVEL.*MAX_BATCH|MAX_BATCH.*LOG_LEVEL/);
      });
    });
  });
}

describe('CLI without a database', () => {
  test('a database path that cannot be created is one line, not a stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-hub-cli-'));
    try {
      writeFileSync(join(dir, 'a-file'), '');
      const result = await runCli(['plan', 'list'], { env: { DATABASE_URL: join(dir, 'a-file', 'hub.sqlite') } });
      refused(result, /./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--help for a command prints its usage and exits 0', async () => {
    const result = await runCli(['user', 'create', '--help']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /user create --email/);
  });
});
