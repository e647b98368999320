import { useState, type FormEvent } from 'react';
import { apiEvery } from '../api.js';
import type { List, ListChanges, NewListRequest } from '../api-types.js';
import { count, day } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { Confirm, CurlExample, Empty, ErrorNote, ListIcon } from '../ui.js';
import { DoNotContactLists } from './lists/do-not-contact-lists.js';

const COLORS = ['#2563eb', '#0f766e', '#7c3aed', '#b91c1c', '#c2410c', '#4d7c0f', '#be185d', '#334155'];

export function ListsPage() {
  const { t } = useI18n();
  const { data: lists, error, reload } = useResource((signal) => apiEvery<List>('/v1/lists', { signal }), []);
  const mutation = useMutation(reload);
  const [name, setName] = useState('');
  const [color, setColor] = useState(COLORS[0]!);
  const [editing, setEditing] = useState<string | null>(null);
  const [doomed, setDoomed] = useState<List | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const body: NewListRequest = { name, iconColor: color };
    if ((await mutation.send('/v1/lists', { body })).ok) setName('');
  };
  const change = async (list: List, changes: ListChanges) => {
    if ((await mutation.send(`/v1/lists/${list.id}`, { method: 'PATCH', body: changes })).ok) setEditing(null);
  };
  const remove = async (list: List) => {
    setDoomed(null);
    await mutation.send(`/v1/lists/${list.id}`, { method: 'DELETE' });
  };

  return (
    <section aria-labelledby="lists-title">
      <div className="page-head">
        <h1 id="lists-title">{t.lists.title}</h1>
      </div>
      <form className="inline-form card" onSubmit={create} aria-label={t.lists.createForm}>
        <label>
          {t.lists.newName}
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder={t.lists.newNamePlaceholder} />
        </label>
        <label>
          {t.lists.colour}
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t.lists.create}
        </button>
      </form>
      <ErrorNote error={mutation.error ?? error} />
      {lists === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : lists.length === 0 ? (
        <Empty title={t.lists.emptyTitle}>
          <p>{t.lists.emptyText}</p>
          <CurlExample />
        </Empty>
      ) : (
        <ul className="list-grid">
          {lists.map((list) => (
            <li key={list.id} className="card list-card">
              <ListIcon color={list.iconColor} label={list.iconLabel} />
              <div className="grow">
                {editing === list.id ? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      const input = (e.currentTarget.elements.namedItem('name') as HTMLInputElement).value;
                      void change(list, { name: input });
                    }}
                  >
                    <label className="sr-only" htmlFor={`rename-${list.id}`}>
                      {t.lists.renameLabel(list.name)}
                    </label>
                    <input id={`rename-${list.id}`} name="name" defaultValue={list.name} required maxLength={100} autoFocus />
                    <button type="submit">{t.common.save}</button>
                    <button type="button" onClick={() => setEditing(null)}>
                      {t.common.cancel}
                    </button>
                  </form>
                ) : (
                  <Link to={`/lists/${list.id}`} className="list-name">
                    {list.name}
                  </Link>
                )}
                <div className="muted small">
                  <span data-testid="list-count">{count(list.totalProspects)}</span> {t.common.prospectWord(list.totalProspects)} · {t.lists.created(day(list.createdAt))}
                </div>
              </div>
              <div className="row-actions">
                <button type="button" onClick={() => setEditing(list.id)} aria-label={t.lists.renameOf(list.name)}>
                  {t.lists.rename}
                </button>
                <label className="color-pick" title={t.lists.recolour}>
                  <span className="sr-only">{t.lists.colourOf(list.name)}</span>
                  <input type="color" value={list.iconColor} onChange={(e) => void change(list, { iconColor: e.target.value })} />
                </label>
                <button type="button" className="danger" onClick={() => setDoomed(list)} aria-label={t.lists.deleteOf(list.name)}>
                  {t.lists.delete}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {lists && <DoNotContactLists lists={lists} />}
      {doomed && (
        <Confirm title={t.lists.deleteTitle(doomed.name)} confirmLabel={t.lists.deleteConfirm} danger onConfirm={() => void remove(doomed)} onCancel={() => setDoomed(null)}>
          <p>{t.lists.deleteText(count(doomed.totalProspects), doomed.totalProspects)}</p>
        </Confirm>
      )}
    </section>
  );
}
