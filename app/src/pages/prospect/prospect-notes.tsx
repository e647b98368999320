import { useState, type FormEvent } from 'react';
import { api } from '../../api.js';
import type { Note, NotePage } from '../../api-types.js';
import { count, when } from '../../format.js';
import { useMutation } from '../../hooks/use-mutation.js';
import { useResource } from '../../hooks/use-resource.js';
import { useI18n } from '../../i18n/index.js';
import { Confirm, ErrorNote } from '../../ui.js';

/** One page of the API at most: a prospect's notes are read, not browsed. */
const MAX_SHOWN = 100;

/** The prospect's notes, newest first: write one, edit or delete any (deletion confirmed). docs/v1.md#tags-and-notes */
export function ProspectNotes({ prospectId }: { prospectId: string }) {
  const { t } = useI18n();
  const T = t.prospect.notes;
  const path = `/v1/prospects/${prospectId}/notes`;
  const [limit, setLimit] = useState(20);
  const { data: page, error, reload } = useResource((signal) => api<NotePage>(`${path}?limit=${limit}`, { signal }), [path, limit]);
  const mutation = useMutation(reload);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [doomed, setDoomed] = useState<Note | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if ((await mutation.send(path, { body: { body: text } })).ok) setText('');
  };
  const save = async (note: Note, body: string) => {
    if ((await mutation.send(`${path}/${note.id}`, { method: 'PATCH', body: { body } })).ok) setEditing(null);
  };
  const remove = async (note: Note) => {
    setDoomed(null);
    await mutation.send(`${path}/${note.id}`, { method: 'DELETE' });
  };

  return (
    <div className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">{T.title}</h2>
      <form onSubmit={add} className="note-form">
        <label>
          {T.newNote}
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={5000} required />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={mutation.busy}>
            {T.add}
          </button>
        </div>
      </form>
      <ErrorNote error={mutation.error ?? error} />
      {page && page.data.length === 0 && <p className="muted">{T.none}</p>}
      <ol className="notes" aria-label={T.listLabel}>
        {page?.data.map((note) => (
          <li key={note.id} className="note">
            <p className="muted small">
              {note.author.kind === 'key' ? T.byKey(note.author.name) : note.author.name} · <time dateTime={note.createdAt}>{when(note.createdAt)}</time>
              {note.updatedAt !== note.createdAt && <> · {T.edited(when(note.updatedAt))}</>}
            </p>
            {editing === note.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void save(note, (e.currentTarget.elements.namedItem('body') as HTMLTextAreaElement).value);
                }}
              >
                <label>
                  <span className="sr-only">{T.text}</span>
                  <textarea name="body" defaultValue={note.body} rows={3} maxLength={5000} required autoFocus />
                </label>
                <div className="actions">
                  <button type="button" onClick={() => setEditing(null)}>
                    {t.common.cancel}
                  </button>
                  <button type="submit" className="primary" disabled={mutation.busy}>
                    {T.save}
                  </button>
                </div>
              </form>
            ) : (
              <>
                <p className="note-body">{note.body}</p>
                <div className="row-actions">
                  <button type="button" onClick={() => setEditing(note.id)}>
                    {T.edit}
                  </button>
                  <button type="button" className="danger" onClick={() => setDoomed(note)}>
                    {T.delete}
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
      {page?.nextCursor &&
        (limit < MAX_SHOWN ? (
          <button type="button" onClick={() => setLimit((n) => Math.min(n + 20, MAX_SHOWN))}>
            {T.more}
          </button>
        ) : (
          <p className="muted small">{T.newestShown(count(MAX_SHOWN))}</p>
        ))}
      {doomed && (
        <Confirm title={T.deleteTitle} confirmLabel={T.delete} danger onConfirm={() => void remove(doomed)} onCancel={() => setDoomed(null)}>
          <p className="note-body">{doomed.body}</p>
          <p>{T.cannotUndo}</p>
        </Confirm>
      )}
    </div>
  );
}
