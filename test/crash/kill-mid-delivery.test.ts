import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { startInstance, type Instance } from '../../scripts/cluster.js';
import { EVENT_TYPES } from '../../src/schemas/events.js';
import type { Database } from '../../src/store/database.js';
import { createEndpoint } from '../../src/store/webhook-endpoints.js';
import { messageBody } from '../../src/store/webhook-messages.js';
import { newWebhookSecret } from '../../src/webhooks/signature.js';
import { ENGINES, freshDatabase } from '../support/engines.js';
import { freePort } from '../support/ports.js';
import { send } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';
import { startReceiver, until, type Received } from '../webhooks/receiver.js';

/**
 * The outbox survives a crash (docs/webhooks.md#deliveries): SIGKILL the server while a delivery is
 * in flight (the receiver holds the request, so it was sent and never settled) and right after an
 * import answered (its events committed, maybe not yet turned into messages), restart, and count at
 * a real receiver on loopback: every event arrives, and an event that arrives twice does so under
 * the same webhook-id (the receiver's idempotency key).
 */

// A short lease margin so the restarted server takes the dead one's lease over within a second.
const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '50', WEBHOOK_TIMEOUT_MS: '3000', WEBHOOK_LEASE_MARGIN_MS: '500', RATE_LIMIT: 'off', LOG_LEVEL: 'warn' };
const SUBSCRIBABLE = EVENT_TYPES.filter((t) => t !== 'webhook.test');

async function serve(databaseUrl: string): Promise<Instance> {
  return startInstance({ databaseUrl, runtime: 'source', env: ENV, index: 0, port: await freePort() });
}

async function kill(instance: Instance): Promise<void> {
  instance.child.kill('SIGKILL');
  await instance.exited;
}

async function importProspects(instance: Instance, tenant: Tenant, count: number): Promise<void> {
  const urls = Array.from({ length: count }, () => uniqueProfileUrl('crash-hook'));
  const answer = await send(instance.url, '/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, urls) });
  assert.equal(answer.status, 200, answer.text);
}

/** The body each of the tenant's events after `position` is delivered with (fixed when its message is made). */
async function expectedBodies(database: Database, userId: string, position: number): Promise<string[]> {
  const events = await database.db.selectFrom('events').selectAll().where('user_id', '=', userId).where('position', '>', position).orderBy('position').execute();
  return events.map((e) => messageBody(e.type, e.created_at, JSON.parse(e.data)));
}

for (const engine of ENGINES) {
  describe(`webhook delivery across a crash (${engine})`, () => {
    test('SIGKILL with a delivery in flight and right after an import: every event delivered, never under two webhook-ids', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const tenant = await createTenant(fresh.database);
      let held: ServerResponse | undefined;
      const receiver = await startReceiver(t, (_request, index, response) => {
        // The very first delivery is held: the server dies after sending it, before its answer.
        if (index === 0) held = response;
        else response.writeHead(200).end('ok');
      });
      const secret = newWebhookSecret();
      const endpoint = await createEndpoint(fresh.database.db, tenant.user.id, { url: receiver.url, eventTypes: SUBSCRIBABLE, secret });
      let server = await serve(fresh.url);
      t.after(() => kill(server));

      // 1. A delivery in flight: sent, held by the receiver, never settled.
      await importProspects(server, tenant, 40);
      await until('the first delivery is held and others answered', () => held !== undefined && receiver.received.length >= 4, 60_000);
      await kill(server);
      const heldId = String(receiver.received[0]!.headers['webhook-id']);
      const [heldRow] = await fresh.database.db.selectFrom('webhook_messages').select(['state', 'attempts']).where('id', '=', heldId).execute();
      assert.deepEqual(heldRow, { state: 'pending', attempts: 0 }, 'the killed server never recorded the held delivery');
      held!.destroy();

      // 2. Killed right after an import answered: its events committed, their delivery not begun or not finished.
      server = await serve(fresh.url);
      const before = await expectedBodies(fresh.database, tenant.user.id, Number(endpoint.event_position));
      await importProspects(server, tenant, 30);
      await kill(server);
      const secondImport = (await expectedBodies(fresh.database, tenant.user.id, Number(endpoint.event_position))).slice(before.length);
      const arrivedBeforeKill = secondImport.filter((body) => receiver.received.some((r) => r.body === body)).length;
      assert.ok(arrivedBeforeKill < secondImport.length, 'the kill landed before the import\'s events were all delivered');

      // 3. A clean restart delivers what is left; one more import while it runs.
      server = await serve(fresh.url);
      await importProspects(server, tenant, 10);
      const bodies = await expectedBodies(fresh.database, tenant.user.id, Number(endpoint.event_position));
      assert.equal(bodies.length, 40 + 1 + 30 + 1 + 10 + 1, 'a prospect.created per prospect and an import.completed per import');
      const idsOf = (body: string) => new Set(receiver.received.filter((r) => r.body === body).map((r) => String(r.headers['webhook-id'])));
      await until('every event delivered', () => bodies.every((body) => idsOf(body).size > 0), 60_000);
      await until('every message settled', async () => {
        const open = await fresh.database.db.selectFrom('webhook_messages').select('id').where('endpoint_id', '=', endpoint.id).where('state', '<>', 'delivered').execute();
        return open.length === 0;
      });

      t.diagnostic(`${receiver.received.length} requests for ${bodies.length} events; ${arrivedBeforeKill} of the second import's ${secondImport.length} events had arrived when the kill landed`);
      for (const body of bodies) assert.equal(idsOf(body).size, 1, `one webhook-id for ${body}`);
      assert.ok(receiver.received.filter((r) => r.headers['webhook-id'] === heldId).length >= 2, 'the held delivery was sent again, under its own webhook-id');
      const verifier = new Webhook(secret);
      for (const delivery of receiver.received) verifier.verify(delivery.body, headersOf(delivery));
      const messages = await fresh.database.db.selectFrom('webhook_messages').select('event_id').where('endpoint_id', '=', endpoint.id).execute();
      assert.equal(messages.length, bodies.length, 'one message per event, made once');
    });
  });
}

function headersOf(delivery: Received): Record<string, string> {
  return Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k, String(v)]));
}
