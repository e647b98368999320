import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, apiEvery } from '../api.js';
import type { ActivityPage, Campaign, List, ProspectCount, ProspectItemPage, SavedView, TagItem } from '../api-types.js';
import { count } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { useI18n } from '../i18n/index.js';
import { Link, navigate } from '../router.js';
import { CurlExample, Empty, ErrorNote } from '../ui.js';
import { BulkBar, type Selection } from './bulk-bar.js';
import { BulkTagActions } from './bulk-tags.js';
import { ColumnChooser } from './column-chooser.js';
import { readChoices, saveChoices, validChoices, variableOf, type TableChoices } from './columns.js';
import { FilterBar } from './filter-bar.js';
import { activeFilterCount, searchOfFilter } from './filters.js';
import type { Outcome } from './outcome.js';
import { Pager } from './pager.js';
import { pageCount, pageRequest, remember, type CursorMemory } from './paging.js';
import { SavedViews } from './saved-views.js';
import { ProspectTable } from './table.js';
import { tablePath, useTableUrl } from './use-table-url.js';

interface ScreenProps {
  userId: string;
  /** A list's page: the list is fixed. Without it, every prospect of the CRM. */
  listId?: string;
  /** The page's heading; the screen adds the count, views, filters, table and pager. */
  heading: ReactNode;
  /** For the table's caption: "Prospects of <where>" (in the catalogue's words). */
  where: string;
}

/** What the status line says after a change: an outcome in its tone, or a plain sentence. */
function Notice({ notice }: { notice: Outcome }) {
  // The bulk bar that had focus goes with its selection: the sentence saying what happened takes it.
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), [notice]);
  return (
    <p ref={ref} tabIndex={-1} className={`notice tone-${notice.tone}`} role="status" data-testid="bulk-outcome">
      {notice.segments.map((segment, i) =>
        typeof segment === 'string' ? (
          segment
        ) : (
          <Link key={i} to={segment.to}>
            {segment.text}
          </Link>
        ),
      )}
    </p>
  );
}

/**
 * The prospect table (docs/app.md#the-prospect-table): filters and page in the URL, saved views,
 * column choices, an exact count and page jumps, a selection of the rows shown or of everything that
 * matches, and bulk actions whose outcome is said in words.
 */
