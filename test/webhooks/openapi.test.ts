import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import type { EventsPage } from '../../src/http/routes/v1/events.js';
import { EVENT_TYPES } from '../../src/schemas/events.js';
import { deliveryBody } from '../../src/schemas/webhook-deliveries.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

// Every event type of the catalogue has its JSON Schema in the OpenAPI document: in the feed's answer
// and in the `webhooks` section (what is POSTed to an endpoint), and real events match them.

interface Document {
  webhooks: Record<string, { post: { parameters: { name: string }[]; requestBody: { content: { 'application/json': { schema: unknown } } } } }>;
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: { properties: { data: { items: { anyOf: { title: string }[] } } } } }> }> }>>;
}

for (const engine of ENGINES) {
  describe(`event schemas in OpenAPI (${engine})`, () => {
    const shared = sharedServer(engine);

    test('each catalogue type is in the webhooks section and the feed; real events of every kind match their schema', async () => {
      const server = shared();
      const doc = (await server.request('/openapi.json')).body as Document;
      // Besides the event types: `executorEnrolment`, what a campaign's executor receives (test/webhooks/executors.test.ts).
      assert.deepEqual(Object.keys(doc.webhooks).filter((name) => name !== 'executorEnrolment').sort(), [...EVENT_TYPES].sort());
      for (const type of EVENT_TYPES) {
        const post = doc.webhooks[type]!.post;
        assert.deepEqual(post.requestBody.content['application/json'].schema, JSON.parse(JSON.stringify(deliveryBody(type))), type);
        assert.deepEqual(post.parameters.map((p) => p.name), ['webhook-id', 'webhook-timestamp', 'webhook-signature']);
      }
      const feed = doc.paths['/v1/events']!.get!.responses['200']!.content['application/json']!.schema.properties.data.items.anyOf;
      assert.deepEqual(feed.map((s) => s.title).sort(), [...EVENT_TYPES].sort());

      const tenant = await createTenant(server.database);
      const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [uniqueProfileUrl()], { campaignId: tenant.campaigns.running.id }) });
      const prospectId = imported.body.result[0].prospect._id as string;
      const changes: [string, string, unknown][] = [
        ['POST', '/v1/prospects/bulk', { action: 'move', ids: [prospectId], listId: tenant.lists[1]!.id }],
        ['POST', `/v1/campaigns/${tenant.campaigns.running.id}/state`, { state: 'paused' }],
        ['PATCH', `/v1/prospects/${prospectId}`, { profile: { occupation: 'CTO' } }],
        ['POST', '/v1/prospects/bulk', { action: 'delete', ids: [prospectId] }],
        ['DELETE', `/v1/lists/${tenant.lists[2]!.id}`, undefined],
      ];
      for (const [method, path, body] of changes) assert.ok((await server.request(path, { key: tenant.fullKey, method, body })).status < 300, path);
      const { data } = (await server.request('/v1/events?after=0&limit=100', { key: tenant.fullKey })).body as EventsPage;
      const seen = new Set(data.map((e) => e.type));
      for (const type of ['list.created', 'prospect.created', 'campaign.prospect_enrolled', 'import.completed', 'prospect.moved', 'campaign.state_changed', 'prospect.updated', 'prospect.deleted', 'list.deleted']) {
        assert.ok(seen.has(type as never), `the run wrote a ${type}`);
      }
      for (const event of data) {
        const body = { type: event.type, timestamp: event.timestamp, data: event.data };
        assert.ok(Value.Check(deliveryBody(event.type), body), `${event.type}: ${JSON.stringify([...Value.Errors(deliveryBody(event.type), body)].slice(0, 2))}`);
      }
    });
  });
}
