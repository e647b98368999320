import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { ApiKey, CreatedKeyAnswer, List, NewKeyRequest } from '../api-types.js';
import { when } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { ACTIONS, Confirm, CopyButton, CurlExample, DataTable, Empty, ErrorNote } from '../ui.js';

export function KeysPage() {
  const keys = useResource((signal) => api<ApiKey[]>('/api/keys', { signal }), []);
  const lists = useResource((signal) => api<List[]>('/api/lists', { signal }), []);
  const mutation = useMutation(keys.reload);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const body: NewKeyRequest = { name };
    const done = await mutation.send<CreatedKeyAnswer>('/api/keys', { body });
    if (!done.ok) return;
    setCreated({ name: done.answer.key.name, secret: done.answer.secret });
    setName('');
  };
  const revoke = async (key: ApiKey) => {
    setRevoking(null);
    await mutation.send(`/api/keys/${key.id}`, { method: 'DELETE' });
  };

  return (
    <section aria-labelledby="keys-title">
      <div className="page-head">
        <h1 id="keys-title">API keys</h1>
      </div>
      <p className="muted">A key lets n8n, Make, Zapier or your own scripts import into your lists. Anyone holding it acts as you: keep it secret, revoke it when in doubt.</p>
      <form className="inline-form card" onSubmit={create} aria-label="Create an API key">
        <label>
          Key name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. n8n production" />
        </label>
        <button type="submit" className="primary">
          Create key
        </button>
      </form>
      {created && (
        <div className="card secret" role="status" aria-live="polite">
          <h2>Your new key “{created.name}”</h2>
          <p>Copy it now: this is the only time it is shown. Only a fingerprint of it is kept.</p>
          <div className="secret-row">
            <code data-testid="new-secret">{created.secret}</code>
            <CopyButton text={created.secret} />
          </div>
          <p>Try it:</p>
          <CurlExample keyText={created.secret} listId={lists.data?.[0]?.id} />
          <button type="button" onClick={() => setCreated(null)}>
            I have copied it
          </button>
        </div>
      )}
      <ErrorNote error={mutation.error ?? keys.error ?? lists.error} />
      {keys.data === undefined ? (
        <p className="loading">Loading…</p>
      ) : keys.data.length === 0 ? (
        <Empty title="No API keys yet">
          <p>Create one above, then send it as “Authorization: Bearer &lt;key&gt;”.</p>
        </Empty>
      ) : (
        <DataTable columns={['Name', 'Prefix', 'Created', 'Last used', 'Status', ACTIONS]}>
          {keys.data.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{when(k.createdAt)}</td>
              <td>{when(k.lastUsedAt)}</td>
              <td>{k.revokedAt ? <span className="badge state-archived">revoked {when(k.revokedAt)}</span> : <span className="badge state-running">active</span>}</td>
              <td>
                {!k.revokedAt && (
                  <button type="button" className="danger" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {revoking && (
        <Confirm title={`Revoke “${revoking.name}”?`} confirmLabel="Revoke key" danger onConfirm={() => void revoke(revoking)} onCancel={() => setRevoking(null)}>
          <p>Every client using it is refused (401) from its next request. This cannot be undone.</p>
        </Confirm>
      )}
    </section>
  );
}
