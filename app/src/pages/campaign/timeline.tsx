import { useEffect, useRef } from 'react';
import { api } from '../../api.js';
import type { Enrolment, EnrolmentDetail } from '../../api-types.js';
import { when } from '../../format.js';
import { useResource } from '../../hooks/use-resource.js';
import { ErrorNote } from '../../ui.js';
import { DELIVERY_WORDS, ENROLMENT_STATE_WORDS, STEP_WORDS } from './words.js';

/** One prospect's path through the campaign: the steps its executor reported, in a modal dialog. */
export function Timeline({ enrolment, onClose }: { enrolment: Enrolment; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const detail = useResource((signal) => api<EnrolmentDetail>(`/v1/enrolments/${enrolment.id}`, { signal }), [enrolment.id]);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const steps = detail.data?.steps;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="timeline-title" onCancel={onClose}>
      <h2 id="timeline-title">Timeline of {enrolment.name}</h2>
      <p>
        <span className={`badge state-${enrolment.state}`} title={enrolment.state}>
          {ENROLMENT_STATE_WORDS[detail.data?.state ?? enrolment.state]}
        </span>{' '}
        <span className="muted small" title={detail.data?.executorDelivery ?? enrolment.executorDelivery}>
          {DELIVERY_WORDS[detail.data?.executorDelivery ?? enrolment.executorDelivery]}
        </span>
      </p>
      <ErrorNote error={detail.error} />
      {steps === undefined ? (
        <p className="loading">Loading…</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          <li>
            <strong>Enrolled</strong> <span className="muted small">{when(enrolment.enrolledAt)}</span>
          </li>
          {steps.map((step, index) => (
            <li key={index}>
              <strong title={step.type}>{STEP_WORDS[step.type]}</strong> <span className="muted small">{when(step.occurredAt)}</span>
              {step.note && <p className="note">{step.note}</p>}
            </li>
          ))}
          {steps.length === 0 && <li className="muted">The executor has not reported a step yet.</li>}
        </ol>
      )}
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
