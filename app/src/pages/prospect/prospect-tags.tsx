import { useState, type FormEvent } from 'react';
import { apiEvery } from '../../api.js';
import type { ProspectTags, ProspectTagsChange, TagItem } from '../../api-types.js';
import { useMutation } from '../../hooks/use-mutation.js';
import { useResource } from '../../hooks/use-resource.js';
import { useI18n } from '../../i18n/index.js';
import { ErrorNote } from '../../ui.js';

/** The prospect's tags: remove one, or add one (existing tags offered as you type). docs/v1.md#tags-and-notes */
export function ProspectTagsCard({ prospectId, tags, onChange }: { prospectId: string; tags: readonly string[]; onChange: () => void }) {
  const { t } = useI18n();
  const T = t.prospect.tags;
  const { data: known, reload } = useResource((signal) => apiEvery<TagItem>('/v1/tags', { signal }), []);
  const mutation = useMutation(() => {
    onChange();
    reload();
  });
  const [name, setName] = useState('');
  const change = (body: ProspectTagsChange) => mutation.send<ProspectTags>(`/v1/prospects/${prospectId}/tags`, { method: 'PATCH', body });
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if ((await change({ add: [name] })).ok) setName('');
  };
  const held = new Set(tags.map((tag) => tag.toLowerCase()));

  return (
    <div className="card" aria-labelledby="tags-title">
      <h2 id="tags-title">{T.title}</h2>
      {tags.length === 0 ? (
        <p className="muted">{T.none}</p>
      ) : (
        <ul className="tag-list" aria-label={T.listLabel}>
          {tags.map((tag) => (
            <li key={tag} className="tag">
              <span>{tag}</span>
              <button type="button" className="tag-remove" aria-label={T.remove(tag)} title={T.remove(tag)} onClick={() => void change({ remove: [tag] })} disabled={mutation.busy}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={add}>
        <label>
          {T.addLabel}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={50} required list="known-tags" placeholder={T.placeholder} />
        </label>
        <datalist id="known-tags">
          {(known ?? [])
            .filter((tag) => !held.has(tag.name.toLowerCase()))
            .map((tag) => (
              <option key={tag.id} value={tag.name} />
            ))}
        </datalist>
        <button type="submit" disabled={mutation.busy}>
          {T.add}
        </button>
      </form>
      <ErrorNote error={mutation.error} />
    </div>
  );
}
