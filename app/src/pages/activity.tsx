import { api } from '../api.js';
import type { ActivityItem, ActivityPage as FeedPage, ListPage } from '../api-types.js';
import { count, when } from '../format.js';
import { usePages } from '../hooks/use-pages.js';
import { useResource } from '../hooks/use-resource.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { CurlExample, DataTable, Empty, ErrorNote } from '../ui.js';
import { CodeCountChips } from './activity/code-chips.js';
import { Outcomes } from './activity/outcomes.js';
import { UndoPanel } from './activity/undo.js';

export function ActivityPage() {
  const { t } = useI18n();
  const T = t.activity;
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
        <h1 id="activity-title">{T.title}</h1>
        <span className="muted">{T.subtitle}</span>
      </div>
      <ErrorNote error={feed.error ?? lists.error} />
      {items === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : items.length === 0 ? (
        <Empty title={T.emptyTitle}>
          <p>
            {T.emptyBefore}
            <Link to="/keys">{T.emptyKey}</Link>
            {T.emptyAfter}
          </p>
          <CurlExample listId={lists.data?.data[0]?.id} />
        </Empty>
      ) : (
        <DataTable columns={[T.columns.when, T.columns.origin, T.columns.key, T.columns.list, T.columns.campaign, T.columns.prospects, T.columns.importOutcome, T.columns.campaignOutcome]}>
          {items.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/activity/${a.id}`}>{when(a.createdAt)}</Link>
                {a.revertedAt && (
                  <>
                    {' '}
                    <span className="badge" title={T.undoneTitle}>
                      {T.undone}
                    </span>
                  </>
                )}
              </td>
              <td>
                <span className="badge origin" data-testid="origin-label">
                  {a.originLabel}
                </span>
              </td>
              <td>{a.keyName ?? <span className="muted">{T.webApp}</span>}</td>
              <td>{a.list ? <Link to={`/lists/${a.list.id}`}>{a.list.name}</Link> : <span className="muted">{T.listDeleted}</span>}</td>
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
          {T.older}
        </button>
      )}
    </section>
  );
}

export function ActivityDetailPage({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const T = t.activity;
  const { data: event, error, reload } = useResource((signal) => api<ActivityItem>(`/v1/activity/${eventId}`, { signal }), [eventId]);
  if (error) return <ErrorNote error={error} />;
  if (!event) return <p className="loading">{t.common.loading}</p>;
  return (
    <section aria-labelledby="event-title">
      <p className="crumbs">
        <Link to="/activity">{T.back}</Link>
      </p>
      <div className="page-head">
        <h1 id="event-title">
          {T.importFrom}
          <span className="badge origin">{event.originLabel}</span>
        </h1>
        <span className="muted">{when(event.createdAt)}</span>
      </div>
      <div className="card">
        <dl className="facts inline">
          <div>
            <dt>{T.key}</dt>
            <dd>{event.keyName ?? T.webApp}</dd>
          </div>
          <div>
            <dt>{T.list}</dt>
            <dd>{event.list ? <Link to={`/lists/${event.list.id}`}>{event.list.name}</Link> : T.listDeleted}</dd>
          </div>
          <div>
            <dt>{T.campaign}</dt>
            <dd>{event.campaign ? <Link to={`/campaigns/${event.campaign.id}`}>{event.campaign.name}</Link> : '—'}</dd>
          </div>
          {event.integrationOrigin && (
            <div>
              <dt>{T.integration}</dt>
              <dd title="x-req-integration-origin">{event.integrationOrigin}</dd>
            </div>
          )}
          <div>
            <dt>{T.prospects}</dt>
            <dd>
              <CodeCountChips counts={event.counts.importCodes} kind="import" />
            </dd>
          </div>
          <div>
            <dt>{T.enrolment}</dt>
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
