import { useCallback, useState } from 'react';
import { api, type ApiRequest } from '../api.js';

/** How a change ended: its answer (undefined for 204), or failed (the problem is in `error`). */
export type Outcome<T> = { ok: true; answer: T } | { ok: false };

export interface Mutation {
  /** One change: POST unless told otherwise, with the CSRF token (api.ts). */
  send: <T = unknown>(path: string, init: Omit<ApiRequest, 'signal'>) => Promise<Outcome<T>>;
  /** Several requests as one change (the CSV import's chunks). */
  run: <T>(work: () => Promise<T>) => Promise<Outcome<T>>;
  /** The problem of the last change, for <ErrorNote>; cleared when the next one starts. */
  error: unknown;
  busy: boolean;
}

/**
 * Every change a page makes goes through here: the request, the problem shown when it fails, and
 * `afterChange` (the page's reloads) when it succeeds.
 */
export function useMutation(afterChange?: () => void): Mutation {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T>(work: () => Promise<T>): Promise<Outcome<T>> => {
      setError(null);
      setBusy(true);
      try {
        const answer = await work();
        afterChange?.();
        return { ok: true, answer };
      } catch (e) {
        setError(e);
        return { ok: false };
      } finally {
        setBusy(false);
      }
    },
    [afterChange],
  );
  const send = useCallback(
    <T = unknown>(path: string, init: Omit<ApiRequest, 'signal'>) => run(() => api<T>(path, { method: 'POST', ...init })),
    [run],
  );
  return { send, run, error, busy };
}
