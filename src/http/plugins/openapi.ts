import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PROBLEMS } from '../../problems.js';
import { ExecutorMessage } from '../../schemas/campaign-executors.js';
import { webhookDeliveryDocs } from '../../schemas/webhook-deliveries.js';
import { problemCataloguePage } from '../problem-catalogue-page.js';

/**
 * The OpenAPI 3.1 document, generated from the same TypeBox schemas that validate requests, served
 * at /openapi.json, with a browsable docs page at /docs.
 */
export default fp(async function openapi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'prospect-hub',
        version: '1.0.0',
        description: [
          "A self-hosted prospect import service that speaks Waalaxy's public API: point any Waalaxy client at this base URL.",
          '',
          'Every error is an RFC 7807 problem (`application/problem+json`) with a `code`:',
          '',
          '| code | status | title |',
          '|---|---|---|',
          ...Object.entries(PROBLEMS).map(([code, p]) => `| <a id="${code}"></a>\`${code}\` | ${p.status} | ${p.title} |`),
        ].join('\n'),
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key, e.g. ph_live_…' },
          // The /v1 API takes an API key or the web app's session (the sessionOrKey family: src/http/guards.ts).
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'ph_session', description: 'Set by POST /v1/session' },
          csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'csrfToken of GET /v1/session, on every change' },
        },
      },
      // What is POSTed to webhook endpoints, one entry per event type (docs/webhooks.md#signatures), and
      // what a campaign's executor receives (docs/webhooks.md#executors), signed like every delivery.
      // TypeBox schemas are JSON Schemas; openapi-types' own schema type does not know them.
      webhooks: {
        ...(webhookDeliveryDocs() as Record<string, never>),
        executorEnrolment: {
          post: {
            summary: "An enrolment handed to its campaign's executor: report its steps to POST /v1/enrolments/{enrolmentId}/events",
            requestBody: { required: true, content: { 'application/json': { schema: ExecutorMessage } } },
            responses: { '200': { description: 'any 2xx: received' } },
          },
        },
      },
      tags: [
        { name: 'Compatible API', description: "Waalaxy's public API, field for field" },
        { name: 'Operations', description: 'Health checks' },
        {
          name: 'API v1',
          description:
            'Every resource, for integrations and the web app alike: an API key holding the scope the operation names (`Authorization: Bearer <key>`), or the session cookie (sign in at POST /v1/session) with x-csrf-token on changes',
        },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const catalogue = problemCataloguePage();
  app.get('/docs/problems', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(catalogue),
  );
});
