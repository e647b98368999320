import { useEffect, useRef, type ReactNode } from 'react';
import type { ImportJob } from '../../api-types.js';
import { hasEnded } from '../../import/import-job.js';
import { campaignWords, importWords } from '../activity/code-words.js';
import { CodeCounts } from '../../ui.js';
import { IMPORT_TEXT as T } from './words.js';

/**
 * An import job as it goes: its progress while it runs, then the rows counted per outcome. Focus
 * moves to its heading when it ends, so the keyboard and screen reader go on from the result
 * instead of the button that was pressed, now disabled or gone.
 */
export function JobCard({ job, title, label, testId, children }: { job: ImportJob; title: string; label: string; testId: string; children?: ReactNode }) {
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
      {!ended && (
        <div className="progress-box">
          {job.state === 'queued' && job.rows.total === 0 ? (
            <p>{T.queued}</p>
          ) : (
            <label>
              {T.progress(label, job.rows.done, job.rows.total)}
              {job.secondsLeft !== null && ` (${T.secondsLeft(job.secondsLeft)})`}
              <progress max={job.rows.total || 1} value={job.rows.done} />
            </label>
          )}
        </div>
      )}
      {ended && <p>{T.rowsDone(job.rows.done, job.rows.failed)}</p>}
      {job.error && <p className="error">{job.error}</p>}
      <p>
        {T.importCodes} <CodeCounts counts={job.importCodes} words={importWords} />
      </p>
      {Object.keys(job.addToCampaignCodes).length > 0 && (
        <p>
          {T.campaignCodes} <CodeCounts counts={job.addToCampaignCodes} words={campaignWords} />
        </p>
      )}
      {children}
    </div>
  );
}
