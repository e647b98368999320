import { Type } from '@sinclair/typebox';
import { EVENT_DATA, EVENT_TYPES, type EventType } from './events.js';

/**
 * The OpenAPI 3.1 `webhooks` section: what prospect-hub POSTs to an endpoint for each event type of
 * the catalogue (docs/webhooks.md#signatures), so a receiver can be generated or validated from the
 * same document as the API.
 */

const header = (name: string, description: string) => ({ name, in: 'header', required: true, description, schema: { type: 'string' as const } });

const HEADERS = [
  header('webhook-id', 'the message id, the same on every retry: deduplicate on it'),
  header('webhook-timestamp', 'seconds since the epoch of this attempt'),
  header('webhook-signature', '`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`; during a secret rotation two, space-separated'),
];

export function deliveryBody(type: EventType) {
  return Type.Object({ type: Type.Literal(type), timestamp: Type.String({ description: 'when the event was written (ISO 8601)' }), data: EVENT_DATA[type] }, { title: `${type} delivery` });
}

export function webhookDeliveryDocs(): Record<string, object> {
  return Object.fromEntries(
    EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          summary: type === 'webhook.test' ? 'Sent by "send test event" only' : `Sent to the endpoints subscribed to ${type}`,
          parameters: HEADERS,
          requestBody: { required: true, content: { 'application/json': { schema: deliveryBody(type) } } },
          responses: {
            '200': { description: 'any 2xx: delivered. Anything else (or no answer within 15 s) is retried; 410 disables the endpoint; 429 and 503 may say Retry-After' },
          },
        },
      },
    ]),
  );
}
