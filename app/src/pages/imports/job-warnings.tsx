import type { ImportJob } from '../../api-types.js';
import { count } from '../../format.js';
import { useI18n } from '../../i18n/index.js';

const SHOWN = 20;

/** The fields of the rows an import does not know, ignored: the first ones with their row, then how many more. */
export function JobWarnings({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const T = t.importJob;
  if (job.warningCount === 0) return null;
  const shown = job.warnings.slice(0, SHOWN);
  return (
    <div className="card" data-testid="job-warnings">
      <h2>{T.warningsTitle(count(job.warningCount))}</h2>
      <p className="muted">{T.warningsText}</p>
      <ul>
        {shown.map((w) => (
          <li key={`${w.row}:${w.path}`}>
            <code>{T.warningRow(count(w.row), w.path)}</code>
          </li>
        ))}
      </ul>
      {job.warningCount > shown.length && <p className="muted">{T.warningsMore(count(job.warningCount - shown.length))}</p>}
    </div>
  );
}
