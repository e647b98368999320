import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { FIELD_RULES, problemDocument, type ApiProblem, type ProblemOrigin } from '../problems.js';

/** RFC 7807 problem document (docs/api.md), plus `code`, `message` and `requestId` for clients. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    code: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String(),
          message: Type.String(),
          rule: Type.Optional(Type.Union(FIELD_RULES.map((rule) => Type.Literal(rule)), { description: 'what was wrong, for a client to say in its own words' })),
          limit: Type.Optional(Type.Integer()),
          character: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  { additionalProperties: true, $id: 'Problem' },
);

/**
 * Every problem status the service answers, one shared schema. A route spreads the statuses its own
 * handler can answer (`...problemResponses(400, 404)`); its family's guard adds the authentication
 * ones (401, 403, 429: src/http/guards.ts), so no route declares those itself.
 */
export const PROBLEM_RESPONSES = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  413: ProblemSchema,
  415: ProblemSchema,
  422: ProblemSchema,
  429: ProblemSchema,
  503: ProblemSchema,
} as const;

export type ProblemStatus = keyof typeof PROBLEM_RESPONSES;

/** The entries of PROBLEM_RESPONSES for `statuses`, to spread into a route's `response`. */
export function problemResponses<S extends ProblemStatus>(...statuses: S[]): Record<S, typeof ProblemSchema> {
  return Object.fromEntries(statuses.map((status) => [status, PROBLEM_RESPONSES[status]])) as Record<S, typeof ProblemSchema>;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ApiProblem): FastifyReply {
  const body = renderProblem(request, problem);
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The problem document of one request, as sent (also stored for Idempotency-Key replays). */
export function renderProblem(request: FastifyRequest, problem: ApiProblem): Record<string, unknown> {
  return problemDocument(problem, problemOrigin(request));
}

export function problemOrigin(request: FastifyRequest): ProblemOrigin {
  return { instance: request.url.split('?')[0] ?? request.url, requestId: String(request.id) };
}
