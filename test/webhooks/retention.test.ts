import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { recordEvents } from '../../src/store/events.js';
import { nowIso } from '../../src/store/time.js';
import { inTransaction } from '../../src/store/transaction.js';
import { createEndpoint } from '../../src/store/webhook-endpoints.js';
import { insertTestMessage } from '../../src/store/webhook-messages.js';
import { DeliveryWorker } from '../../src/webhooks/delivery-worker.js';
import { newWebhookSecret } from '../../src/webhooks/signature.js';
import { ENGINES, freshDatabase } from '../support/engines.js';
import { createTenant } from '../support/tenant.js';

// Events, settled messages and their attempts are kept EVENTS_RETENTION_DAYS (docs/webhooks.md#configuration);
// a message still pending is kept whatever its age.

const quiet = { warn: () => undefined };
const DAY = 86_400_000;

for (const engine of ENGINES) {
  describe(`event and delivery log retention (${engine})`, () => {
    test('the worker purges what is older than EVENTS_RETENTION_DAYS, and only that', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const { db } = fresh.database;
      const tenant = await createTenant(fresh.database);
      // An endpoint that is disabled, so the worker only purges (nothing is due).
      const endpoint = await createEndpoint(db, tenant.user.id, { url: 'https://hooks.example.com/r', eventTypes: ['list.created'], secret: newWebhookSecret(), enabled: false });
      await inTransaction(fresh.database, (trx) => recordEvents(trx, tenant.user.id, [{ type: 'list.created', data: { listId: tenant.listId, name: 'kept' } }]));
      const events = await db.selectFrom('events').select('id').where('user_id', '=', tenant.user.id).orderBy('position').execute();
      // An event id starts with its creation second (src/ids.ts): make the first one three days old.
      const old = events[0]!.id;
      const threeDaysAgo = Math.floor((Date.now() - 3 * DAY) / 1000).toString(16).padStart(8, '0') + old.slice(8);
      await db.updateTable('events').set({ id: threeDaysAgo }).where('id', '=', old).execute();

      const oldDelivered = await insertTestMessage(db, tenant.user.id, endpoint.id, nowIso(Date.now() - 3 * DAY));
      const oldPending = await insertTestMessage(db, tenant.user.id, endpoint.id, nowIso(Date.now() - 3 * DAY));
      const recentDelivered = await insertTestMessage(db, tenant.user.id, endpoint.id, nowIso());
      await db.updateTable('webhook_messages').set({ state: 'delivered' }).where('id', 'in', [oldDelivered, recentDelivered]).execute();
      for (const messageId of [oldDelivered, recentDelivered]) {
        await db.insertInto('webhook_attempts').values({ id: messageId.slice(4), message_id: messageId, endpoint_id: endpoint.id, attempt: 1, status_code: 200, error: null, duration_ms: 5, response_start: 'ok', created_at: nowIso() }).execute();
      }

      await new DeliveryWorker(fresh.database, loadConfig({ EVENTS_RETENTION_DAYS: '2' }), quiet).tick();

      const eventIds = (await db.selectFrom('events').select('id').where('user_id', '=', tenant.user.id).execute()).map((e) => e.id).sort();
      assert.deepEqual(eventIds, events.slice(1).map((e) => e.id).sort(), 'only the three-day-old event is gone');
      const messages = (await db.selectFrom('webhook_messages').select('id').where('endpoint_id', '=', endpoint.id).execute()).map((m) => m.id).sort();
      assert.deepEqual(messages, [oldPending, recentDelivered].sort());
      const attempts = await db.selectFrom('webhook_attempts').select('message_id').where('endpoint_id', '=', endpoint.id).execute();
      assert.deepEqual(attempts.map((a) => a.message_id), [recentDelivered], 'the purged message took its attempts with it');

      await new DeliveryWorker(fresh.database, loadConfig({ EVENTS_RETENTION_DAYS: '30' }), quiet).tick();
      assert.equal((await db.selectFrom('webhook_messages').select('id').where('endpoint_id', '=', endpoint.id).execute()).length, 2, '30 days keeps them');
    });
  });
}
