import { Type } from '@sinclair/typebox';
import { ApiProblem, validationProblem } from '../../../problems.js';
import { IdParams } from '../../../schemas/app-resources.js';
import { PageQuery } from '../../../schemas/page.js';
import {
  NewWebhookEndpoint,
  renderAttempt,
  renderEndpoint,
  ReplayAnswer,
  ReplayRequest,
  TestAnswer,
  WebhookAttemptPage,
  WebhookEndpoint,
  WebhookEndpointChanges,
  WebhookSecretAnswer,
} from '../../../schemas/webhooks.js';
import { createEndpoint, deleteEndpoint, findEndpoint, listEndpoints, rotateEndpointSecret, updateEndpoint } from '../../../store/webhook-endpoints.js';
import { insertTestMessage, listAttempts, replayMessages } from '../../../store/webhook-messages.js';
import { nowIso } from '../../../store/time.js';
import { newWebhookSecret, ROTATION_OVERLAP_MS } from '../../../webhooks/signature.js';
import { decodeCursor, encodeCursor } from '../../cursor.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404);
// Endpoints hold signing secrets and send the account's data elsewhere: admin only.
const config = { scope: 'admin' as const };
const tags = ['API v1'];

function notFound(id: string): ApiProblem {
  return new ApiProblem('R000404-001', `no webhook endpoint "${id}" among yours`);
}

/** /v1/webhook-endpoints: where events are delivered, signed (docs/webhooks.md#endpoints). */
const route: RoutePlugin = async (app, { database }) => {
  const db = database.db;
  const owned = async (userId: string, id: string) => (await findEndpoint(db, userId, id)) ?? Promise.reject(notFound(id));

  app.get('/v1/webhook-endpoints', { config, schema: { tags, summary: 'Your webhook endpoints (never their secrets)', response: { 200: Type.Array(WebhookEndpoint), ...errors } } }, async (request) =>
    (await listEndpoints(db, callerOfRequest(request).userId)).map(renderEndpoint),
  );

  app.post(
    '/v1/webhook-endpoints',
    { config, schema: { tags, summary: 'Create a webhook endpoint: the signing secret is in this answer only', body: NewWebhookEndpoint, response: { 201: WebhookSecretAnswer, ...errors } } },
    async (request, reply) => {
      const secret = newWebhookSecret();
      const row = await createEndpoint(db, callerOfRequest(request).userId, { ...request.body, secret });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ endpoint: renderEndpoint(row), secret });
    },
  );

  app.get('/v1/webhook-endpoints/:id', { config, schema: { tags, summary: 'One webhook endpoint', params: IdParams, response: { 200: WebhookEndpoint, ...errors } } }, async (request) =>
    renderEndpoint(await owned(callerOfRequest(request).userId, request.params.id)),
  );

  app.patch(
    '/v1/webhook-endpoints/:id',
    { config, schema: { tags, summary: 'Change a webhook endpoint (enabling it again clears its failure streak)', params: IdParams, body: WebhookEndpointChanges, response: { 200: WebhookEndpoint, ...errors } } },
    async (request) => {
      const row = await updateEndpoint(db, callerOfRequest(request).userId, request.params.id, request.body);
      if (!row) throw notFound(request.params.id);
      return renderEndpoint(row);
    },
  );

  app.delete('/v1/webhook-endpoints/:id', { config, schema: { tags, summary: 'Delete a webhook endpoint and its delivery log; answers what it was', params: IdParams, response: { 200: WebhookEndpoint, ...errors } } }, async (request) => {
    const userId = callerOfRequest(request).userId;
    const row = await owned(userId, request.params.id);
    if (!(await deleteEndpoint(db, userId, row.id))) throw notFound(request.params.id);
    return renderEndpoint(row);
  });

  app.post(
    '/v1/webhook-endpoints/:id/rotate-secret',
    { config, schema: { tags, summary: 'A new signing secret; the previous one also signs for 24 hours', params: IdParams, response: { 200: WebhookSecretAnswer, ...errors } } },
    async (request, reply) => {
      const secret = newWebhookSecret();
      const row = await rotateEndpointSecret(db, callerOfRequest(request).userId, request.params.id, secret, nowIso(Date.now() + ROTATION_OVERLAP_MS));
      if (!row) throw notFound(request.params.id);
      reply.header('cache-control', 'no-store');
      return { endpoint: renderEndpoint(row), secret };
    },
  );

  app.post(
    '/v1/webhook-endpoints/:id/test',
    { config, schema: { tags, summary: 'Send a webhook.test event to this endpoint now', params: IdParams, response: { 202: TestAnswer, ...errors } } },
    async (request, reply) => {
      const userId = callerOfRequest(request).userId;
      const endpoint = await owned(userId, request.params.id);
      const messageId = await insertTestMessage(db, userId, endpoint.id, nowIso());
      return reply.code(202).send({ messageId });
    },
  );

  app.get(
    '/v1/webhook-endpoints/:id/deliveries',
    { config, schema: { tags, summary: 'Every delivery attempt to this endpoint, newest first (kept 30 days)', params: IdParams, querystring: PageQuery, response: { 200: WebhookAttemptPage, ...errors } } },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      await owned(userId, request.params.id);
      const [beforeId] = decodeCursor(request.query.cursor) ?? [];
      const limit = request.query.limit ?? 50;
      const rows = await listAttempts(db, userId, request.params.id, limit + 1, beforeId === undefined ? undefined : String(beforeId));
      const page = rows.slice(0, limit);
      return { data: page.map(renderAttempt), nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.id]) : null };
    },
  );

  app.post(
    '/v1/webhook-endpoints/:id/replay',
    { config, schema: { tags, summary: 'Send again one message, or every failed message since a time', params: IdParams, body: ReplayRequest, response: { 200: ReplayAnswer, ...errors } } },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      await owned(userId, request.params.id);
      const body = request.body;
      let which: { messageId: string } | { since: string } = 'messageId' in body ? { messageId: body.messageId } : { since: '' };
      if ('since' in body) {
        const since = Date.parse(body.since);
        if (Number.isNaN(since)) throw validationProblem([{ path: '/since', message: 'is not a date-time' }]);
        which = { since: nowIso(since) };
      }
      const replayed = await replayMessages(db, userId, request.params.id, which, nowIso());
      if ('messageId' in which && replayed === 0) throw new ApiProblem('R000404-001', `no message "${which.messageId}" for this endpoint`);
      return { replayed };
    },
  );
};
export default route;
