import { useEffect, useState } from 'react';
import { api, type Campaign, type List, type ProspectPage } from '../api.js';
import { count, day } from '../format.js';
import { Link } from '../router.js';
import { Confirm, CurlExample, Empty, ErrorNote, ListIcon, StateBadge } from '../ui.js';

type Sort = 'added' | 'name' | 'company';
interface Cursor {
  after?: string;
  before?: string;
}

export function ListProspectsPage({ listId }: { listId: string }) {
  const [list, setList] = useState<List | null>(null);
  const [lists, setLists] = useState<List[]>([]);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [page, setPage] = useState<ProspectPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('added');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const [cursor, setCursor] = useState<Cursor>({});
  const [pageNumber, setPageNumber] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState('');
  const [campaign, setCampaign] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    api<List[]>('/api/lists').then((all) => {
      setLists(all);
      setList(all.find((l) => l.id === listId) ?? null);
    }, setError);
    api<Campaign[]>('/api/campaigns').then(setCampaigns, setError);
  }, [listId, reload]);

  useEffect(() => {
    const params = new URLSearchParams({ sort, dir, limit: '50' });
    if (query) params.set('q', query);
    if (cursor.after) params.set('after', cursor.after);
    if (cursor.before) params.set('before', cursor.before);
    api<ProspectPage>(`/api/lists/${listId}/prospects?${params}`).then((p) => {
      setPage(p);
      setSelected(new Set());
    }, setError);
  }, [listId, query, sort, dir, cursor, reload]);

  const restart = () => {
    setCursor({});
    setPageNumber(1);
  };
  const act = async (work: () => Promise<string>) => {
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
      setReload((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };
  const ids = [...selected];
  const move = () =>
    act(async () => {
      const r = await api<{ moved: number; skipped: number }>('/api/prospects/move', { body: { ids, listId: target } });
      const skipped = r.skipped > 0 ? ` ${r.skipped} stayed: the same profile is already there.` : '';
      return `${r.moved} moved to ${lists.find((l) => l.id === target)?.name ?? 'the list'}.${skipped}`;
    });
  const enrol = () =>
    act(async () => {
      const r = await api<{ counts: Record<string, number> }>('/api/prospects/enrol', { body: { ids, campaignId: campaign } });
      return `Enrolment: ${Object.entries(r.counts).map(([c, n]) => `${c} ${n}`).join(', ')}.`;
    });
  const remove = () =>
    act(async () => {
      setConfirmDelete(false);
      const r = await api<{ deleted: number }>('/api/prospects/delete', { body: { ids } });
      return `${r.deleted} deleted.`;
    });

  if (error && !list && !page) return <ErrorNote error={error} />;
  const items = page?.items ?? [];
  const allChecked = items.length > 0 && items.every((p) => selected.has(p.id));
  const usable = campaigns.filter((c) => c.state === 'running' || c.state === 'paused');

  return (
    <section aria-labelledby="list-title">
      <div className="page-head">
        <h1 id="list-title">
          {list && <ListIcon color={list.iconColor} label={list.iconLabel} />} {list?.name ?? 'List'}
        </h1>
        <span className="muted" data-testid="total">
          {page ? `${count(page.total)} ${query ? 'matching' : 'prospects'}` : ''}
        </span>
        <a className="button" href={`/api/lists/${listId}/export.csv`} download>
          Export CSV
        </a>
      </div>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(search.trim());
          restart();
        }}
      >
        <label>
          <span className="sr-only">Search name, email, company, occupation</span>
          <input type="search" placeholder="Search name, email, company…" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <button type="submit">Search</button>
        <label>
          Sort by{' '}
          <select
            value={sort}
            onChange={(e) => {
              const next = e.target.value as Sort;
              setSort(next);
              setDir(next === 'added' ? 'desc' : 'asc');
              restart();
            }}
          >
            <option value="added">Date added</option>
            <option value="name">Name</option>
            <option value="company">Company</option>
          </select>
        </label>
        <button
          type="button"
          onClick={() => {
            setDir(dir === 'asc' ? 'desc' : 'asc');
            restart();
          }}
          aria-label={`Order: ${dir === 'asc' ? 'ascending' : 'descending'}; switch`}
        >
          {dir === 'asc' ? '↑ Ascending' : '↓ Descending'}
        </button>
      </form>
      {selected.size > 0 && (
        <div className="bulk card" role="region" aria-label="Selected prospects">
          <strong>{selected.size} selected</strong>
          <label>
            Move to{' '}
            <select value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">choose a list</option>
              {lists
                .filter((l) => l.id !== listId)
                .map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
            </select>
          </label>
          <button type="button" disabled={!target} onClick={() => void move()}>
            Move
          </button>
          <label>
            Enrol in{' '}
            <select value={campaign} onChange={(e) => setCampaign(e.target.value)}>
              <option value="">choose a campaign</option>
              {usable.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.state})
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!campaign} onClick={() => void enrol()}>
            Enrol
          </button>
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        </div>
      )}
      <ErrorNote error={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {page && items.length === 0 ? (
        query ? (
          <Empty title="Nothing matches">
            <p>No prospect in this list matches “{query}”. Try a shorter search.</p>
          </Empty>
        ) : (
          <Empty title="This list is empty">
            <p>
              Import prospects with <Link to="/import">a CSV file</Link>, or from a Waalaxy client (n8n, Make, Zapier, your script) with an{' '}
              <Link to="/keys">API key</Link>:
            </p>
            <CurlExample listId={listId} />
          </Empty>
        )
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Prospects of {list?.name}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={allChecked}
                    onChange={() => setSelected(allChecked ? new Set() : new Set(items.map((p) => p.id)))}
                  />
                </th>
                <th scope="col">Name</th>
                <th scope="col">Occupation</th>
                <th scope="col">Company</th>
                <th scope="col">Email</th>
                <th scope="col">Origin</th>
                <th scope="col">Added</th>
                <th scope="col">Campaign</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${p.name}`}
                      checked={selected.has(p.id)}
                      onChange={() => {
                        const next = new Set(selected);
                        if (next.has(p.id)) next.delete(p.id);
                        else next.add(p.id);
                        setSelected(next);
                      }}
                    />
                  </td>
                  <td>
                    <Link to={`/prospects/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{p.occupation ?? ''}</td>
                  <td>{p.company ?? ''}</td>
                  <td>{p.email ?? ''}</td>
                  <td>
                    <span className="badge">{p.originLabel}</span>
                  </td>
                  <td>{day(p.createdAt)}</td>
                  <td>
                    {p.campaign ? (
                      <>
                        <Link to={`/campaigns/${p.campaign.id}`}>{p.campaign.name}</Link> <StateBadge state={p.campaign.state} />
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && (page.prevCursor || page.nextCursor) && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            disabled={!page.prevCursor}
            onClick={() => {
              setCursor({ before: page.prevCursor! });
              setPageNumber((n) => Math.max(1, n - 1));
            }}
          >
            ← Previous
          </button>
          <span data-testid="page-number">Page {pageNumber}</span>
          <button
            type="button"
            disabled={!page.nextCursor}
            onClick={() => {
              setCursor({ after: page.nextCursor! });
              setPageNumber((n) => n + 1);
            }}
          >
            Next →
          </button>
        </nav>
      )}
      {confirmDelete && (
        <Confirm title={`Delete ${selected.size} prospect${selected.size === 1 ? '' : 's'}?`} confirmLabel="Delete" danger onConfirm={() => void remove()} onCancel={() => setConfirmDelete(false)}>
          <p>They leave your CRM with their campaign enrolments. This cannot be undone.</p>
        </Confirm>
      )}
    </section>
  );
}
