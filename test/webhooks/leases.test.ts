import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { recordEvents } from '../../src/store/events.js';
import { nowIso } from '../../src/store/time.js';
import { inTransaction } from '../../src/store/transaction.js';
import { createEndpoint } from '../../src/store/webhook-endpoints.js';
import { insertMessage } from '../../src/store/webhook-messages.js';
import { DeliveryWorker } from '../../src/webhooks/delivery-worker.js';
import { newWebhookSecret } from '../../src/webhooks/signature.js';
import { ENGINES, freshDatabase } from '../support/engines.js';
import { createTenant } from '../support/tenant.js';
import { startReceiver } from './receiver.js';

// Each due delivery is claimed by exactly one worker, however many run on the database (one per
// instance in production), and a lease left by a dead worker is taken over once it runs out.

const config = loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '0,50', WEBHOOK_TIMEOUT_MS: '2000' });
const quiet = { warn: () => undefined };

for (const engine of ENGINES) {
  describe(`webhook leases (${engine})`, () => {
    test('three workers ticking at once deliver every event exactly once; an expired lease is taken over', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const { database } = fresh;
      const tenant = await createTenant(database);
      const receiver = await startReceiver(t);
      const endpoint = await createEndpoint(database.db, tenant.user.id, { url: receiver.url, eventTypes: ['list.created'], secret: newWebhookSecret() });
      const events = Array.from({ length: 30 }, (_, i) => ({ type: 'list.created' as const, data: { listId: tenant.listId, name: `n${i}` } }));
      await inTransaction(database, (trx) => recordEvents(trx, tenant.user.id, events));
      const abandoned = await insertMessage(database.db, { userId: tenant.user.id, endpointId: endpoint.id, eventId: null, type: 'webhook.test', body: '{}', at: nowIso() });
      await database.db.updateTable('webhook_messages').set({ lease_owner: 'a worker that died', lease_until: nowIso(Date.now() - 1000) }).where('id', '=', abandoned).execute();

      const workers = Array.from({ length: 3 }, () => new DeliveryWorker(database, config, quiet));
      for (let round = 0; round < 3; round++) await Promise.all(workers.map((w) => w.tick()));

      const ids = receiver.received.map((r) => String(r.headers['webhook-id']));
      assert.equal(ids.length, 31, 'every message once');
      assert.equal(new Set(ids).size, 31, 'no message twice');
      assert.ok(ids.includes(abandoned), 'the abandoned lease was taken over');
      const states = await database.db.selectFrom('webhook_messages').select('state').where('endpoint_id', '=', endpoint.id).execute();
      assert.deepEqual([...new Set(states.map((s) => s.state))], ['delivered']);
    });
  });
}
