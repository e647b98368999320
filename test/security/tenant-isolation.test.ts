import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CatalogRoute } from '../../src/http/plugins/route-catalog.js';
import { createApiKey, revokeApiKey } from '../../src/store/api-keys.js';
import { assertProblem, IMPORT_PATH, prospectRows, unknownId } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { startServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';
import { exampleCall, exampleProblems, routeName, type Call, type Ids } from './route-examples.js';

// No tenant can read or change another's data, a foreign id answers exactly like a missing one,
// and every route of the route catalog is called by the matrices below (test/security/route-examples.ts
// builds a valid request for each), so a new route is covered as soon as it exists.

/** Routes outside the route table's guarded families, each public by design. */
const PUBLIC_ROUTES = [
  /^(GET|HEAD) \/(healthz|readyz|openapi\.json)$/,
  /^(GET|HEAD) \/docs(\/.*)?$/,
  // The web app's static files: the page itself holds no data, everything comes through /v1/.
  /^(GET|HEAD) \/(index\.html|assets\/.*|\*)$/,
  // Sign-in: the one /v1 route open to callers without a session or a key.
  /^POST \/v1\/session$/,
];

const nowhere = (): Ids => ({ list: unknownId(), prospect: unknownId(), campaign: unknownId(), key: unknownId(), activity: unknownId() });

/** The tenant's own ids, for calls that must succeed. */
function idsOf(tenant: Tenant): Ids {
  return { ...nowhere(), list: tenant.listId, campaign: tenant.campaigns.running.id, key: tenant.keyId };
}

function guarded(server: TestServer, guard: 'apiKey' | 'sessionOrKey'): CatalogRoute[] {
  return server.app.routeCatalog.filter((route) => route.guard === guard);
}

async function call(server: TestServer, c: Call, headers: Record<string, string>) {
  return server.request(c.path, { method: c.method, body: c.body, headers });
}

/** A problem body without what differs between any two requests (requestId) or names the id sent. */
function comparable(body: Record<string, unknown>, ids: string[]) {
  const { requestId: _requestId, instance: _instance, ...rest } = body;
  let text = JSON.stringify(rest);
  for (const id of ids) text = text.replaceAll(id, '<id>');
  return JSON.parse(text);
}

for (const engine of ENGINES) {
  describe(`tenant isolation and the security matrix (${engine})`, () => {
    test('every route is guarded by its family or public by design, and every example request fits its route', async (t) => {
      const server = await startServer(t, engine);
      const catalog = server.app.routeCatalog;
      const open = catalog.filter((route) => route.guard !== 'apiKey' && route.guard !== 'sessionOrKey').map(routeName);
      assert.deepEqual(open.filter((name) => !PUBLIC_ROUTES.some((p) => p.test(name))), [], 'routes neither guarded nor public by design');
      assert.deepEqual(exampleProblems(catalog, nowhere()), [], 'fix BODIES in test/security/route-examples.ts');
      assert.ok(guarded(server, 'apiKey').length >= 4 && guarded(server, 'sessionOrKey').length >= 20, 'the catalog knows the guarded routes');
    });

    test('every /v1 route refuses a caller without a session or a key, and a key without the route\'s scope', async (t) => {
      // Two refused calls per route: more than the per-address budget of failed authentications.
      const server = await startServer(t, engine, { RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: '100000' });
      const alice = await createTenant(server.database);
      const bare = await createApiKey(server.database.db, alice.user.id, 'import only', ['import']);
      const sessionOnly = new Set(['GET /v1/session', 'HEAD /v1/session', 'DELETE /v1/session', 'POST /v1/account/password']);
      for (const route of guarded(server, 'sessionOrKey')) {
        const name = routeName(route);
        const request = exampleCall(route, idsOf(alice));
        for (const headers of [{}, { cookie: 'ph_session=forged' }] as Record<string, string>[]) {
          const answer = await call(server, request, headers);
          assert.equal(answer.status, 401, `${name} with ${JSON.stringify(headers)}: ${answer.text}`);
          if (route.method !== 'HEAD') assert.equal(answer.body.code, 'A000401-003', name);
        }
        const scope = route.scope;
        assert.ok(scope, `${name} names the scope a key needs`);
        const withBare = await call(server, request, { authorization: `Bearer ${bare.secret}` });
        if (scope === 'import') {
          assert.ok(withBare.status !== 403, `${name}: an import key passes the scope check (${withBare.status})`);
        } else {
          assert.equal(withBare.status, 403, `${name} with an import-only key: ${withBare.text}`);
          if (route.method !== 'HEAD') assert.deepEqual([withBare.body.code, withBare.body.scope], ['A000403-003', scope], name);
        }
        const withFull = await call(server, request, { authorization: `Bearer ${alice.fullKey}` });
        if (sessionOnly.has(name)) assert.equal(withFull.status, 401, `${name} needs the app's session, not a key`);
        else assert.ok(withFull.status !== 401 && withFull.status !== 403, `${name} with every scope: ${withFull.status} ${withFull.text}`);
      }
      const signIn = await call(server, { method: 'POST', path: '/v1/session', body: { email: alice.user.email, password: 'not the password' } }, {});
      assertProblem(signIn, 401, 'A000401-004');
    });

    test('the security matrix on every API-key route: no key, malformed, unknown, revoked, no API access', async (t) => {
      const server = await startServer(t, engine);
      const alice = await createTenant(server.database);
      const free = await createTenant(server.database, { plan: 'free' });
      const revoked = await createApiKey(server.database.db, alice.user.id, 'to revoke');
      await revokeApiKey(server.database.db, revoked.row.id, alice.user.id);
      const cases: [string, Record<string, string>, number, string][] = [
        ['no key', {}, 401, 'A000401-001'],
        ['Basic scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, 401, 'A000401-001'],
        ['Bearer alone', { authorization: 'Bearer' }, 401, 'A000401-001'],
        ['two tokens', { authorization: `Bearer ${alice.key} ${alice.key}` }, 401, 'A000401-001'],
        ['unknown key', { authorization: `Bearer ph_live_${'A'.repeat(32)}` }, 401, 'A000401-002'],
        ['not a key at all', { authorization: 'Bearer hunter2' }, 401, 'A000401-002'],
        ['revoked key', { authorization: `Bearer ${revoked.secret}` }, 401, 'A000401-002'],
        ['plan without API access', { authorization: `Bearer ${free.key}` }, 403, 'A000403-001'],
      ];
      for (const route of guarded(server, 'apiKey')) {
        const name = routeName(route);
        for (const [label, headers, status, code] of cases) {
          const answer = await call(server, exampleCall(route, idsOf(alice)), headers);
          if (route.method === 'HEAD') assert.equal(answer.status, status, `${name} with ${label}`);
          else assertProblem(answer, status, code);
        }
        const ok = await call(server, exampleCall(route, idsOf(alice)), { authorization: `Bearer ${alice.key}` });
        assert.equal(ok.status, 200, `${name} with a good key: ${ok.text}`);
      }
      assert.equal((await prospectRows(server.database, free.user.id)).length, 0);
    });

    test("another user's key reads none of your lists or campaigns", async (t) => {
      const server = await startServer(t, engine);
      const alice = await createTenant(server.database);
      const bob = await createTenant(server.database);
      const lists = await server.request('/prospectLists/getProspectLists', { key: bob.key });
      const listIds = (lists.body as { _id: string; user: string }[]).map((l) => l._id);
      assert.deepEqual(listIds.sort(), bob.lists.map((l) => l.id).sort());
      assert.ok((lists.body as { user: string }[]).every((l) => l.user === bob.user.id));
      const campaigns = await server.request('/campaigns/getAll', { key: bob.key });
      const aliceCampaigns = new Set(Object.values(alice.campaigns).map((c) => c.id));
      assert.ok(campaigns.body.campaigns.length > 0);
      assert.ok(campaigns.body.campaigns.every((c: { _id: string }) => !aliceCampaigns.has(c._id)));
    });

    test("a foreign list or campaign id answers exactly like a missing one, and your data is untouched", async (t) => {
      const server = await startServer(t, engine);
      const alice = await createTenant(server.database);
      const bob = await createTenant(server.database);
      const aliceUrl = uniqueProfileUrl();
      assert.equal((await server.request(IMPORT_PATH, { key: alice.key, body: importBody(alice.listId, [aliceUrl], { campaignId: alice.campaigns.running.id }) })).status, 200);
      const before = await prospectRows(server.database, alice.user.id);

      // Foreign list vs nonexistent list: same status, code, and body shape.
      const missingId = unknownId();
      const foreign = await server.request(IMPORT_PATH, { key: bob.key, body: importBody(alice.listId, [uniqueProfileUrl()]) });
      const missing = await server.request(IMPORT_PATH, { key: bob.key, body: importBody(missingId, [uniqueProfileUrl()]) });
      assertProblem(foreign, 404, 'R000404-002');
      assert.deepEqual(comparable(foreign.body, [alice.listId]), comparable(missing.body, [missingId]));

      // Foreign campaign vs nonexistent campaign: same per-item answer.
      const viaForeign = await server.request(IMPORT_PATH, { key: bob.key, body: importBody(bob.listId, [uniqueProfileUrl()], { campaignId: alice.campaigns.running.id }) });
      const viaMissing = await server.request(IMPORT_PATH, { key: bob.key, body: importBody(bob.listId, [uniqueProfileUrl()], { campaignId: unknownId() }) });
      assert.equal(viaForeign.body.result[0].addToCampaignCode, 'cant_add_prospect_campaign_not_exist');
      assert.equal(viaMissing.body.result[0].addToCampaignCode, viaForeign.body.result[0].addToCampaignCode);
      assert.equal(viaForeign.body.result[0].message, viaMissing.body.result[0].message);

      // Alice's profile imported by Bob is new in Bob's CRM: nothing reveals that Alice has it.
      const same = await server.request(IMPORT_PATH, { key: bob.key, body: importBody(bob.listId, [aliceUrl]) });
      assert.equal(same.body.result[0].importCode, 'success');
      assert.notEqual(same.body.result[0].prospect._id, before[0]!.id);

      // Bob reusing Alice's Idempotency-Key string gets his own answer, not hers.
      const aliceBody = importBody(alice.listId, [uniqueProfileUrl()]);
      const aliceAnswer = await server.request(IMPORT_PATH, { key: alice.key, body: aliceBody, headers: { 'idempotency-key': 'shared' } });
      const bobAnswer = await server.request(IMPORT_PATH, { key: bob.key, body: aliceBody, headers: { 'idempotency-key': 'shared' } });
      assert.equal(aliceAnswer.status, 200);
      assertProblem(bobAnswer, 404, 'R000404-002');
      assert.equal(bobAnswer.headers.get('idempotent-replayed'), null);

      const after = await prospectRows(server.database, alice.user.id);
      assert.deepEqual(after.filter((r) => r.id !== aliceAnswer.body.result[0].prospect._id), before, "Alice's prospects are exactly as they were");
    });
  });
}
