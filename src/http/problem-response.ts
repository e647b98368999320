import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { problemDocument, type ApiProblem, type ProblemOrigin } from '../problems.js';

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
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true, $id: 'Problem' },
);

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
