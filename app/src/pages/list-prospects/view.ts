// What the prospect table shows: a search and which page. Pure, so the page number can travel with
// the rows it numbers (see ListProspectsPage) and the paging rules are unit-tested. /v1/prospects
// pages forward only (docs/v1.md#pagination): "previous" goes back along the cursors already seen.

export interface View {
  query: string;
  /** The cursor each page after the first was loaded with, in order: the last one is this page's. */
  cursors: string[];
  pageNumber: number;
}

export const PAGE_SIZE = 50;

export const FIRST_VIEW: View = { query: '', cursors: [], pageNumber: 1 };

/** A new search starts again at page 1. */
export function restart(view: View, changes: Partial<Pick<View, 'query'>>): View {
  return { ...view, ...changes, cursors: [], pageNumber: 1 };
}

/** The page after the one shown: `nextCursor` is the shown page's own. */
export function nextPage(shown: View, nextCursor: string): View {
  return { ...shown, cursors: [...shown.cursors, nextCursor], pageNumber: shown.pageNumber + 1 };
}

export function previousPage(shown: View): View {
  return { ...shown, cursors: shown.cursors.slice(0, -1), pageNumber: Math.max(1, shown.pageNumber - 1) };
}

/** The query string of GET /v1/prospects for a list and a view (newest first). */
export function pageQuery(listId: string, view: View): string {
  const params = new URLSearchParams({ listId, limit: String(PAGE_SIZE) });
  if (view.query) params.set('q', view.query);
  const cursor = view.cursors.at(-1);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}
