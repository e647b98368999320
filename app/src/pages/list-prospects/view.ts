import type { ProspectPageQuery } from '../../api-types.js';

// What the prospect table shows: search, order and which page. Pure, so the page number can travel
// with the rows it numbers (see ListProspectsPage) and the paging rules are unit-tested.

export type Sort = NonNullable<ProspectPageQuery['sort']>;
export type Direction = NonNullable<ProspectPageQuery['dir']>;

export interface View {
  query: string;
  sort: Sort;
  dir: Direction;
  /** Where the page starts: after or before a row's cursor; neither on page 1. */
  cursor: { after?: string; before?: string };
  pageNumber: number;
}

export const PAGE_SIZE = 50;

export const FIRST_VIEW: View = { query: '', sort: 'added', dir: 'desc', cursor: {}, pageNumber: 1 };

/** A new search or order starts again at page 1. */
export function restart(view: View, changes: Partial<Pick<View, 'query' | 'sort' | 'dir'>>): View {
  return { ...view, ...changes, cursor: {}, pageNumber: 1 };
}

/** Newest first by date, A to Z by name or company. */
export function sortBy(view: View, sort: Sort): View {
  return restart(view, { sort, dir: sort === 'added' ? 'desc' : 'asc' });
}

export function flipDirection(view: View): View {
  return restart(view, { dir: view.dir === 'asc' ? 'desc' : 'asc' });
}

/** The page after the one shown: `nextCursor` is the shown page's own. */
export function nextPage(shown: View, nextCursor: string): View {
  return { ...shown, cursor: { after: nextCursor }, pageNumber: shown.pageNumber + 1 };
}

export function previousPage(shown: View, prevCursor: string): View {
  return { ...shown, cursor: { before: prevCursor }, pageNumber: Math.max(1, shown.pageNumber - 1) };
}

/** The query string of GET /v1/lists/:id/prospects for a view. */
export function pageQuery(view: View): string {
  const params = new URLSearchParams({ sort: view.sort, dir: view.dir, limit: String(PAGE_SIZE) });
  if (view.query) params.set('q', view.query);
  if (view.cursor.after) params.set('after', view.cursor.after);
  if (view.cursor.before) params.set('before', view.cursor.before);
  return params.toString();
}
