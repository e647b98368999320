import { useState, type DependencyList } from 'react';
import { useResource } from './use-resource.js';

export interface PageOf<T> {
  items: T[];
  /** The cursor of the next page, null on the last. */
  next: string | null;
}

export interface Pages<T> {
  /** Every row loaded so far, undefined before the first page. */
  items: T[] | undefined;
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  /** Appends the next page. */
  more: () => void;
}

/**
 * A feed read a page at a time ("Load more"), on useResource: the same load, error and late-answer
 * guard. The rows add up across `deps`: a page showing another feed is mounted anew (main.tsx keys
 * each page by its id).
 */
export function usePages<T>(loadPage: (cursor: string | null, signal: AbortSignal) => Promise<PageOf<T>>, deps: DependencyList): Pages<T> {
  const [cursor, setCursor] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<T[]>([]);
  const page = useResource(async (signal) => ({ cursor, ...(await loadPage(cursor, signal)) }), [...deps, cursor]);
  // Until the page for the new cursor is in, the rows loaded before it are the whole list.
  const fresh = page.data?.cursor === cursor ? page.data : undefined;
  const items = fresh ? [...earlier, ...fresh.items] : page.data && earlier;
  const next = fresh ? fresh.next : null;
  const more = () => {
    if (next === null) return;
    setEarlier(items ?? []);
    setCursor(next);
  };
  return { items, error: page.error, loading: page.loading, hasMore: next !== null, more };
}
