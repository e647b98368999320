import { useEffect, useRef, useState } from 'react';
import type { ActivityItem, UndoAnswer } from '../../api-types.js';
import { count, when } from '../../format.js';
import { useMutation } from '../../hooks/use-mutation.js';
import { Link } from '../../router.js';
import { Confirm, DataTable, ErrorNote } from '../../ui.js';
import { changeWords, reasonWords } from './code-words.js';

type Counts = UndoAnswer['counts'];

const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/** What an undo does (or did), in a sentence per kind of change; empty when it changes nothing. */
function changesInWords(counts: Counts, tense: 'will' | 'did'): string[] {
  const verb = (will: string, did: string) => (tense === 'will' ? will : did);
  const lines: string[] = [];
  if (counts.removed > 0) lines.push(`${plural(counts.removed, 'prospect it added', 'prospects it added')} ${verb('will be deleted', 'deleted')}`);
  if (counts.movedBack > 0) lines.push(`${plural(counts.movedBack, 'prospect it moved', 'prospects it moved')} ${verb('will go back to its list', 'moved back')}`);
  if (counts.restored > 0) lines.push(`${plural(counts.restored, 'prospect', 'prospects')} ${verb('will get back the data it overwrote', 'with their data restored')}`);
  if (counts.unenrolled > 0) lines.push(`${plural(counts.unenrolled, 'campaign enrolment it made', 'campaign enrolments it made')} ${verb('will be removed', 'removed')}`);
  return lines;
}

function NotUndoneTable({ rows }: { rows: UndoAnswer['notUndone'] }) {
  if (rows.length === 0) return null;
  return (
    <DataTable columns={['#', 'Prospect', 'What the import did', 'Why it stays']} caption="Changes left as they are" testId="not-undone">
      {rows.map((r) => (
        <tr key={`${r.prospectId}:${r.change}`}>
          <td>{r.position === null ? '—' : r.position + 1}</td>
          <td>
            <Link to={`/prospects/${r.prospectId}`}>Prospect</Link>
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
 * Undo of the import (docs/app.md#activity): a dry run says what will happen, a dialog asks, and the
 * result is told in words with what had to stay, each with its reason.
 */
export function UndoPanel({ event, onUndone }: { event: ActivityItem; onUndone: () => void }) {
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
    const lines = counts ? changesInWords(counts, 'did') : [];
    return (
      <div className="card" ref={resultRef} tabIndex={-1} data-testid="undo-result">
        <h2>Undone {when(result?.revertedAt ?? event.revertedAt)}</h2>
        <p className="notice" role="status">{lines.length > 0 ? `${lines.join('; ')}.` : 'There was nothing left to undo.'}</p>
        {counts && counts.notUndone > 0 && <p>{plural(counts.notUndone, 'change was', 'changes were')} left as they were, because they changed after the import.</p>}
        {result && <NotUndoneTable rows={result.notUndone} />}
      </div>
    );
  }
  if (!event.undoableUntil) {
    return (
      <div className="card">
        <p className="muted">This import can no longer be undone: the time to undo it has passed.</p>
      </div>
    );
  }
  const willDo = preview ? changesInWords(preview.counts, 'will') : [];
  return (
    <div className="card">
      <p>
        Made a mistake? You can undo this import until {when(event.undoableUntil)}: what it added, moved, overwrote or enrolled goes back, except what changed since.
      </p>
      <ErrorNote error={mutation.error} />
      <button type="button" ref={buttonRef} className="danger" disabled={mutation.busy} onClick={() => void ask()}>
        Undo this import…
      </button>
      {preview && (
        <Confirm title="Undo this import?" confirmLabel="Undo import" danger onConfirm={() => void confirm()} onCancel={cancel}>
          {willDo.length > 0 ? (
            <ul data-testid="undo-preview">
              {willDo.map((line) => (
                <li key={line}>{line}.</li>
              ))}
            </ul>
          ) : (
            <p data-testid="undo-preview">Nothing this import did can still be undone; it will only be marked as undone.</p>
          )}
          {preview.counts.notUndone > 0 && <p>{plural(preview.counts.notUndone, 'change stays', 'changes stay')} as it is now, because it changed after the import.</p>}
        </Confirm>
      )}
    </div>
  );
}
