import { Type, type Static } from '@sinclair/typebox';
import type { AttemptLogRow } from '../store/webhook-messages.js';
import type { WebhookEndpointRow } from '../store/schema.js';
import { parseJsonArray } from '../store/db.js';
import { EVENT_TYPES } from './events.js';
import { PageOf } from './page.js';

// Webhook endpoints and their delivery log (docs/webhooks.md#endpoints). The secret is in the
// creating and rotating answers only.

const SubscribableType = Type.Union(
  EVENT_TYPES.filter((t) => t !== 'webhook.test').map((t) => Type.Literal(t)),
  { description: 'an event type of the catalogue (docs/webhooks.md#events)' },
);
const Url = Type.String({ minLength: 8, maxLength: 2000, pattern: '^https?://[^\\s]+$', description: 'http:// or https:// URL the events are POSTed to' });
const EventTypes = Type.Array(SubscribableType, { minItems: 1, maxItems: 50, uniqueItems: true });

export const WebhookEndpoint = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    description: Type.String(),
    eventTypes: Type.Array(Type.String()),
    enabled: Type.Boolean(),
    disabledReason: Type.Union([Type.String(), Type.Null()]),
    previousSecretUntil: Type.Union([Type.String(), Type.Null()], { description: 'during a rotation, until when the previous secret also signs' }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  {
    examples: [
      {
        id: '6b08edc0829f97ef98603990',
        url: 'https://hooks.example.com/prospect-hub',
        description: 'CRM sync',
        eventTypes: ['prospect.created', 'import.completed'],
        enabled: true,
        disabledReason: null,
        previousSecretUntil: null,
        createdAt: '2026-12-02T18:00:00.000Z',
        updatedAt: '2026-12-02T18:00:00.000Z',
      },
    ],
  },
);
export type WebhookEndpoint = Static<typeof WebhookEndpoint>;

export const NewWebhookEndpoint = Type.Object(
  { url: Url, eventTypes: EventTypes, description: Type.Optional(Type.String({ maxLength: 500 })), enabled: Type.Optional(Type.Boolean()) },
  { examples: [{ url: 'https://hooks.example.com/prospect-hub', eventTypes: ['prospect.created', 'import.completed'], description: 'CRM sync' }] },
);
export type NewWebhookEndpoint = Static<typeof NewWebhookEndpoint>;

export const WebhookEndpointChanges = Type.Object(
  { url: Type.Optional(Url), eventTypes: Type.Optional(EventTypes), description: Type.Optional(Type.String({ maxLength: 500 })), enabled: Type.Optional(Type.Boolean()) },
  { examples: [{ enabled: true }] },
);
export type WebhookEndpointChanges = Static<typeof WebhookEndpointChanges>;

export const WebhookSecretAnswer = Type.Object(
  { endpoint: WebhookEndpoint, secret: Type.String({ description: 'whsec_…: shown in this answer only' }) },
  { examples: [{ endpoint: WebhookEndpoint.examples[0], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }] },
);
export type WebhookSecretAnswer = Static<typeof WebhookSecretAnswer>;

export const WebhookAttempt = Type.Object(
  {
    id: Type.String(),
    messageId: Type.String({ description: 'the webhook-id header, the same on every retry' }),
    eventType: Type.String(),
    messageState: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
    attempt: Type.Integer(),
    statusCode: Type.Union([Type.Integer(), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
    durationMs: Type.Integer(),
    responseStart: Type.String({ description: 'the first 1,024 bytes of the answer' }),
    createdAt: Type.String(),
  },
  {
    examples: [
      {
        id: '6b08edc0829f97ef98603991',
        messageId: 'msg_6b08edc0829f97ef98603992',
        eventType: 'import.completed',
        messageState: 'delivered',
        attempt: 1,
        statusCode: 200,
        error: null,
        durationMs: 84,
        responseStart: 'ok',
        createdAt: '2026-12-02T18:00:01.000Z',
      },
    ],
  },
);
export type WebhookAttempt = Static<typeof WebhookAttempt>;
export const WebhookAttemptPage = PageOf(WebhookAttempt);
export type WebhookAttemptPage = Static<typeof WebhookAttemptPage>;

export const ReplayRequest = Type.Union(
  [
    Type.Object({ messageId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
    Type.Object({ since: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})$', description: 'every failed message created since this ISO-8601 time' }) }, { additionalProperties: false }),
  ],
  { examples: [{ since: '2026-12-01T00:00:00Z' }] },
);
export type ReplayRequest = Static<typeof ReplayRequest>;
export const ReplayAnswer = Type.Object({ replayed: Type.Integer() }, { examples: [{ replayed: 3 }] });
export type ReplayAnswer = Static<typeof ReplayAnswer>;
export const TestAnswer = Type.Object({ messageId: Type.String() }, { examples: [{ messageId: 'msg_6b08edc0829f97ef98603992' }] });
export type TestAnswer = Static<typeof TestAnswer>;

export function renderEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: parseJsonArray(row.event_types),
    enabled: Number(row.enabled) === 1,
    disabledReason: row.disabled_reason,
    previousSecretUntil: row.previous_secret_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function renderAttempt(row: AttemptLogRow): WebhookAttempt {
  return {
    id: row.id,
    messageId: row.message_id,
    eventType: row.event_type,
    messageState: row.state,
    attempt: Number(row.attempt),
    statusCode: row.status_code === null ? null : Number(row.status_code),
    error: row.error,
    durationMs: Number(row.duration_ms),
    responseStart: row.response_start,
    createdAt: row.created_at,
  };
}
