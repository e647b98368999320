import { useEffect, useRef, useState } from 'react';
import type { ActivityItem, UndoAnswer } from '../../api-types.js';
import { count, when } from '../../format.js';
import { useMutation } from '../../hooks/use-mutation.js';
import type { Messages } from '../../i18n/en.js';
import { useI18n } from '../../i18n/index.js';
import { Link } from '../../router.js';
import { Confirm, DataTable, ErrorNote } from '../../ui.js';
import { changeWords, reasonWords } from './code-words.js';

type Counts = UndoAnswer['counts'];

type UndoWords = Messages['activity']['undo'];

/** What an undo does (or did), in a sentence per kind of change; empty when it changes nothing. */
function changesInWords(counts: Counts, tense: 'will' | 'did', w: UndoWords): string[] {
  const will = tense === 'will';
  const lines: string[] = [];
  if (counts.removed > 0) lines.push((will ? w.willRemove : w.didRemove)(count(counts.removed), counts.removed));
  if (counts.movedBack > 0) lines.push((will ? w.willMoveBack : w.didMoveBack)(count(counts.movedBack), counts.movedBack));
  if (counts.restored > 0) lines.push((will ? w.willRestore : w.didRestore)(count(counts.restored), counts.restored));
  if (counts.unenrolled > 0) lines.push((will ? w.willUnenrol : w.didUnenrol)(count(counts.unenrolled), counts.unenrolled));
  return lines;
}

function NotUndoneTable({ rows }: { rows: UndoAnswer['notUndone'] }) {
  const { t } = useI18n();
  const T = t.activity.undo;
  if (rows.length === 0) return null;
  return (
    <DataTable columns={[T.notUndoneColumns.position, T.notUndoneColumns.prospect, T.notUndoneColumns.change, T.notUndoneColumns.reason]} caption={T.notUndoneCaption} testId="not-undone">
      {rows.map((r) => (
        <tr key={`${r.prospectId}:${r.change}`}>
          <td>{r.position === null ? '—' : r.position + 1}</td>
          <td>
            <Link to={`/prospects/${r.prospectId}`}>{T.prospectLink}</Link>
          </td>
          <td>
            <span className="chip" title={r.change}>
              {changeWords(r.change, t.activity.changes)}
            </span>
          </td>
          <td>
            <span className="chip" title={`${r.reason}: ${r.message}`}>
              {reasonWords(r.reason, t.activity.reasons)}
            </span>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * Undo of the import (docs/app.md#activity): a dry run says what will happen, a dialog asks, and the
 * result is told in words with what had to stay, each with its reason.
 */
export function UndoPanel({ event, onUndone }: { event: ActivityItem; onUndone: () => void }) {
  const { t } = useI18n();
  const T = t.activity.undo;
  const mutation = useMutation();
  const [preview, setPreview] = useState<UndoAnswer | null>(null);
  const [result, setResult] = useState<UndoAnswer | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Focus lands where the dialog was opened from once it is gone (a modal makes the rest inert until then).
  const refocus = useRef(false);
  useEffect(() => {
    if (result) resultRef.current?.focus();
    else if (!preview && refocus.current) buttonRef.current?.focus();
    refocus.current = false;
  }, [result, preview]);

  const ask = async () => {
    const answer = await mutation.send<UndoAnswer>(`/v1/activity/${event.id}/undo?dryRun=true`, {});
    if (answer.ok) setPreview(answer.answer);
  };
  const confirm = async () => {
    setPreview(null);
    const answer = await mutation.send<UndoAnswer>(`/v1/activity/${event.id}/undo`, {});
    if (answer.ok) {
      setResult(answer.answer);
      onUndone();
    } else buttonRef.current?.focus();
  };
  const cancel = () => {
    refocus.current = true;
    setPreview(null);
  };

  if (result || event.revertedAt) {
    const counts = result?.counts ?? event.undo;
    const lines = counts ? changesInWords(counts, 'did', T) : [];
    return (
      <div className="card" ref={resultRef} tabIndex={-1} data-testid="undo-result">
        <h2>{T.undone(when(result?.revertedAt ?? event.revertedAt))}</h2>
        <p className="notice" role="status">{lines.length > 0 ? T.sentence(lines.join(T.lineSeparator)) : T.nothingLeft}</p>
        {counts && counts.notUndone > 0 && <p>{T.leftAsTheyWere(count(counts.notUndone), counts.notUndone)}</p>}
        {result && <NotUndoneTable rows={result.notUndone} />}
      </div>
    );
  }
  if (!event.undoableUntil) {
    return (
      <div className="card">
        <p className="muted">{T.tooLate}</p>
      </div>
    );
  }
  const willDo = preview ? changesInWords(preview.counts, 'will', T) : [];
  return (
    <div className="card">
      <p>{T.offer(when(event.undoableUntil))}</p>
      <ErrorNote error={mutation.error} />
      <button type="button" ref={buttonRef} className="danger" disabled={mutation.busy} onClick={() => void ask()}>
        {T.button}
      </button>
      {preview && (
        <Confirm title={T.title} confirmLabel={T.confirm} danger onConfirm={() => void confirm()} onCancel={cancel}>
          {willDo.length > 0 ? (
            <ul data-testid="undo-preview">
              {willDo.map((line) => (
                <li key={line}>{T.sentence(line)}</li>
              ))}
            </ul>
          ) : (
            <p data-testid="undo-preview">{T.nothingPossible}</p>
          )}
          {preview.counts.notUndone > 0 && <p>{T.staysAsIs(count(preview.counts.notUndone), preview.counts.notUndone)}</p>}
        </Confirm>
      )}
    </div>
  );
}
