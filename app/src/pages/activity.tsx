import { useEffect, useState } from 'react';
import { api, type ActivityDetail, type ActivityItem, type List } from '../api.js';
import { count, when } from '../format.js';
import { Link } from '../router.js';
import { CodeCounts, CurlExample, DataTable, Empty, ErrorNote } from '../ui.js';

export function ActivityPage() {
  const [items, setItems] = useState<ActivityItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [firstList, setFirstList] = useState<string | undefined>(undefined);
  const more = (before: string | null) =>
    api<{ items: ActivityItem[]; nextBefore: string | null }>(`/api/activity${before ? `?before=${before}` : ''}`).then((page) => {
      setItems((old) => (before && old ? [...old, ...page.items] : page.items));
      setNext(page.nextBefore);
    }, setError);
  useEffect(() => {
    void more(null);
    api<List[]>('/api/lists').then((lists) => setFirstList(lists[0]?.id), setError);
  }, []);
  return (
    <section aria-labelledby="activity-title">
      <div className="page-head">
        <h1 id="activity-title">Activity</h1>
        <span className="muted">every import, newest first</span>
      </div>
      <ErrorNote error={error} />
      {items === null ? (
        <p className="loading">Loading…</p>
      ) : items.length === 0 ? (
        <Empty title="No imports yet">
          <p>
            Every import shows up here, labelled by its origin (n8n, Make, Zapier, API-&lt;name&gt;, CSV). Create an <Link to="/keys">API key</Link> and try:
          </p>
          <CurlExample listId={firstList} />
        </Empty>
      ) : (
        <DataTable columns={['When', 'Origin', 'Key', 'List', 'Campaign', 'Prospects', 'Import codes', 'Campaign codes']}>
          {items.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/activity/${a.id}`}>{when(a.createdAt)}</Link>
              </td>
              <td>
                <span className="badge origin" data-testid="origin-label">
                  {a.originLabel}
                </span>
              </td>
              <td>{a.keyName ?? <span className="muted">web app</span>}</td>
              <td>{a.list ? <Link to={`/lists/${a.list.id}`}>{a.list.name}</Link> : <span className="muted">deleted</span>}</td>
              <td>{a.campaign ? <Link to={`/campaigns/${a.campaign.id}`}>{a.campaign.name}</Link> : <span className="muted">—</span>}</td>
              <td>{count(a.prospectCount)}</td>
              <td>
                <CodeCounts counts={a.counts.importCodes} />
              </td>
              <td>
                <CodeCounts counts={a.counts.addToCampaignCodes} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {next && (
        <button type="button" onClick={() => void more(next)}>
          Older imports
        </button>
      )}
    </section>
  );
}

export function ActivityDetailPage({ eventId }: { eventId: string }) {
  const [event, setEvent] = useState<ActivityDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void api<ActivityDetail>(`/api/activity/${eventId}`).then(setEvent, setError), [eventId]);
  if (error) return <ErrorNote error={error} />;
  if (!event) return <p className="loading">Loading…</p>;
  return (
    <section aria-labelledby="event-title">
      <p className="crumbs">
        <Link to="/activity">← Activity</Link>
      </p>
      <div className="page-head">
        <h1 id="event-title">
          Import from <span className="badge origin">{event.originLabel}</span>
        </h1>
        <span className="muted">{when(event.createdAt)}</span>
      </div>
      <div className="card">
        <dl className="facts inline">
          <div>
            <dt>Key</dt>
            <dd>{event.keyName ?? 'web app'}</dd>
          </div>
          <div>
            <dt>List</dt>
            <dd>{event.list ? <Link to={`/lists/${event.list.id}`}>{event.list.name}</Link> : 'deleted'}</dd>
          </div>
          <div>
            <dt>Campaign</dt>
            <dd>{event.campaign ? <Link to={`/campaigns/${event.campaign.id}`}>{event.campaign.name}</Link> : '—'}</dd>
          </div>
          {event.integrationOrigin && (
            <div>
              <dt>x-req-integration-origin</dt>
              <dd>{event.integrationOrigin}</dd>
            </div>
          )}
          <div>
            <dt>Import codes</dt>
            <dd>
              <CodeCounts counts={event.counts.importCodes} />
            </dd>
          </div>
          <div>
            <dt>Campaign codes</dt>
            <dd>
              <CodeCounts counts={event.counts.addToCampaignCodes} />
            </dd>
          </div>
        </dl>
      </div>
      <DataTable columns={['#', 'URL', 'importCode', 'addToCampaignCode', 'Message']} caption="Outcome per prospect">
        {event.outcomes.map((o, i) => (
          <tr key={i} data-testid="outcome">
            <td>{i + 1}</td>
            <td className="url">{o.prospectId ? <Link to={`/prospects/${o.prospectId}`}>{o.url}</Link> : o.url}</td>
            <td>
              <span className={`chip code-${o.importCode}`}>{o.importCode}</span>
            </td>
            <td>{o.addToCampaignCode ? <span className={`chip code-${o.addToCampaignCode}`}>{o.addToCampaignCode}</span> : '—'}</td>
            <td className="muted">{o.message ?? ''}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