export function ProspectTableScreen({ userId, listId, heading, where }: ScreenProps) {
  const { t } = useI18n();
  const T = t.prospectsTable;
  const url = useTableUrl(listId);
  const { filter, page, viewId } = url;
  const filterKey = searchOfFilter(filter).toString();
  const [choices, setChoicesState] = useState<TableChoices>(() => readChoices(window.localStorage, userId));
  const setChoices = (next: TableChoices) => {
    setChoicesState(next);
    saveChoices(window.localStorage, userId, next);
  };
  const lists = useResource((signal) => apiEvery<List>('/v1/lists', { signal }), []);
  const campaigns = useResource((signal) => apiEvery<Campaign>('/v1/campaigns', { signal }), []);
  const tags = useResource((signal) => apiEvery<TagItem>('/v1/tags', { signal }), []);
  const imports = useResource(async (signal) => (await api<ActivityPage>('/v1/activity?limit=50', { signal })).data, []);
  const memory = useRef<CursorMemory>({ key: '', cursors: new Map() });
  const shownKey = `${filterKey}|${page}|${choices.pageSize}`;
  const shown = useResource(async (signal) => {
    const answer = await api<ProspectItemPage>(`/v1/prospects?${pageRequest(filter, page, choices.pageSize, memory.current)}`, { signal });
    memory.current = remember(memory.current, filter, choices.pageSize, page, answer.nextCursor);
    return { key: shownKey, page, answer };
  }, [shownKey]);
  const counted = useResource(async (signal) => ({ filterKey, total: (await api<ProspectCount>(`/v1/prospects/count?${filterKey}`, { signal })).total }), [filterKey]);
  const total = counted.data?.filterKey === filterKey ? counted.data.total : undefined;
  const [selection, setSelection] = useState<{ of: string; selection: Selection } | null>(null);
  const [notice, setNotice] = useState<Outcome | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const mutation = useMutation(() => {
    shown.reload();
    counted.reload();
    lists.reload();
    tags.reload();
  });

  // A selection of rows belongs to the rows it was made on; a selection of everything to its filter.
  const current = selection && ((selection.selection.kind === 'ids' && selection.of === shown.data?.key) || (selection.selection.kind === 'matching' && selection.of === filterKey)) ? selection.selection : null;
  const selectedIds = new Set(current?.kind === 'ids' ? current.ids : current?.kind === 'matching' ? (shown.data?.answer.data.map((p) => p.id) ?? []) : []);
  const items = shown.data?.answer.data ?? [];
  const error = mutation.error ?? shown.error ?? counted.error ?? lists.error;
  const pages = total === undefined ? undefined : pageCount(total, choices.pageSize);
  const variables = [...new Set([...items.flatMap((p) => p.customVariables.map((v) => v.label)), ...choices.columns.map(variableOf).filter((l): l is string => l !== undefined)])];
  const filtered = activeFilterCount(filter) > 0 || Boolean(filter.q);

  const openView = (view: SavedView | null) => {
    if (!view) return url.go({ viewId: null });
    setChoices(validChoices({ ...choices, ...view.table }));
    navigate(tablePath(view.filter, view.id));
  };
  const goToPage = (to: number) => {
    url.go({ page: to });
    tableRef.current?.focus();
  };

  return (
    <section aria-labelledby="table-title" aria-busy={shown.loading}>
      <div className="page-head">
        <h1 id="table-title">{heading}</h1>
        <span className="muted" data-testid="total" aria-live="polite">
          {total === undefined ? T.total.counting : filter.q ? T.total.matchingQuery(count(total), filter.q) : filtered ? T.total.matching(count(total)) : t.common.prospects(count(total), total)}
        </span>
        {listId && <Link to="/prospects">{T.table.allProspects}</Link>}
        <a className="button" href={`/v1/prospects/export.csv?${filterKey}`} download title={T.table.exportAllTitle}>
          {T.table.exportAll}
        </a>
      </div>
      <SavedViews filter={filter} choices={choices} viewId={viewId} mutation={mutation} onOpen={openView} onNotice={(text) => setNotice({ tone: 'success', segments: [text] })} />
      <FilterBar
        key={filterKey}
        filter={filter}
        fixedList={listId !== undefined}
        lists={lists.data ?? []}
        campaigns={campaigns.data ?? []}
        imports={imports.data ?? []}
        tags={tags.data ?? []}
        onApply={(next) => {
          setNotice(null);
          url.go({ filter: next });
        }}
      />
      <div className="table-options">
        <ColumnChooser choices={choices} variables={variables} onChange={setChoices} />
      </div>
      {current && (
        <BulkBar
          selection={current}
          filter={filter}
          onPage={items.length}
          total={total}
          lists={lists.data ?? []}
          campaigns={campaigns.data ?? []}
          mutation={mutation}
          onSelectMatching={() => setSelection({ of: filterKey, selection: { kind: 'matching' } })}
          onClear={() => setSelection(null)}
          onOutcome={setNotice}
          extraActions={<BulkTagActions selection={current} filter={filter} tags={tags.data ?? []} mutation={mutation} onOutcome={setNotice} onClear={() => setSelection(null)} />}
        />
      )}
      <ErrorNote error={error} />
      {notice && <Notice notice={notice} />}
      <div ref={tableRef} tabIndex={-1} className="table-focus" aria-label={T.table.caption(where)}>
        {shown.data && items.length === 0 ? (
          <EmptyTable filtered={filtered} listId={listId} />
        ) : (
          <ProspectTable
            items={items}
            columns={choices.columns}
            lists={lists.data ?? []}
            caption={T.table.caption(where)}
            selected={selectedIds}
            onSelect={(ids) => setSelection(shown.data && ids.size > 0 ? { of: shown.data.key, selection: { kind: 'ids', ids: [...ids] } } : null)}
          />
        )}
      </div>
      {shown.data && (items.length > 0 || page > 1) && (
        <Pager
          page={shown.data.page}
          pages={pages}
          hasNext={shown.data.answer.nextCursor !== null}
          pageSize={choices.pageSize}
          onGo={goToPage}
          onPageSize={(pageSize) => {
            setChoices({ ...choices, pageSize });
            url.go({ page: 1 });
          }}
        />
      )}
    </section>
  );
}

/** What an empty table says: nothing matches the filters, or how to fill the list. */
function EmptyTable({ filtered, listId }: { filtered: boolean; listId: string | undefined }) {
  const { t } = useI18n();
  const T = t.prospectsTable.table;
  if (filtered)
    return (
      <Empty title={T.emptyTitle}>
        <p>{T.emptyFiltered}</p>
      </Empty>
    );
  return (
    <Empty title={listId ? T.listEmptyTitle : T.crmEmptyTitle}>
      <p>
        {T.emptyBefore}
        <Link to="/import">{T.emptyCsv}</Link>
        {T.emptyBetween}
        <Link to="/keys">{T.emptyKey}</Link>
        {T.emptyAfter}
      </p>
      <CurlExample listId={listId} />
    </Empty>
  );
}
