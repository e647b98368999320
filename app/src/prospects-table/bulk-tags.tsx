import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { BulkAnswer, BulkRequest, ProspectCount, TagItem } from '../api-types.js';
import { count as formatCount } from '../format.js';
import type { Mutation } from '../hooks/use-mutation.js';
import { useI18n } from '../i18n/index.js';
import type { Selection } from './bulk-bar.js';
import { searchOfFilter, type TableFilter } from './filters.js';
import { describeTag, describeUntag, type Outcome } from './outcome.js';

type Action = 'tag' | 'untag';

interface BulkTagProps {
  selection: Selection;
  filter: TableFilter;
  /** The tags in use, offered as the name is typed. */
  tags: TagItem[];
  mutation: Mutation;
  onOutcome: (outcome: Outcome) => void;
  onClear: () => void;
}

/**
 * Tag or untag the bulk bar's selection: the dialog says the exact number first (counted again for a
 * selection by filter), asks for one tag name, and the outcome says what changed, as the other bulk actions do.
 */
export function BulkTagActions({ selection, filter, tags, mutation, onOutcome, onClear }: BulkTagProps) {
  const { t } = useI18n();
  const T = t.prospectsTable.bulk;
  const [pending, setPending] = useState<{ action: Action; count: number } | null>(null);
  const [counting, setCounting] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const opener = useRef<HTMLElement | null>(null);

  const ask = async (action: Action) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (selection.kind === 'ids') return setPending({ action, count: selection.ids.length });
    setCounting(true);
    setProblem(null);
    try {
      const { total } = await api<ProspectCount>(`/v1/prospects/count?${searchOfFilter(filter).toString()}`);
      setPending({ action, count: total });
    } catch (error) {
      setProblem(error);
    } finally {
      setCounting(false);
    }
  };
  const cancel = () => {
    setPending(null);
    requestAnimationFrame(() => opener.current?.focus());
  };
  const run = async (action: Action, tag: string) => {
    setPending(null);
    const request = { action, tags: [tag], ...(selection.kind === 'ids' ? { ids: selection.ids } : { filter }) } as BulkRequest;
    const done = await mutation.send<BulkAnswer>('/v1/prospects/bulk', { body: request });
    if (done.ok) {
      onOutcome(action === 'tag' ? describeTag(done.answer, tag, t.prospectsTable.outcome) : describeUntag(done.answer, tag, t.prospectsTable.outcome));
      onClear();
    }
  };

  return (
    <>
      <button type="button" disabled={mutation.busy || counting} onClick={() => void ask('tag')}>
        {T.tag}
      </button>
      <button type="button" disabled={mutation.busy || counting} onClick={() => void ask('untag')}>
        {T.untag}
      </button>
      {counting && (
        <span className="muted" role="status">
          {T.counting}
        </span>
      )}
      {problem !== null && (
        <span className="error" role="alert">
          {problem instanceof Error ? problem.message : String(problem)}
        </span>
      )}
      {pending && <TagDialog action={pending.action} count={pending.count} tags={tags} onDone={(tag) => void run(pending.action, tag)} onCancel={cancel} />}
    </>
  );
}

/** One tag name, picked from those in use or typed, in a modal dialog titled with the exact count. */
function TagDialog({ action, count, tags, onDone, onCancel }: { action: Action; count: number; tags: TagItem[]; onDone: (tag: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const T = t.prospectsTable.bulk;
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const listId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onDone(name.trim());
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="bulk-tag-title" onCancel={onCancel}>
      <form onSubmit={submit}>
        <h2 id="bulk-tag-title">{action === 'tag' ? T.tagTitle(formatCount(count), count) : T.untagTitle(formatCount(count), count)}</h2>
        <label>
          {T.tagName}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={50} required autoFocus list={listId} />
        </label>
        <datalist id={listId}>
          {tags.map((tag) => (
            <option key={tag.id} value={tag.name} />
          ))}
        </datalist>
        <p>{action === 'tag' ? T.tagBody : T.untagBody}</p>
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {t.common.cancel}
          </button>
          <button type="submit" className="primary">
            {action === 'tag' ? T.tagConfirm : T.untagConfirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}
