import { useState } from 'react';
import { api } from '../api.js';
import type { Campaign, List, ProspectItemPage } from '../api-types.js';
import { count } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { ErrorNote, ListIcon } from '../ui.js';
import { BulkActions } from './list-prospects/bulk-actions.js';
import { Pager } from './list-prospects/pager.js';
import { EmptyList, ProspectTable } from './list-prospects/prospect-table.js';
import { ProspectToolbar } from './list-prospects/toolbar.js';
import { FIRST_VIEW, pageQuery, type View } from './list-prospects/view.js';

/** One page of rows together with the view it was loaded for: its page number and search. */
interface Shown {
  view: View;
  page: ProspectItemPage;
}

export function ListProspectsPage({ listId }: { listId: string }) {
  const lists = useResource((signal) => api<List[]>('/v1/lists', { signal }), [listId]);
  const campaigns = useResource((signal) => api<Campaign[]>('/v1/campaigns', { signal }), []);
  const [view, setView] = useState<View>(FIRST_VIEW);
  const shown = useResource(
    async (signal): Promise<Shown> => ({ view, page: await api<ProspectItemPage>(`/v1/prospects?${pageQuery(listId, view)}`, { signal }) }),
    [listId, view],
  );
  // A selection belongs to the rows it was made on: new rows (another page, a reload) start empty.
  const [selection, setSelection] = useState<{ of: Shown | undefined; ids: Set<string> }>({ of: undefined, ids: new Set() });
  const selected = selection.of === shown.data ? selection.ids : new Set<string>();
  const [notice, setNotice] = useState<string | null>(null);
  const mutation = useMutation(() => {
    lists.reload();
    shown.reload();
  });

  const list = lists.data?.find((l) => l.id === listId);
  const error = mutation.error ?? shown.error ?? lists.error ?? campaigns.error;
  if (error && !list && !shown.data) return <ErrorNote error={error} />;
  const page = shown.data?.page;
  const query = shown.data?.view.query ?? '';

  return (
    <section aria-labelledby="list-title" aria-busy={shown.loading}>
      <div className="page-head">
        <h1 id="list-title">
          {list && <ListIcon color={list.iconColor} label={list.iconLabel} />} {list?.name ?? 'List'}
        </h1>
        <span className="muted" data-testid="total">
          {query ? `matching “${query}”` : list ? `${count(list.totalProspects)} prospects` : ''}
        </span>
        <a className="button" href={`/v1/lists/${listId}/export.csv`} download>
          Export CSV
        </a>
      </div>
      <ProspectToolbar view={view} onChange={setView} />
      {selected.size > 0 && (
        <BulkActions listId={listId} ids={[...selected]} lists={lists.data ?? []} campaigns={campaigns.data ?? []} mutation={mutation} onNotice={setNotice} />
      )}
      <ErrorNote error={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {page && page.data.length === 0 ? (
        <EmptyList listId={listId} query={query} />
      ) : (
        <ProspectTable items={page?.data ?? []} caption={`Prospects of ${list?.name ?? 'this list'}`} selected={selected} onSelect={(ids) => setSelection({ of: shown.data, ids })} />
      )}
      {shown.data && <Pager shown={shown.data.view} page={shown.data.page} onGo={setView} />}
    </section>
  );
}
