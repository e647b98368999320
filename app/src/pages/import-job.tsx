import { useEffect, useState } from 'react';
import { api } from '../api.js';
import type { Campaign, ImportJob, List } from '../api-types.js';
import { count, when } from '../format.js';
import { useResource } from '../hooks/use-resource.js';
import { useI18n } from '../i18n/index.js';
import { hasEnded, watchImportJob } from '../import/import-job.js';
import { Link } from '../router.js';
import { ErrorNote } from '../ui.js';
import { JobCodes } from './import/job-card.js';
import { JobActions } from './imports/job-actions.js';
import { JobProgressFacts } from './imports/job-progress.js';
import { JobResults } from './imports/job-results.js';
import { JobStateBadge } from './imports/job-state.js';
import { JobWarnings } from './imports/job-warnings.js';

/**
 * One import job (docs/app.md#imports): its progress while it runs (read every second), what it was,
 * its counts, the failed-rows file, each row's result paged and filtered, and Cancel or Undo.
 */
export function ImportJobPage({ jobId }: { jobId: string }) {
  const { t } = useI18n();
  const T = t.importJob;
  const loaded = useResource((signal) => api<ImportJob>(`/v1/imports/${jobId}`, { signal }), [jobId]);
  // The job as last read: from the page's load, then from each reading while it runs, or a change made here.
  const [latest, setLatest] = useState<ImportJob | null>(null);
  const job = latest ?? loaded.data;
  const start = loaded.data;
  useEffect(() => {
    if (!start || hasEnded(start)) return;
    const controller = new AbortController();
    watchImportJob(start, setLatest, controller.signal).catch(() => undefined);
    return () => controller.abort();
  }, [start]);
  // Names for the list and campaign ids; null once deleted.
  const list = useResource((signal) => (job ? api<List>(`/v1/lists/${job.listId}`, { signal }).catch(() => null) : Promise.resolve(undefined)), [job?.listId]);
  const campaign = useResource(
    (signal) => (job?.campaignId ? api<Campaign>(`/v1/campaigns/${job.campaignId}`, { signal }).catch(() => null) : Promise.resolve(null)),
    [job?.campaignId],
  );

  if (!job) return loaded.error ? <ErrorNote error={loaded.error} words={{ 'R000404-001': T.notFound }} /> : <p className="loading">{t.common.loading}</p>;
  return (
    <section aria-labelledby="job-title">
      <p className="crumbs">
        <Link to="/imports">{T.back}</Link>
      </p>
      <div className="page-head">
        <h1 id="job-title">{job.fileName ? T.titleOf(job.fileName) : T.untitled[job.format]}</h1>
        <JobStateBadge state={job.state} />
        {job.dryRun && <span className="badge">{T.dryRunBadge}</span>}
      </div>
      <div className="card" data-testid="job-summary" data-state={job.state}>
        <JobProgressFacts job={job} />
        {job.error && <p className="error">{job.error}</p>}
        <JobCodes job={job} />
        {job.rows.failed > 0 && hasEnded(job) && (
          <p>
            <a href={`/v1/imports/${job.id}/failed-rows.csv`} download>
              {T.failedRows(count(job.rows.failed), job.rows.failed)}
            </a>
          </p>
        )}
        <dl className="facts inline">
          <div>
            <dt>{T.facts.list}</dt>
            <dd>{list.data ? <Link to={`/lists/${list.data.id}`}>{list.data.name}</Link> : list.data === null ? T.deletedList : '…'}</dd>
          </div>
          <div>
            <dt>{T.facts.campaign}</dt>
            <dd>{campaign.data ? <Link to={`/campaigns/${campaign.data.id}`}>{campaign.data.name}</Link> : T.noCampaign}</dd>
          </div>
          <div>
            <dt>{T.facts.origin}</dt>
            <dd>
              <span className="badge origin">{job.origin}</span>
            </dd>
          </div>
          <div>
            <dt>{T.facts.created}</dt>
            <dd>{when(job.createdAt)}</dd>
          </div>
          <div>
            <dt>{T.facts.finished}</dt>
            <dd>{when(job.finishedAt)}</dd>
          </div>
        </dl>
      </div>
      <JobWarnings job={job} />
      <JobActions
        job={job}
        onJob={setLatest}
        onUndone={() => setLatest({ ...job, state: 'reverted' })}
      />
      <JobResults job={job} />
    </section>
  );
}
