import type { ImportJob } from '../../api-types.js';
import { count } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { hasEnded } from '../../import/import-job.js';

/** A job's rows done of its total on a bar, its rate and the time left at that rate (the server's estimate). */
export function JobProgressFacts({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const T = t.importJob;
  const left = job.secondsLeft === null ? null : Math.ceil(job.secondsLeft);
  const timeLeft = left === null ? T.unknown : left < 60 ? T.seconds(count(left)) : T.minutes(count(Math.floor(left / 60)), count(left % 60));
  return (
    <div className="progress-box job-progress" data-testid="job-progress" aria-live={hasEnded(job) ? undefined : 'polite'}>
      {job.state === 'queued' && job.rows.total === 0 && <p>{T.queued}</p>}
      <progress max={job.rows.total || 1} value={job.rows.done} aria-label={T.progressTitle} />
      <dl className="facts inline">
        <div>
          <dt>{T.rowsLabel}</dt>
          <dd data-testid="job-rows">{T.rowsOf(count(job.rows.done), count(job.rows.total))}</dd>
        </div>
        <div>
          <dt>{T.facts.failed}</dt>
          <dd data-testid="job-failed">{count(job.rows.failed)}</dd>
        </div>
        <div>
          <dt>{T.rate}</dt>
          <dd data-testid="job-rate">{job.rowsPerSecond === null ? T.unknown : T.rowsPerSecond(count(Math.round(job.rowsPerSecond)))}</dd>
        </div>
        <div>
          <dt>{T.timeLeft}</dt>
          <dd data-testid="job-left">{timeLeft}</dd>
        </div>
      </dl>
    </div>
  );
}
