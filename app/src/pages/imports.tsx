import { useEffect, useState } from 'react';
import { api } from '../api.js';
import type { ActivityItem, ImportJob } from '../api-types.js';
import { count, when } from '../format.js';
import { usePages } from '../hooks/use-pages.js';
import { useI18n } from '../i18n/index.js';
import { historyPage, type FeedPage } from '../import/import-history.js';
import { hasEnded, watchImportJob } from '../import/import-job.js';
import { Link } from '../router.js';
import { CodeCounts, DataTable, Empty, ErrorNote } from '../ui.js';
import { importWords } from './activity/code-words.js';
import { JobStateBadge } from './imports/job-state.js';

const PAGE_SIZE = 25;

const pageQuery = (cursor: string | null, limit: number) => `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/**
 * The import history (docs/app.md#imports): the import jobs and the imports made in one API request,
 * together, newest first, 25 at a time; each links to its own page (a job's, or the activity entry's).
 * A job that runs shows its progress as it goes.
 */
export function ImportsPage() {
  const { t } = useI18n();
  const T = t.imports;
  const history = usePages(
    (cursor, signal) =>
      historyPage(
        {
          jobs: (c, limit) => api<FeedPage<ImportJob>>(`/v1/imports?${pageQuery(c, limit)}`, { signal }),
          // The requests import jobs wrote are in their job's line: only the others.
          requests: (c, limit) => api<FeedPage<ActivityItem>>(`/v1/activity?job=false&${pageQuery(c, limit)}`, { signal }),
        },
        cursor,
        PAGE_SIZE,
      ),
    [],
  );
  const items = history.items;
  return (
    <section aria-labelledby="imports-title">
      <div className="page-head">
        <h1 id="imports-title">{T.title}</h1>
        <span className="muted">{T.intro}</span>
        <Link to="/import" className="button">
          {T.newImport}
        </Link>
      </div>
      <ErrorNote error={history.error} />
      {items === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : items.length === 0 ? (
        <Empty title={T.emptyTitle}>
          <p>{T.emptyText}</p>
        </Empty>
      ) : (
        <DataTable columns={[T.columns.when, T.columns.what, T.columns.state, T.columns.rows, T.columns.outcomes]} testId="imports">
          {items.map((entry) => (entry.kind === 'job' ? <JobRow key={`job:${entry.item.id}`} job={entry.item} /> : <RequestRow key={`request:${entry.item.id}`} request={entry.item} />))}
        </DataTable>
      )}
      {history.hasMore && (
        <button type="button" onClick={history.more} disabled={history.loading}>
          {T.older}
        </button>
      )}
    </section>
  );
}

/** A job's line; while the job is queued or running it is read again every second, as on its own page. */
function JobRow({ job: listed }: { job: ImportJob }) {
  const { t } = useI18n();
  const T = t.imports;
  const [latest, setLatest] = useState<ImportJob | null>(null);
  const job = latest ?? listed;
  useEffect(() => {
    if (hasEnded(listed)) return;
    const controller = new AbortController();
    watchImportJob(listed, setLatest, controller.signal).catch(() => undefined);
    return () => controller.abort();
  }, [listed]);
  return (
    <tr data-testid="history-row" data-kind="job" data-state={job.state}>
      <td>
        <Link to={`/imports/${job.id}`}>{when(job.createdAt)}</Link>
      </td>
      <td>
        <strong>{job.fileName ?? T.job(t.importJob.formats[job.format])}</strong>{' '}
        {job.dryRun && <span className="badge">{T.dryRun}</span>}
        <br />
        <span className="muted">{T.viaOrigin(job.origin)}</span>
      </td>
      <td>
        <JobStateBadge state={job.state} />
      </td>
      <td>
        {T.rowsOf(count(job.rows.done), count(job.rows.total))}
        {job.rows.failed > 0 && (
          <>
            <br />
            <span className="error">{T.failedCount(count(job.rows.failed))}</span>
          </>
        )}
      </td>
      <td>
        <CodeCounts counts={job.importCodes} words={importWords} />
      </td>
    </tr>
  );
}

function RequestRow({ request }: { request: ActivityItem }) {
  const { t } = useI18n();
  const T = t.imports;
  return (
    <tr data-testid="history-row" data-kind="request" data-state={request.revertedAt ? 'reverted' : 'completed'}>
      <td>
        <Link to={`/activity/${request.id}`}>{when(request.createdAt)}</Link>
      </td>
      <td>
        <strong>{T.request}</strong> <span className="badge origin">{request.originLabel}</span>
        <br />
        <span className="muted">
          {request.keyName ? T.viaKey(request.keyName) : T.viaOrigin(request.origin)}
          {request.list && ` · ${T.intoList(request.list.name)}`}
        </span>
      </td>
      <td>
        <span className={`badge state-${request.revertedAt ? 'reverted' : 'completed'}`}>{request.revertedAt ? T.undone : T.done}</span>
      </td>
      <td>{t.common.prospects(count(request.prospectCount), request.prospectCount)}</td>
      <td>
        <CodeCounts counts={request.counts.importCodes} words={importWords} />
      </td>
    </tr>
  );
}
