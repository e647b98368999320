import { useState, type FormEvent } from 'react';
import { api, apiEvery } from '../api.js';
import type { ApiKey, CreatedKeyAnswer, List, NewKeyRequest, Scope } from '../api-types.js';
import { when } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { ACTIONS, Confirm, CopyButton, CurlExample, DataTable, Empty, ErrorNote } from '../ui.js';

/** What each scope lets a key do, in the words of the key dialog (docs/v1.md#scopes). */
const SCOPE_LABELS: Record<Scope, string> = {
  import: 'Import prospects (the Waalaxy-compatible endpoints)',
  read: 'Read prospects, lists, campaigns and activity',
  write: 'Change prospects, lists, campaigns and enrolments',
  admin: 'Manage API keys',
};
const ALL_SCOPES = Object.keys(SCOPE_LABELS) as Scope[];

function ScopeChoice({ chosen, onChange }: { chosen: Scope[]; onChange: (scopes: Scope[]) => void }) {
  return (
    <fieldset className="scopes">
      <legend>What it may do</legend>
      {ALL_SCOPES.map((scope) => (
        <label key={scope}>
          <input
            type="checkbox"
            checked={chosen.includes(scope)}
            onChange={(e) => onChange(e.target.checked ? ALL_SCOPES.filter((s) => s === scope || chosen.includes(s)) : chosen.filter((s) => s !== scope))}
          />
          {SCOPE_LABELS[scope]}
        </label>
      ))}
    </fieldset>
  );
}

export function KeysPage() {
  const keys = useResource((signal) => api<ApiKey[]>('/v1/keys', { signal }), []);
  const lists = useResource((signal) => apiEvery<List>('/v1/lists', { signal }), []);
  const mutation = useMutation(keys.reload);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['import']);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const body: NewKeyRequest = { name, scopes };
    const done = await mutation.send<CreatedKeyAnswer>('/v1/keys', { body });
    if (!done.ok) return;
    setCreated({ name: done.answer.key.name, secret: done.answer.secret });
    setName('');
  };
  const revoke = async (key: ApiKey) => {
    setRevoking(null);
    await mutation.send(`/v1/keys/${key.id}`, { method: 'DELETE' });
  };

  return (
    <section aria-labelledby="keys-title">
      <div className="page-head">
        <h1 id="keys-title">API keys</h1>
      </div>
      <p className="muted">A key lets n8n, Make, Zapier or your own scripts import into your lists, and with more scopes read and change everything through the /v1 API. Anyone holding it acts as you: keep it secret, revoke it when in doubt.</p>
      <form className="inline-form card" onSubmit={create} aria-label="Create an API key">
        <label>
          Key name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. n8n production" />
        </label>
        <ScopeChoice chosen={scopes} onChange={setScopes} />
        <button type="submit" className="primary" disabled={scopes.length === 0}>
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
        <DataTable columns={['Name', 'Prefix', 'Scopes', 'Created', 'Last used', 'Status', ACTIONS]}>
          {keys.data.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td title={k.scopes.map((scope) => SCOPE_LABELS[scope]).join('\n')}>{k.scopes.join(', ')}</td>
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
