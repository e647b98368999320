import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import type { WebhookAttempt, WebhookSecretAnswer } from '../../src/schemas/webhooks.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer, startServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';
import { ok, startReceiver, until, type Received } from './receiver.js';

// Webhook delivery against real HTTP receivers on loopback (docs/webhooks.md#deliveries). Every
// delivery is checked with the standardwebhooks package, the reference implementation.

const SCHEDULE_MS = 250;
const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '20', WEBHOOK_RETRY_SCHEDULE: `0,${SCHEDULE_MS},${SCHEDULE_MS}`, WEBHOOK_TIMEOUT_MS: '400' };

async function createEndpoint(server: TestServer, tenant: Tenant, url: string, eventTypes: string[]): Promise<WebhookSecretAnswer> {
  const answer = await server.request('/v1/webhook-endpoints', { key: tenant.fullKey, body: { url, eventTypes, description: 'test' } });
  assert.equal(answer.status, 201, answer.text);
  return answer.body as WebhookSecretAnswer;
}

function verified(secret: string, delivery: Received): { type: string; timestamp: string; data: Record<string, unknown> } {
  const headers = Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k, String(v)]));
  return new Webhook(secret).verify(delivery.body, headers) as { type: string; timestamp: string; data: Record<string, unknown> };
}

async function attempts(server: TestServer, tenant: Tenant, endpointId: string): Promise<WebhookAttempt[]> {
  const answer = await server.request(`/v1/webhook-endpoints/${endpointId}/deliveries`, { key: tenant.fullKey });
  assert.equal(answer.status, 200, answer.text);
  return (answer.body.data as WebhookAttempt[]).reverse();
}

async function sendTest(server: TestServer, tenant: Tenant, endpointId: string): Promise<string> {
  const answer = await server.request(`/v1/webhook-endpoints/${endpointId}/test`, { key: tenant.fullKey, method: 'POST' });
  assert.equal(answer.status, 202, answer.text);
  return answer.body.messageId as string;
}

