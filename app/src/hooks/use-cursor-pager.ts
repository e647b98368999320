import { useEffect, useRef, useState, type DependencyList, type RefObject } from 'react';
import { useResource, type Resource } from './use-resource.js';

export interface CursorPage<T> {
  data: T[];
  nextCursor: string | null;
}

interface PageAt<T> extends CursorPage<T> {
  /** How many pages come before it. */
  depth: number;
}

export interface CursorPager<T> {
  page: Resource<CursorPage<T>>;
  /** The rows of the page shown (none before it is in). */
  rows: T[];
  /** The index of the page's first row among all rows (0-based). */
  first: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous: () => void;
  next: () => void;
  /** Back to the first page (call it when the filter changes). */
  reset: () => void;
  /** The table's heading: focus goes there after a page change, not to the page body. */
  heading: RefObject<HTMLHeadingElement | null>;
}

/**
 * A cursor-paged table shown one page at a time with Previous / Next, on useResource: the cursors
 * of the pages before the one shown are kept, Previous pops, Next pushes; `deps` (a filter…) are
 * the load's own, and a change of them does not reset the pages by itself (reset does).
 */
export function useCursorPager<T>(load: (cursor: string | null, signal: AbortSignal) => Promise<CursorPage<T>>, deps: DependencyList, pageSize: number): CursorPager<T> {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const depth = cursors.length - 1;
  // Each page remembers where it stands, so the range shown is the rows shown, not the page asked for.
  const page = useResource((signal) => load(cursor, signal).then((loaded): PageAt<T> => ({ ...loaded, depth })), [...deps, cursor]);
  const heading = useRef<HTMLHeadingElement>(null);
  const turned = useRef(false);
  useEffect(() => {
    if (turned.current && page.data) heading.current?.focus();
    turned.current = false;
  }, [page.data]);
  const turn = (next: (string | null)[]) => {
    turned.current = true;
    setCursors(next);
  };
  const nextCursor = page.data?.nextCursor ?? null;
  return {
    page,
    rows: page.data?.data ?? [],
    first: (page.data?.depth ?? 0) * pageSize,
    hasPrevious: cursors.length > 1 && !page.loading,
    hasNext: nextCursor !== null && !page.loading,
    previous: () => turn(cursors.slice(0, -1)),
    next: () => turn([...cursors, nextCursor]),
    reset: () => setCursors([null]),
    heading,
  };
}
