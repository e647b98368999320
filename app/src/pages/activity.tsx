import { api } from '../api.js';
import type { ActivityItem, ActivityPage as FeedPage, ListPage } from '../api-types.js';
import { count, when } from '../format.js';
import { usePages } from '../hooks/use-pages.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router.js';
import { CurlExample, DataTable, Empty, ErrorNote } from '../ui.js';
import { CodeCountChips } from './activity/code-chips.js';
import { Outcomes } from './activity/outcomes.js';
import { UndoPanel } from './activity/undo.js';

export function ActivityPage() {
  const feed = usePages(async (cursor, signal) => {
    const page = await api<FeedPage>(`/v1/activity${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { signal });
    return { items: page.data, next: page.nextCursor };
  }, []);
  // The first list only, for the example command.
  const lists = useResource((signal) => api<ListPage>('/v1/lists?limit=1', { signal }), []);
  const items = feed.items;
  return (
    <section aria-labelledby="activity-title">
      <div className="page-head">
        <h1 id="activity-title">Activity</h1>
        <span className="muted">every import, newest first</span>
      </div>
      <ErrorNote error={feed.error ?? lists.error} />
      {items === undefined ? (
        <p className="loading">Loading…</p>
      ) : items.length === 0 ? (
        <Empty title="No imports yet">
          <p>
            Every import shows up here, labelled by its origin (n8n, Make, Zapier, API-&lt;name&gt;, CSV). Create an <Link to="/keys">API key</Link> and try:
          </p>
          <CurlExample listId={lists.data?.data[0]?.id} />
        </Empty>
      ) : (
        <DataTable columns={['When', 'Origin', 'Key', 'List', 'Campaign', 'Prospects', 'Import', 'Campaign']}>
          {items.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/activity/${a.id}`}>{when(a.createdAt)}</Link>
                {a.revertedAt && (
                  <>
                    {' '}
                    <span className="badge" title="reverted">
                      Undone
                    </span>
                  </>
                )}
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
                <CodeCountChips counts={a.counts.importCodes} kind="import" />
              </td>
              <td>
                <CodeCountChips counts={a.counts.addToCampaignCodes} kind="campaign" />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {feed.hasMore && (
        <button type="button" onClick={feed.more}>
          Older imports
        </button>
      )}
    </section>
  );
}

export function ActivityDetailPage({ eventId }: { eventId: string }) {
  const { data: event, error, reload } = useResource((signal) => api<ActivityItem>(`/v1/activity/${eventId}`, { signal }), [eventId]);
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
              <dt>Integration</dt>
              <dd title="x-req-integration-origin">{event.integrationOrigin}</dd>
            </div>
          )}
          <div>
            <dt>Prospects</dt>
            <dd>
              <CodeCountChips counts={event.counts.importCodes} kind="import" />
            </dd>
          </div>
          <div>
            <dt>Enrolment</dt>
            <dd>
              <CodeCountChips counts={event.counts.addToCampaignCodes} kind="campaign" />
            </dd>
          </div>
        </dl>
      </div>
      <UndoPanel event={event} onUndone={reload} />
      <Outcomes event={event} />
    </section>
  );
}
