import { navigate, useLocation } from '../router.js';
import { filterFromSearch, searchOfFilter, type TableFilter } from './filters.js';

export interface TableUrl {
  filter: TableFilter;
  page: number;
  /** The saved view the table was opened from, if any. */
  viewId: string | undefined;
  /** A new filter starts again at page 1; a new page keeps the filter. */
  go: (to: { filter?: TableFilter; page?: number; viewId?: string | null }) => void;
}

/**
 * The table's state in the page's URL (filters, page, saved view), so a reload or a shared link shows
 * the same rows. On a list's page the list is the page's own and stays out of the query string.
 */
export function useTableUrl(fixedListId: string | undefined): TableUrl {
  const { path, search } = useLocation();
  const filter = { ...filterFromSearch(search), ...(fixedListId ? { listId: fixedListId } : {}) };
  const page = Math.max(1, Math.floor(Number(search.get('page'))) || 1);
  const viewId = search.get('view') ?? undefined;
  const go: TableUrl['go'] = (to) => {
    const params = searchOfFilter(to.filter ?? filter);
    if (fixedListId) params.delete('listId');
    const nextPage = to.page ?? (to.filter ? 1 : page);
    if (nextPage > 1) params.set('page', String(nextPage));
    const nextView = to.viewId === null ? undefined : (to.viewId ?? viewId);
    if (nextView) params.set('view', nextView);
    const query = params.toString();
    navigate(`${path}${query ? `?${query}` : ''}`);
  };
  return { filter, page, viewId, go };
}

/** Where a filter is shown: a list's page for one list, else every prospect. */
export function tablePath(filter: TableFilter, viewId?: string): string {
  const params = searchOfFilter(filter);
  params.delete('listId');
  if (viewId) params.set('view', viewId);
  const query = params.toString();
  return `${filter.listId ? `/lists/${encodeURIComponent(filter.listId)}` : '/prospects'}${query ? `?${query}` : ''}`;
}
