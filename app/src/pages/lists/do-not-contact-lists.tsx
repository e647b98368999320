import { api } from '../../api.js';
import type { DoNotContactLists as Marked, List } from '../../api-types.js';
import { useMutation } from '../../hooks/use-mutation.js';
import { useResource } from '../../hooks/use-resource.js';
import { useI18n } from '../../i18n/index.js';
import { ErrorNote } from '../../ui.js';

/** Marks whole lists do-not-contact (docs/v1.md#privacy-erasure-do-not-contact-access): their prospects are never enrolled. */
export function DoNotContactLists({ lists }: { lists: readonly List[] }) {
  const { t } = useI18n();
  const { data: marked, reload } = useResource((signal) => api<Marked>('/v1/do-not-contact/lists', { signal }), []);
  const mutation = useMutation(reload);
  if (lists.length === 0) return null;
  const on = new Set(marked?.listIds ?? []);
  return (
    <fieldset className="card" disabled={!marked || mutation.busy}>
      <legend>{t.doNotContact.legend}</legend>
      <p className="muted small">{t.doNotContact.explain}</p>
      {lists.map((list) => (
        <label key={list.id} className="check">
          <input
            type="checkbox"
            checked={on.has(list.id)}
            onChange={(e) => void mutation.send(`/v1/lists/${list.id}/do-not-contact`, { method: 'PUT', body: { doNotContact: e.target.checked } })}
          />
          {t.doNotContact.listLabel(list.name)}
        </label>
      ))}
      <ErrorNote error={mutation.error} />
    </fieldset>
  );
}
