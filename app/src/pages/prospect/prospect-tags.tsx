import { useState, type FormEvent } from 'react';
import { apiEvery } from '../../api.js';
import type { ProspectTags, ProspectTagsChange, TagItem } from '../../api-types.js';
import { useMutation } from '../../hooks/use-mutation.js';
import { useResource } from '../../hooks/use-resource.js';
import { ErrorNote } from '../../ui.js';

/** The prospect's tags: remove one, or add one (existing tags offered as you type). docs/v1.md#tags-and-notes */
export function ProspectTagsCard({ prospectId, tags, onChange }: { prospectId: string; tags: readonly string[]; onChange: () => void }) {
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
  const held = new Set(tags.map((t) => t.toLowerCase()));

  return (
    <div className="card" aria-labelledby="tags-title">
      <h2 id="tags-title">Tags</h2>
      {tags.length === 0 ? (
        <p className="muted">No tags yet.</p>
      ) : (
        <ul className="tag-list" aria-label="Tags of this prospect">
          {tags.map((tag) => (
            <li key={tag} className="tag">
              <span>{tag}</span>
              <button type="button" className="tag-remove" aria-label={`Remove tag ${tag}`} title={`Remove tag ${tag}`} onClick={() => void change({ remove: [tag] })} disabled={mutation.busy}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={add}>
        <label>
          Add a tag
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={50} required list="known-tags" placeholder="e.g. VIP" />
        </label>
        <datalist id="known-tags">
          {(known ?? [])
            .filter((t) => !held.has(t.name.toLowerCase()))
            .map((t) => (
              <option key={t.id} value={t.name} />
            ))}
        </datalist>
        <button type="submit" disabled={mutation.busy}>
          Add tag
        </button>
      </form>
      <ErrorNote error={mutation.error} />
    </div>
  );
}
