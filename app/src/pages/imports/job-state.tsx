import type { ImportJob } from '../../api-types.js';
import { useI18n } from '../../i18n/index.js';

/** A job's state in words, coloured by it (styles.css, "Import jobs"). */
export function JobStateBadge({ state }: { state: ImportJob['state'] }) {
  const { t } = useI18n();
  return (
    <span className={`badge state-${state}`} data-testid="job-state">
      {t.importJob.states[state]}
    </span>
  );
}
