import { useState } from 'react';
import { apiEvery } from '../../api.js';
import type { List, ProspectDetail } from '../../api-types.js';
import { useMutation } from '../../hooks/use-mutation.js';
import { useResource } from '../../hooks/use-resource.js';
import { useI18n } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { Confirm, ErrorNote } from '../../ui.js';

/**
 * Move the prospect to another list (PATCH /v1/prospects/:id {listId}) or delete it (DELETE), the
 * deletion behind a confirmation that says what goes with it.
 */
export function MoveOrDelete({ prospect, onMoved }: { prospect: ProspectDetail; onMoved: () => void }) {
  const { t } = useI18n();
  const T = t.prospect.manage;
  const { data: lists } = useResource((signal) => apiEvery<List>('/v1/lists', { signal }), []);
  const mutation = useMutation(onMoved);
  const [target, setTarget] = useState('');
  const [confirming, setConfirming] = useState(false);
  const others = (lists ?? []).filter((l) => l.id !== prospect.list.id);

  const move = async () => {
    if ((await mutation.send(`/v1/prospects/${prospect.id}`, { method: 'PATCH', body: { listId: target } })).ok) setTarget('');
  };
  const remove = async () => {
    setConfirming(false);
    const outcome = await mutation.send(`/v1/prospects/${prospect.id}`, { method: 'DELETE' });
    if (outcome.ok) navigate(`/lists/${prospect.list.id}`);
  };

  return (
    <div className="card" aria-labelledby="manage-title">
      <h2 id="manage-title">{T.title}</h2>
      <div className="inline-form">
        <label>
          {T.moveTo}
          <select value={target} onChange={(e) => setTarget(e.target.value)} disabled={others.length === 0}>
            <option value="">{others.length === 0 ? T.noOther : T.chooseList}</option>
            {others.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void move()} disabled={target === '' || mutation.busy}>
          {T.move}
        </button>
        <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={mutation.busy}>
          {T.delete}
        </button>
      </div>
      <ErrorNote error={mutation.error} words={{ 'R000409-001': T.alreadyInList }} />
      {confirming && (
        <Confirm title={T.deleteTitle(prospect.name)} confirmLabel={T.delete} danger onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
          <p>{T.deleteText(prospect.name, prospect.list.name, prospect.campaign?.name ?? null)}</p>
        </Confirm>
      )}
    </div>
  );
}
