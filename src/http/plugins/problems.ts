import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiProblem, validationProblem, type FieldError } from '../../problems.js';
import { isTransientDatabaseError } from '../../store/transaction.js';
import { sendProblem } from '../problem-response.js';

const MAX_LISTED_ERRORS = 1000;

/** Turns every failure into a problem+json answer: one renderer for the whole service. */
export default fp(async function problems(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new ApiProblem('R000404-001', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
});

function toProblem(error: FastifyError): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error.validation) {
    const where = error.validationContext && error.validationContext !== 'body' ? `${error.validationContext}: ` : '';
    const errors = readableErrors(error.validation).slice(0, MAX_LISTED_ERRORS);
    return validationProblem(errors.map((e) => ({ ...e, path: where + e.path })));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiProblem('V000413-001', 'the request body is larger than the server accepts; send fewer prospects per request');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiProblem('V000415-001', 'send the body as JSON with Content-Type: application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return validationProblem([{ path: '', message: 'the body is empty; send a JSON object' }]);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return validationProblem([{ path: '', message: 'Content-Length does not match the body' }]);
  }
  if (error.statusCode === 400 && (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')) {
    return validationProblem([{ path: '', message: `the body is not valid JSON: ${error.message}` }]);
  }
  if (error.statusCode === 429) {
    return new ApiProblem('L000429-001', 'too many requests; wait before sending more');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return validationProblem([{ path: '', message: error.message }]);
  }
  // A database briefly unable to serve is the client's cue to retry, not a bug report.
  if (isTransientDatabaseError(error)) {
    return new ApiProblem('S000503-001', 'the database is busy or unreachable; nothing was written, retry shortly', {}, { 'retry-after': '1' });
  }
  return new ApiProblem('S000500-001', 'something went wrong on our side; quote the requestId to the operator');
}

type AjvError = NonNullable<FastifyError['validation']>[number];

/**
 * One line per field at fault. A nullable field fails as a union (anyOf) with one error per branch;
 * those fold into "must be string or null" rather than three confusing lines.
 */
function readableErrors(validation: AjvError[]): FieldError[] {
  const byPath = new Map<string, AjvError[]>();
  for (const e of validation) {
    const path = (e.instancePath || '') + (e.keyword === 'required' ? `/${String(e.params.missingProperty)}` : '');
    if (!byPath.has(path)) byPath.set(path, []);
    byPath.get(path)!.push(e);
  }
  const errors: FieldError[] = [];
  const paths = [...byPath.keys()];
  for (const [path, list] of byPath) {
    if (list.some((e) => e.keyword === 'anyOf')) {
      // A nullable object whose fault lies inside it is reported there, not again as "must be null".
      if (paths.some((other) => other.startsWith(`${path}/`))) continue;
      const types = [...new Set(list.filter((e) => e.keyword === 'type').map((e) => String(e.params.type)))];
      const others = list.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'type' && e.keyword !== 'const');
      const allowed = list.filter((e) => e.keyword === 'const').map((e) => JSON.stringify(e.params.allowedValue));
      const message =
        others[0]?.message ??
        (allowed.length > 0 ? `must be one of ${allowed.join(', ')}` : types.length > 0 ? `must be ${types.join(' or ')}` : 'is invalid');
      errors.push({ path, message });
      continue;
    }
    const seen = new Set<string>();
    for (const e of list) {
      const message = e.keyword === 'required' ? 'is required' : (e.message ?? 'is invalid');
      if (seen.has(message)) continue;
      seen.add(message);
      errors.push({ path, message, ...ruleOf(e) });
    }
  }
  return errors;
}

/** The rule of a schema fault a client can word itself (FieldRule in src/problems.ts), where there is one. */
function ruleOf(e: AjvError): Partial<FieldError> {
  switch (e.keyword) {
    case 'required':
      return { rule: 'required' };
    case 'maxLength':
      return { rule: 'too_long', limit: Number(e.params.limit) };
    case 'minLength':
      return Number(e.params.limit) === 1 ? { rule: 'empty' } : { rule: 'too_short', limit: Number(e.params.limit) };
    case 'maxItems':
      return { rule: 'too_many', limit: Number(e.params.limit) };
    case 'minItems':
      return { rule: 'too_few', limit: Number(e.params.limit) };
    default:
      return {};
  }
}
