import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import type { EventsPage } from '../../src/http/routes/v1/events.js';
import { EVENT_TYPES, type EventType } from '../../src/schemas/events.js';
import type { WebhookSecretAnswer } from '../../src/schemas/webhooks.js';
import { messageBody } from '../../src/store/webhook-messages.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { ENGINES } from '../support/engines.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';
import { startReceiver, until, type Receiver } from './receiver.js';

/**
 * Two server processes on one database, 10,000 events from batch imports (docs/webhooks.md#deliveries):
 * each event reaches each endpoint that asked for its type exactly once (no fault, so not one
 * duplicate), and a feed read from after=0 while the writes happen sees every event of its CRM
 * exactly once, in commit order (docs/webhooks.md#the-feed).
 */

const IMPORTS_PER_CRM = 5;
const PROSPECTS_PER_IMPORT = 1000;
const LISTS_PER_CRM = 5;
const ALL = EVENT_TYPES.filter((t) => t !== 'webhook.test');
const SOME: EventType[] = ['import.completed', 'list.created'];

interface Subscription {
  tenant: Tenant;
  receiver: Receiver;
  endpoint: WebhookSecretAnswer;
  types: readonly string[];
}

async function subscribe(cluster: TestCluster, tenant: Tenant, receiver: Receiver, types: readonly string[]): Promise<Subscription> {
  const answer = await cluster.request(0, '/v1/webhook-endpoints', { key: tenant.fullKey, body: { url: receiver.url, eventTypes: types } });
  assert.equal(answer.status, 201, answer.text);
  return { tenant, receiver, endpoint: answer.body as WebhookSecretAnswer, types };
}

/** Polls the feed from after=0, alternating instances, until `done()` and a page comes back empty. */
async function readFeed(cluster: TestCluster, tenant: Tenant, done: () => boolean): Promise<number[]> {
  const positions: number[] = [];
  let cursor = '0';
  for (let i = 0; ; i++) {
    const finished = done();
    const answer = await cluster.request(i, `/v1/events?after=${cursor}&limit=100`, { key: tenant.fullKey });
    assert.equal(answer.status, 200, answer.text);
    const page = answer.body as EventsPage;
    positions.push(...page.data.map((e) => e.position));
    cursor = page.nextCursor!;
    if (finished && page.data.length === 0) return positions;
  }
}

for (const engine of ENGINES) {
  describe(`two instances, 10,000 events (${engine})`, () => {
    test('each event delivered once to each subscribed endpoint; the feed read meanwhile sees each event once, in order', async (t) => {
      const cluster = await startTestCluster(engine, { env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '50', RATE_LIMIT: 'off' } });
      t.after(() => cluster.stop());
      const crms = [await createTenant(cluster.database), await createTenant(cluster.database)];
      const subscriptions = [
        await subscribe(cluster, crms[0]!, await startReceiver(t), ALL),
        await subscribe(cluster, crms[0]!, await startReceiver(t), SOME),
        await subscribe(cluster, crms[1]!, await startReceiver(t), ALL),
      ];

      // An endpoint receives the events written after its creation.
      const startedAt = new Map<string, number>();
      for (const tenant of crms) startedAt.set(tenant.user.id, Number((await cluster.database.db.selectFrom('users').select('event_seq').where('id', '=', tenant.user.id).executeTakeFirstOrThrow()).event_seq));
      let writing = true;
      const readers = crms.map((tenant) => readFeed(cluster, tenant, () => !writing));
      // Every CRM writes on both instances at once: big imports and list creations interleaved.
      const writes = crms.flatMap((tenant, c) => [
        ...Array.from({ length: IMPORTS_PER_CRM }, (_, i) =>
          cluster.request(c + i, '/prospects/addProspectFromIntegration', {
            key: tenant.key,
            body: importBody(tenant.lists[i % tenant.lists.length]!.id, Array.from({ length: PROSPECTS_PER_IMPORT }, () => uniqueProfileUrl('ten-k'))),
          }),
        ),
        ...Array.from({ length: LISTS_PER_CRM }, (_, i) => cluster.request(c + i + 1, '/v1/lists', { key: tenant.fullKey, body: { name: `written meanwhile ${i}` } })),
      ]);
      for (const answer of await Promise.all(writes)) assert.ok(answer.status < 300, answer.text);
      writing = false;
      const feeds = await Promise.all(readers);

      let total = 0;
      for (const [c, tenant] of crms.entries()) {
        const stored = await cluster.database.db.selectFrom('events').select('position').where('user_id', '=', tenant.user.id).orderBy('position').execute();
        total += stored.length;
        assert.deepEqual(feeds[c], Array.from({ length: stored.length }, (_, i) => i + 1), `CRM ${c}: every position once, none skipped, in commit order`);
      }
      t.diagnostic(`${total} events`);
      assert.ok(total >= 10_000, `${total} events written`);

      for (const [s, { tenant, receiver, endpoint, types }] of subscriptions.entries()) {
        const events = await cluster.database.db
          .selectFrom('events')
          .selectAll()
          .where('user_id', '=', tenant.user.id)
          .where('type', 'in', [...types])
          .where('position', '>', startedAt.get(tenant.user.id)!)
          .execute();
        const wanted = new Set(events.map((e) => messageBody(e.type, e.created_at, JSON.parse(e.data))));
        await until(`endpoint ${s} has ${wanted.size} deliveries`, () => receiver.received.length >= wanted.size, 600_000); // a guard, not a timing: the shared machine can be slow
        // Give a duplicate the chance to show up before counting.
        await until(`endpoint ${s}'s messages all settled`, async () => {
          const open = await cluster.database.db.selectFrom('webhook_messages').select('id').where('endpoint_id', '=', endpoint.endpoint.id).where('state', '<>', 'delivered').limit(1).execute();
          return open.length === 0;
        }, 120_000);
        const ids = receiver.received.map((r) => String(r.headers['webhook-id']));
        const duplicates = ids.length - new Set(ids).size;
        t.diagnostic(`endpoint ${s} (${types.length} types): ${ids.length} deliveries, ${duplicates} duplicates`);
        assert.equal(duplicates, 0, 'no message delivered twice');
        assert.deepEqual(new Set(receiver.received.map((r) => r.body)), wanted, 'each wanted event delivered, nothing else');
        const verifier = new Webhook(endpoint.secret);
        for (const r of receiver.received) verifier.verify(r.body, Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)])));
      }
    });
  });
}
