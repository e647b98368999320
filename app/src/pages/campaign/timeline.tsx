import { useEffect, useRef } from 'react';
import { api } from '../../api.js';
import type { Enrolment, EnrolmentDetail } from '../../api-types.js';
import { when } from '../../format.js';
import { useResource } from '../../hooks/use-resource.js';
import { useI18n } from '../../i18n/index.js';
import { ErrorNote } from '../../ui.js';

/** One prospect's path through the campaign: the steps its executor reported, in a modal dialog. */
export function Timeline({ enrolment, onClose }: { enrolment: Enrolment; onClose: () => void }) {
  const { t } = useI18n();
  const w = t.campaign;
  const ref = useRef<HTMLDialogElement>(null);
  const detail = useResource((signal) => api<EnrolmentDetail>(`/v1/enrolments/${enrolment.id}`, { signal }), [enrolment.id]);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const steps = detail.data?.steps;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="timeline-title" onCancel={onClose}>
      <h2 id="timeline-title">{w.timelineOf(enrolment.name)}</h2>
      <p>
        <span className={`badge state-${enrolment.state}`} title={enrolment.state}>
          {w.enrolmentStates[detail.data?.state ?? enrolment.state]}
        </span>{' '}
        <span className="muted small" title={detail.data?.executorDelivery ?? enrolment.executorDelivery}>
          {w.deliveries[detail.data?.executorDelivery ?? enrolment.executorDelivery]}
        </span>
      </p>
      <ErrorNote error={detail.error} />
      {steps === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          <li>
            <strong>{w.enrolledStep}</strong> <span className="muted small">{when(enrolment.enrolledAt)}</span>
          </li>
          {steps.map((step, index) => (
            <li key={index}>
              <strong title={step.type}>{w.steps[step.type]}</strong> <span className="muted small">{when(step.occurredAt)}</span>
              {step.note && <p className="note">{step.note}</p>}
            </li>
          ))}
          {steps.length === 0 && <li className="muted">{w.noSteps}</li>}
        </ol>
      )}
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          {w.close}
        </button>
      </div>
    </dialog>
  );
}
