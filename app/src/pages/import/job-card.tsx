import { useEffect, useRef, type ReactNode } from 'react';
import type { ImportJob } from '../../api-types.js';
import { count } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { hasEnded } from '../../import/import-job.js';
import { campaignWords, importWords } from '../activity/code-words.js';
import { CodeCounts } from '../../ui.js';

/**
 * An import job as it goes: its progress while it runs, then the rows counted per outcome. Focus
 * moves to its heading when it ends, so the keyboard and screen reader go on from the result
 * instead of the button that was pressed, now disabled or gone.
 */
export function JobCard({ job, title, label, testId, children }: { job: ImportJob; title: string; label: string; testId: string; children?: ReactNode }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const ended = hasEnded(job);
  useEffect(() => {
    if (ended) heading.current?.focus();
  }, [ended]);
  return (
    <div className="card" data-testid={testId} data-state={job.state} role="status">
      <h2 ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {!ended && <JobProgress job={job} label={label} />}
      {ended && <p>{t.importJob.rowsDone(count(job.rows.done), count(job.rows.failed))}</p>}
      {job.error && <p className="error">{job.error}</p>}
      <JobCodes job={job} />
      {children}
    </div>
  );
}

/** A running job's rows done of its total, with the time left; "waiting" while queued. */
export function JobProgress({ job, label }: { job: ImportJob; label: string }) {
  const { t } = useI18n();
  return (
    <div className="progress-box">
      {job.state === 'queued' && job.rows.total === 0 ? (
        <p>{t.importJob.queued}</p>
      ) : (
        <label>
          {t.importJob.progress(label, count(job.rows.done), count(job.rows.total))}
          {job.secondsLeft !== null && ` (${t.importJob.secondsLeft(count(Math.ceil(job.secondsLeft)))})`}
          <progress max={job.rows.total || 1} value={job.rows.done} />
        </label>
      )}
    </div>
  );
}

/** The rows counted per import outcome, and per campaign outcome when the job enrolled. */
export function JobCodes({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  return (
    <>
      <p>
        {t.importJob.importCodes} <CodeCounts counts={job.importCodes} words={importWords} />
      </p>
      {Object.keys(job.addToCampaignCodes).length > 0 && (
        <p>
          {t.importJob.campaignCodes} <CodeCounts counts={job.addToCampaignCodes} words={campaignWords} />
        </p>
      )}
    </>
  );
}
