import { useEffect, useRef, useState, type FormEvent } from 'react';
import { apiEvery } from '../api.js';
import type { SavedView } from '../api-types.js';
import type { Mutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { useI18n } from '../i18n/index.js';
import { Confirm } from '../ui.js';
import type { TableChoices } from './columns.js';
import type { TableFilter } from './filters.js';

interface SavedViewsProps {
  filter: TableFilter;
  choices: TableChoices;
  /** The view the table was opened from (?view= in the URL). */
  viewId: string | undefined;
  mutation: Mutation;
  onOpen: (view: SavedView | null) => void;
  onNotice: (text: string) => void;
}

/** A name asked for in a modal dialog (saving or renaming a view). */
function NameDialog({ title, initial, confirmLabel, onDone, onCancel }: { title: string; initial: string; confirmLabel: string; onDone: (name: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const T = t.prospectsTable.views;
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(initial);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onDone(name.trim());
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="view-name-title" onCancel={onCancel}>
      <form onSubmit={submit}>
        <h2 id="view-name-title">{title}</h2>
        <label>
          {T.nameLabel}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoFocus />
        </label>
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {t.common.cancel}
          </button>
          <button type="submit" className="primary">
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The user's saved views (GET /v1/views): open one, save the table as one, update, rename or delete it. */
export function SavedViews({ filter, choices, viewId, mutation, onOpen, onNotice }: SavedViewsProps) {
  const { t } = useI18n();
  const T = t.prospectsTable.views;
  const views = useResource((signal) => apiEvery<SavedView>('/v1/views', { signal }), []);
  const [dialog, setDialog] = useState<'save' | 'rename' | 'delete' | null>(null);
  const current = views.data?.find((v) => v.id === viewId);
  const table = { columns: choices.columns, pageSize: choices.pageSize };

  const save = async (name: string) => {
    setDialog(null);
    const done = await mutation.send<SavedView>('/v1/views', { body: { name, filter, table } });
    if (done.ok) {
      views.reload();
      onNotice(T.saved(done.answer.name));
      onOpen(done.answer);
    }
  };
  const change = async (body: { name?: string; filter?: TableFilter; table?: typeof table }) => {
    setDialog(null);
    if (!current) return;
    const done = await mutation.send<SavedView>(`/v1/views/${current.id}`, { method: 'PATCH', body });
    if (done.ok) {
      views.reload();
      onNotice(T.updated(done.answer.name));
    }
  };
  const remove = async () => {
    setDialog(null);
    if (!current) return;
    const done = await mutation.send(`/v1/views/${current.id}`, { method: 'DELETE' });
    if (done.ok) {
      views.reload();
      onNotice(T.deleted(current.name));
      onOpen(null);
    }
  };

  return (
    <div className="saved-views">
      <label>
        {T.label}
        <select value={current?.id ?? ''} onChange={(e) => onOpen(views.data?.find((v) => v.id === e.target.value) ?? null)}>
          <option value="">{T.none}</option>
          {(views.data ?? []).map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => setDialog('save')}>
        {T.save}
      </button>
      {current && (
        <>
          <button type="button" onClick={() => void change({ filter, table })}>
            {T.update}
          </button>
          <button type="button" onClick={() => setDialog('rename')}>
            {T.rename}
          </button>
          <button type="button" className="danger" onClick={() => setDialog('delete')}>
            {T.delete}
          </button>
        </>
      )}
      {dialog === 'save' && <NameDialog title={T.saveTitle} initial="" confirmLabel={T.saveConfirm} onDone={(name) => void save(name)} onCancel={() => setDialog(null)} />}
      {dialog === 'rename' && current && (
        <NameDialog title={T.renameTitle} initial={current.name} confirmLabel={T.renameConfirm} onDone={(name) => void change({ name })} onCancel={() => setDialog(null)} />
      )}
      {dialog === 'delete' && current && (
        <Confirm title={T.deleteTitle(current.name)} confirmLabel={T.deleteConfirm} danger onConfirm={() => void remove()} onCancel={() => setDialog(null)}>
          <p>{T.deleteBody}</p>
        </Confirm>
      )}
    </div>
  );
}
