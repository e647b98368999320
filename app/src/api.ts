// The app's one door to the server: JSON over /v1/ with the session cookie, the CSRF token on
// every change, and problem+json errors turned into ApiError with the server's own words.

import { ApiError } from './api-error.js';

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export interface ApiRequest {
  method?: string;
  body?: unknown;
  /** Aborts the request: the data hooks drop an answer nobody waits for any more. */
  signal?: AbortSignal;
}

export async function api<T>(path: string, init: ApiRequest = {}): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return answerOf<T>(path, await fetch(path, { method, headers, body, credentials: 'same-origin', signal: init.signal }));
}

/** A multipart upload (an import job's options and file): the browser sets its content type and boundary. */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  const headers = { accept: 'application/json', 'x-csrf-token': csrfToken };
  return answerOf<T>(path, await fetch(path, { method: 'POST', headers, body: form, credentials: 'same-origin' }));
}

async function answerOf<T>(path: string, response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (data ?? {}) as { code?: string; detail?: string; title?: string };
    if (response.status === 401 && path !== '/v1/session') window.dispatchEvent(new Event('ph:signed-out'));
    throw new ApiError(response.status, problem.code ?? 'unknown', problem.detail ?? problem.title ?? `HTTP ${response.status}`, (data ?? {}) as Record<string, unknown>);
  }
  return data as T;
}

/**
 * Every item of a /v1 list, following its cursors a full page at a time: for the few rows a
 * picker shows (lists, campaigns). Feeds page with usePages instead.
 */
export async function apiEvery<T>(path: string, init: Pick<ApiRequest, 'signal'> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  const join = path.includes('?') ? '&' : '?';
  do {
    const page: { data: T[]; nextCursor: string | null } = await api(`${path}${join}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, init);
    items.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}
