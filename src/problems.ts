import { textFaultMessage, type TextFault } from './engine/text-fault.js';

/**
 * The one error type of the service: a closed set of codes, each with its HTTP status and title
 * (docs/api.md, errors of the whole request; the Waalaxy codes are kept to the letter because
 * clients such as the n8n node switch on them). The HTTP layer renders these as RFC 7807 problems.
 */
export const PROBLEMS = {
  'A000401-001': { status: 401, title: 'Missing or malformed Authorization header' },
  'A000401-002': { status: 401, title: 'Unknown or revoked API key' },
  'A000403-001': { status: 403, title: 'Your plan has no API access' },
  'A000403-003': { status: 403, title: 'This API key lacks a scope' },
  'M000401-001': { status: 403, title: 'Missing permission to create duplicates' },
  'R000404-001': { status: 404, title: 'Not found' },
  // The web app: session sign-in, CSRF, state conflicts.
  'A000401-003': { status: 401, title: 'Sign in required' },
  'A000401-004': { status: 401, title: 'Wrong email or password' },
  'A000403-002': { status: 403, title: 'Missing or wrong CSRF token' },
  'A000403-070': { status: 403, title: 'The current password is wrong' },
  'R000409-001': { status: 409, title: 'Conflicts with the current state' },
  // Executors' steps (docs/v1.md#executor-steps).
  'R000409-030': { status: 409, title: 'The enrolment has ended' },
  'R000409-031': { status: 409, title: 'Too many steps for one enrolment' },
  // Undo of an import (docs/v1.md#undo-an-import).
  'R000409-020': { status: 409, title: 'This import was already undone' },
  'R000409-021': { status: 409, title: 'This import can no longer be undone' },
  'R000404-002': { status: 404, title: 'Prospect list not found' },
  'R000409-060': { status: 409, title: 'Name already in use' },
  'R000401-003': { status: 400, title: 'Invalid LinkedIn profile URLs' },
  'V000400-001': { status: 400, title: 'Invalid request' },
  'V000400-002': { status: 400, title: 'Too many prospects in one request' },
  'V000413-001': { status: 413, title: 'Request body too large' },
  'V000415-001': { status: 415, title: 'Request body must be JSON' },
  'I000409-001': { status: 409, title: 'A request with this Idempotency-Key is still in progress' },
  'I000422-001': { status: 422, title: 'Idempotency-Key reused with a different request' },
  'L000429-001': { status: 429, title: 'Too many requests' },
  // Import jobs (docs/v1.md#import-jobs).
  'V000413-010': { status: 413, title: 'Import file too large' },
  'V000400-010': { status: 400, title: 'Too many rows in one import job' },
  'V000400-011': { status: 400, title: 'Invalid column mapping' },
  'V000415-010': { status: 415, title: 'Import body must be CSV, JSON Lines, JSON or a multipart upload' },
  'R000409-010': { status: 409, title: 'The import job has already finished' },
  'S000500-001': { status: 500, title: 'Internal server error' },
  'S000503-001': { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

/**
 * What was wrong with a field, as a closed set clients can put in their own words (the web app's
 * catalogues do), beside the English `message`. A field error without a rule is only described.
 */
export const FIELD_RULES = ['required', 'empty', 'too_long', 'too_short', 'too_many', 'too_few', 'hidden_character'] as const;
export type FieldRule = (typeof FIELD_RULES)[number];

export interface FieldError {
  path: string;
  message: string;
  rule?: FieldRule;
  /** The bound broken: characters for too_long and too_short, items for too_many and too_few. */
  limit?: number;
  /** The refused character of hidden_character, as U+XXXX. */
  character?: string;
}

/** A field error for a fault of typed text (src/engine/text-fault.ts): its rule, and the English sentence. */
export function textFieldError(path: string, fault: TextFault): FieldError {
  return { path, message: textFaultMessage(fault), ...fault };
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    /** Extra members of the problem document, e.g. `errors` or `invalidUrls`. */
    readonly extensions: Record<string, unknown> = {},
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = PROBLEMS[code].status;
    this.title = PROBLEMS[code].title;
  }
}

export function validationProblem(errors: FieldError[]): ApiProblem {
  const detail = errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; ');
  return new ApiProblem('V000400-001', detail, { errors });
}

/** Where a problem arose, as its document names it: the request's path and id. */
export interface ProblemOrigin {
  instance: string;
  requestId: string;
}

/** The RFC 7807 document of a problem (plus `code`, `message`, `requestId`), as sent and as stored for replays. */
export function problemDocument(problem: ApiProblem, origin: ProblemOrigin): Record<string, unknown> {
  return {
    type: `/docs/problems#${problem.code}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: origin.instance,
    code: problem.code,
    message: problem.detail,
    requestId: origin.requestId,
    ...problem.extensions,
  };
}