for (const engine of ENGINES) {
  describe(`webhook delivery (${engine})`, () => {
    const shared = sharedServer(engine, ENV);

    test('an endpoint gets only the types it asked for, each delivery verifies with standardwebhooks', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const lists = await startReceiver(t);
      const everything = await startReceiver(t);
      const listsOnly = await createEndpoint(server, tenant, lists.url, ['list.created']);
      const all = await createEndpoint(server, tenant, everything.url, ['list.created', 'prospect.created', 'import.completed']);
      assert.match(listsOnly.secret, /^whsec_/);
      const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl()]) });
      assert.equal(imported.status, 200);
      const created = await server.request('/v1/lists', { key: tenant.fullKey, body: { name: 'hooked' } });
      await until('the catch-all endpoint has the three events', () => everything.received.length >= 3);
      // Deliveries run in parallel: their order is not the feed's (docs/webhooks.md#deliveries).
      assert.deepEqual(everything.received.map((r) => verified(all.secret, r).type).sort(), ['import.completed', 'list.created', 'prospect.created']);
      await until('the list endpoint has its event', () => lists.received.length >= 1);
      const { type, data } = verified(listsOnly.secret, lists.received[0]!);
      assert.deepEqual([type, data], ['list.created', { listId: created.body.id, name: 'hooked' }]);
      // Its messages were all made in the same fan-out as the other endpoint's: none is missing.
      const pending = await server.database.db.selectFrom('webhook_messages').select('event_type').where('endpoint_id', '=', listsOnly.endpoint.id).execute();
      assert.deepEqual(pending.map((m) => m.event_type), ['list.created']);
      // The attempt is logged once the answer is in, just after the receiver saw the request.
      const [logged] = await until('the attempt logged', () => attempts(server, tenant, listsOnly.endpoint.id).then((rows) => (rows.length > 0 ? rows : null)));
      assert.equal(lists.received[0]!.headers['webhook-id'], logged!.messageId);
      assert.equal((await server.request(`/v1/webhook-endpoints/${listsOnly.endpoint.id}`, { key: tenant.fullKey })).body.secret, undefined, 'the secret is shown once');
    });

    test('500 then 200: retried after the schedule with the same webhook-id, both attempts logged', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const receiver = await startReceiver(t, (_r, index, response) => response.writeHead(index === 0 ? 500 : 200).end(index === 0 ? 'boom' : 'ok'));
      const { endpoint, secret } = await createEndpoint(server, tenant, receiver.url, ['list.created']);
      await sendTest(server, tenant, endpoint.id);
      await until('the retry', () => receiver.received.length >= 2);
      const [first, second] = receiver.received;
      assert.equal(first!.headers['webhook-id'], second!.headers['webhook-id']);
      assert.equal(verified(secret, second!).type, 'webhook.test');
      assert.ok(second!.at - first!.at >= SCHEDULE_MS * 0.9 - 5, `retried ${second!.at - first!.at} ms later, not before the schedule's ${SCHEDULE_MS} ms`);
      const log = await until('both attempts logged', async () => {
        const rows = await attempts(server, tenant, endpoint.id);
        return rows.length === 2 && rows.at(-1)!.messageState === 'delivered' ? rows : null;
      });
      assert.deepEqual(log.map((a) => [a.attempt, a.statusCode, a.responseStart]), [[1, 500, 'boom'], [2, 200, 'ok']]);
      // The log pages newest first.
      const newest = await server.request(`/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=1`, { key: tenant.fullKey });
      assert.deepEqual(newest.body.data.map((a: WebhookAttempt) => a.attempt), [2]);
      const older = await server.request(`/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=1&cursor=${newest.body.nextCursor}`, { key: tenant.fullKey });
      assert.deepEqual([older.body.data.map((a: WebhookAttempt) => a.attempt), older.body.nextCursor], [[1], null]);
    });

    test('410 disables the endpoint and records webhook_endpoint.disabled', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const receiver = await startReceiver(t, (_r, _i, response) => response.writeHead(410).end());
      const { endpoint } = await createEndpoint(server, tenant, receiver.url, ['list.created']);
      await sendTest(server, tenant, endpoint.id);
      const disabled = await until('disabled', async () => {
        const answer = await server.request(`/v1/webhook-endpoints/${endpoint.id}`, { key: tenant.fullKey });
        return answer.body.enabled === false ? answer.body : null;
      });
      assert.match(disabled.disabledReason, /410/);
      const feed = await server.request('/v1/events?types=webhook_endpoint.disabled', { key: tenant.fullKey });
      assert.deepEqual(feed.body.data.map((e: { data: unknown }) => e.data), [{ endpointId: endpoint.id, reason: disabled.disabledReason }]);
      assert.equal(receiver.received.length, 1, 'no retry after 410');
    });

    test('an endpoint whose deliveries have failed for WEBHOOK_DISABLE_AFTER_HOURS is disabled at its next failure', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const receiver = await startReceiver(t, (_r, _i, response) => response.writeHead(500).end());
      const { endpoint } = await createEndpoint(server, tenant, receiver.url, ['list.created']);
      // Its failure streak began six days ago (the default limit is 120 hours).
      await server.database.db.updateTable('webhook_endpoints').set({ failing_since: new Date(Date.now() - 6 * 86_400_000).toISOString() }).where('id', '=', endpoint.id).execute();
      await sendTest(server, tenant, endpoint.id);
      const disabled = await until('disabled', async () => {
        const answer = await server.request(`/v1/webhook-endpoints/${endpoint.id}`, { key: tenant.fullKey });
        return answer.body.enabled === false ? answer.body : null;
      });
      assert.match(disabled.disabledReason, /failed for 120 hours/);
      const enabled = await server.request(`/v1/webhook-endpoints/${endpoint.id}`, { key: tenant.fullKey, method: 'PATCH', body: { enabled: true } });
      assert.deepEqual([enabled.body.enabled, enabled.body.disabledReason], [true, null]);
    });

    test('a slow receiver times out and is retried; a 429 waits for its Retry-After', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const receiver = await startReceiver(t, (_r, index, response) => {
        if (index === 0) setTimeout(() => response.writeHead(200).end('late'), 1500);
        else if (index === 1) response.writeHead(429, { 'retry-after': '1' }).end();
        else ok(_r, index, response);
      });
      const { endpoint } = await createEndpoint(server, tenant, receiver.url, ['list.created']);
      await sendTest(server, tenant, endpoint.id);
      const log = await until('three attempts', async () => {
        const rows = await attempts(server, tenant, endpoint.id);
        return rows.length === 3 ? rows : null;
      });
      assert.match(log[0]!.error ?? '', /no answer within 400 ms/);
      assert.deepEqual(log.map((a) => a.statusCode), [null, 429, 200]);
      assert.ok(receiver.received[2]!.at - receiver.received[1]!.at >= 950, 'Retry-After: 1 was honoured');
    });

    test('a rotated secret signs beside the new one; replay sends a failed message again', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      let answer = 500;
      const receiver = await startReceiver(t, (_r, _i, response) => response.writeHead(answer).end());
      const created = await createEndpoint(server, tenant, receiver.url, ['list.created']);
      const rotated = await server.request(`/v1/webhook-endpoints/${created.endpoint.id}/rotate-secret`, { key: tenant.fullKey, method: 'POST' });
      assert.equal(rotated.status, 200, rotated.text);
      const messageId = await sendTest(server, tenant, created.endpoint.id);
      await until('the schedule is spent', async () => (await attempts(server, tenant, created.endpoint.id)).at(-1)?.messageState === 'failed');
      assert.equal(receiver.received.length, 3);
      for (const secret of [created.secret, rotated.body.secret as string]) assert.equal(verified(secret, receiver.received[0]!).type, 'webhook.test');
      answer = 200;
      const replay = `/v1/webhook-endpoints/${created.endpoint.id}/replay`;
      const later = await server.request(replay, { key: tenant.fullKey, body: { since: new Date(Date.now() + 60_000).toISOString() } });
      assert.deepEqual(later.body, { replayed: 0 }, 'the failed message was created before that');
      const since = await server.request(replay, { key: tenant.fullKey, body: { since: new Date(Date.now() - 60_000).toISOString() } });
      assert.deepEqual(since.body, { replayed: 1 }, 'every failed message since a time');
      await until('delivered on replay', async () => (await attempts(server, tenant, created.endpoint.id)).at(-1)?.messageState === 'delivered');
      assert.equal(receiver.received.at(-1)!.headers['webhook-id'], messageId);
      assert.deepEqual((await server.request(replay, { key: tenant.fullKey, body: { since: '2000-01-01T00:00:00Z' } })).body, { replayed: 0 }, 'nothing failed any more');
      // One message, whatever its state, is sent again under the same webhook-id.
      assert.deepEqual((await server.request(replay, { key: tenant.fullKey, body: { messageId } })).body, { replayed: 1 });
      await until('sent once more', () => receiver.received.length === 5);
      assert.equal(receiver.received.at(-1)!.headers['webhook-id'], messageId);
      const missing = await server.request(replay, { key: tenant.fullKey, body: { messageId: 'msg_nothing' } });
      assert.equal(missing.status, 404);
    });

    test('once the 24 hours of a rotation are over, only the new secret signs', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const receiver = await startReceiver(t);
      const created = await createEndpoint(server, tenant, receiver.url, ['list.created']);
      const rotated = await server.request(`/v1/webhook-endpoints/${created.endpoint.id}/rotate-secret`, { key: tenant.fullKey, method: 'POST' });
      assert.ok(Date.parse(rotated.body.endpoint.previousSecretUntil) >= Date.now() + 23.9 * 3_600_000, 'the previous secret signs for 24 hours');
      await server.database.db.updateTable('webhook_endpoints').set({ previous_secret_until: new Date(Date.now() - 1000).toISOString() }).where('id', '=', created.endpoint.id).execute();
      await sendTest(server, tenant, created.endpoint.id);
      await until('delivered', () => receiver.received.length === 1);
      assert.equal(verified(rotated.body.secret as string, receiver.received[0]!).type, 'webhook.test');
      assert.equal(String(receiver.received[0]!.headers['webhook-signature']).split(' ').length, 1, 'one signature');
      assert.throws(() => verified(created.secret, receiver.received[0]!));
    });

    test('a redirect is not followed: a 3xx is a failed attempt, retried', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const elsewhere = await startReceiver(t);
      const receiver = await startReceiver(t, (_r, index, response) => (index === 0 ? response.writeHead(307, { location: elsewhere.url }).end() : ok(_r, index, response)));
      const { endpoint } = await createEndpoint(server, tenant, receiver.url, ['list.created']);
      await sendTest(server, tenant, endpoint.id);
      const log = await until('the retry delivered', async () => {
        const rows = await attempts(server, tenant, endpoint.id);
        return rows.length === 2 ? rows : null;
      });
      assert.deepEqual(log.map((a) => [a.statusCode, a.messageState]), [[307, 'delivered'], [200, 'delivered']]);
      assert.equal(elsewhere.received.length, 0, 'nothing went where the redirect pointed');
    });

    test('endpoints: list, change, delete; a URL that is not http(s) is refused', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const { endpoint } = await createEndpoint(server, tenant, 'https://hooks.example.com/x', ['list.created']);
      const changed = await server.request(`/v1/webhook-endpoints/${endpoint.id}`, { key: tenant.fullKey, method: 'PATCH', body: { enabled: false, eventTypes: ['list.deleted'] } });
      assert.deepEqual([changed.body.enabled, changed.body.eventTypes], [false, ['list.deleted']]);
      assert.deepEqual((await server.request('/v1/webhook-endpoints', { key: tenant.fullKey })).body.map((e: { id: string }) => e.id), [endpoint.id]);
      assert.equal((await server.request(`/v1/webhook-endpoints/${endpoint.id}`, { key: tenant.fullKey, method: 'DELETE' })).status, 200);
      assert.equal((await server.request(`/v1/webhook-endpoints/${endpoint.id}`, { key: tenant.fullKey })).status, 404);
      const bad = await server.request('/v1/webhook-endpoints', { key: tenant.fullKey, body: { url: 'file:///etc/passwd', eventTypes: ['list.created'] } });
      assert.equal(bad.status, 400);
    });
  });

  describe(`webhook SSRF guard (${engine})`, () => {
    test('without WEBHOOK_ALLOW_PRIVATE nothing is sent to loopback, by name or by address', async (t) => {
      const server = await startServer(t, engine, { ...ENV, WEBHOOK_ALLOW_PRIVATE: 'false', WEBHOOK_RETRY_SCHEDULE: '0' });
      const tenant = await createTenant(server.database);
      const receiver = await startReceiver(t);
      for (const url of [receiver.url, receiver.url.replace('127.0.0.1', 'localhost')]) {
        const { endpoint } = await createEndpoint(server, tenant, url, ['list.created']);
        await sendTest(server, tenant, endpoint.id);
        const [attempt] = await until('the refused attempt', () => attempts(server, tenant, endpoint.id).then((rows) => (rows.length > 0 ? rows : null)));
        assert.match(attempt!.error ?? '', /private address/, url);
      }
      assert.equal(receiver.received.length, 0);
    });
  });
}
