import { useEffect, useRef, useState } from 'react';
import type { ImportJob, JobUndoAnswer } from '../../api-types.js';
import { count } from '../../format.js';
import { useMutation } from '../../hooks/use-mutation.js';
import { useI18n } from '../../i18n/index.js';
import type { Messages } from '../../i18n/en.js';
import { Link } from '../../router.js';
import { Confirm, DataTable, ErrorNote } from '../../ui.js';
import { changeWords, reasonWords } from '../activity/code-words.js';

type Counts = JobUndoAnswer['counts'];
const CHANGES = ['removed', 'movedBack', 'restored', 'unenrolled'] as const;

/** What an undo does (or did), a sentence per kind of change it makes; empty when it changes nothing. */
function changesInWords(counts: Counts, words: Messages['importJob']['undoWill']): string[] {
  return CHANGES.filter((kind) => counts[kind] > 0).map((kind) => words[kind](count(counts[kind]), counts[kind]));
}

/** The changes an undo left as they are, each with what the import did and why it stays. */
function NotUndoneTable({ rows }: { rows: JobUndoAnswer['notUndone'] }) {
  const { t } = useI18n();
  const T = t.importJob;
  if (rows.length === 0) return null;
  return (
    <DataTable columns={[T.notUndoneColumns.prospect, T.notUndoneColumns.change, T.notUndoneColumns.reason]} caption={T.notUndoneCaption} testId="not-undone">
      {rows.map((r) => (
        <tr key={`${r.activityId}:${r.prospectId}:${r.change}`}>
          <td>
            <Link to={`/prospects/${r.prospectId}`}>{T.prospect}</Link>
          </td>
          <td>
            <span className="chip" title={r.change}>
              {changeWords(r.change)}
            </span>
          </td>
          <td>
            <span className="chip" title={`${r.reason}: ${r.message}`}>
              {reasonWords(r.reason)}
            </span>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * A job's Cancel (while queued or running) and Undo (once ended): each asks first in a dialog; the
 * undo's says what it will do from a dry run, and its result what it did and what it could not undo.
 */
export function JobActions({ job, onJob, onUndone }: { job: ImportJob; onJob: (job: ImportJob) => void; onUndone: () => void }) {
  const { t } = useI18n();
  const T = t.importJob;
  const mutation = useMutation();
  const [asking, setAsking] = useState<'cancel' | 'undo' | null>(null);
  const [preview, setPreview] = useState<JobUndoAnswer | null>(null);
  const [result, setResult] = useState<JobUndoAnswer | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const cancel = async () => {
    setAsking(null);
    const answer = await mutation.send<ImportJob>(`/v1/imports/${job.id}/cancel`, {});
    if (answer.ok) onJob(answer.answer);
  };
  const askUndo = async () => {
    const answer = await mutation.send<JobUndoAnswer>(`/v1/imports/${job.id}/undo?dryRun=true`, {});
    if (answer.ok) {
      setPreview(answer.answer);
      setAsking('undo');
    }
  };
  const undo = async () => {
    setAsking(null);
    const answer = await mutation.send<JobUndoAnswer>(`/v1/imports/${job.id}/undo`, {});
    if (answer.ok) {
      setResult(answer.answer);
      onUndone();
    }
  };

  if (result || job.state === 'reverted') {
    const lines = result ? changesInWords(result.counts, T.undoDid) : [];
    return (
      <div className="card" ref={resultRef} tabIndex={-1} data-testid="job-undone">
        <h2>{T.undoneTitle}</h2>
        {result && (
          <>
            <p className="notice" role="status">
              {lines.length > 0 ? `${lines.join('; ')}.` : T.undoneNothing}
            </p>
            {result.counts.notUndone > 0 && <p>{T.undoKept(count(result.counts.notUndone), result.counts.notUndone)}</p>}
            <NotUndoneTable rows={result.notUndone} />
          </>
        )}
      </div>
    );
  }
  const running = job.state === 'queued' || job.state === 'running';
  const willDo = preview ? changesInWords(preview.counts, T.undoWill) : [];
  return (
    <div className="card">
      <ErrorNote error={mutation.error} />
      {running && (
        <button type="button" className="danger" disabled={mutation.busy} onClick={() => setAsking('cancel')}>
          {T.cancel}
        </button>
      )}
      {!running && job.dryRun && <p className="muted">{T.dryRunNoUndo}</p>}
      {!running && !job.dryRun && (
        <>
          <p>{T.undoIntro}</p>
          <button type="button" className="danger" disabled={mutation.busy} onClick={() => void askUndo()}>
            {T.undo}
          </button>
        </>
      )}
      {asking === 'cancel' && (
        <Confirm title={T.cancelTitle} confirmLabel={T.cancelConfirm} danger onConfirm={() => void cancel()} onCancel={() => setAsking(null)}>
          <p>{T.cancelText}</p>
        </Confirm>
      )}
      {asking === 'undo' && preview && (
        <Confirm title={T.undoTitle} confirmLabel={T.undoConfirm} danger onConfirm={() => void undo()} onCancel={() => setAsking(null)}>
          {willDo.length > 0 ? (
            <ul data-testid="undo-preview">
              {willDo.map((line) => (
                <li key={line}>{line}.</li>
              ))}
            </ul>
          ) : (
            <p data-testid="undo-preview">{T.undoNothing}</p>
          )}
          {preview.counts.notUndone > 0 && <p>{T.undoKept(count(preview.counts.notUndone), preview.counts.notUndone)}</p>}
          <NotUndoneTable rows={preview.notUndone} />
        </Confirm>
      )}
    </div>
  );
}
