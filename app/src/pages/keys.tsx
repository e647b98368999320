import { useState, type FormEvent } from 'react';
import { api, apiEvery } from '../api.js';
import type { ApiKey, CreatedKeyAnswer, List, NewKeyRequest, Scope } from '../api-types.js';
import { when } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { useMutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { ACTIONS, Confirm, CopyButton, CurlExample, DataTable, Empty, ErrorNote } from '../ui.js';

/** Every scope, in the order of the key form; what each lets a key do is in the catalogue (docs/v1.md#scopes). */
const ALL_SCOPES: readonly Scope[] = ['import', 'read', 'write', 'admin'];

function ScopeChoice({ chosen, onChange }: { chosen: Scope[]; onChange: (scopes: Scope[]) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="scopes">
      <legend>{t.keys.scopesLegend}</legend>
      {ALL_SCOPES.map((scope) => (
        <label key={scope}>
          <input
            type="checkbox"
            checked={chosen.includes(scope)}
            onChange={(e) => onChange(e.target.checked ? ALL_SCOPES.filter((s) => s === scope || chosen.includes(s)) : chosen.filter((s) => s !== scope))}
          />
          {t.keys.scopes[scope]}
        </label>
      ))}
    </fieldset>
  );
}

export function KeysPage() {
  const { t } = useI18n();
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
        <h1 id="keys-title">{t.keys.title}</h1>
      </div>
      <p className="muted">{t.keys.intro}</p>
      <form className="inline-form card" onSubmit={create} aria-label={t.keys.createForm}>
        <label>
          {t.keys.name}
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder={t.keys.namePlaceholder} />
        </label>
        <ScopeChoice chosen={scopes} onChange={setScopes} />
        <button type="submit" className="primary" disabled={scopes.length === 0}>
          {t.keys.create}
        </button>
      </form>
      {created && (
        <div className="card secret" role="status" aria-live="polite">
          <h2>{t.keys.newKey(created.name)}</h2>
          <p>{t.keys.copyNow}</p>
          <div className="secret-row">
            <code data-testid="new-secret">{created.secret}</code>
            <CopyButton text={created.secret} />
          </div>
          <p>{t.keys.tryIt}</p>
          <CurlExample keyText={created.secret} listId={lists.data?.[0]?.id} />
          <button type="button" onClick={() => setCreated(null)}>
            {t.keys.copiedIt}
          </button>
        </div>
      )}
      <ErrorNote error={mutation.error ?? keys.error ?? lists.error} />
      {keys.data === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : keys.data.length === 0 ? (
        <Empty title={t.keys.emptyTitle}>
          <p>{t.keys.emptyText}</p>
        </Empty>
      ) : (
        <DataTable columns={[t.keys.columns.name, t.keys.columns.prefix, t.keys.columns.scopes, t.keys.columns.created, t.keys.columns.lastUsed, t.keys.columns.status, ACTIONS]}>
          {keys.data.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td title={k.scopes.map((scope) => t.keys.scopes[scope]).join('\n')}>{k.scopes.join(', ')}</td>
              <td>{when(k.createdAt)}</td>
              <td>{when(k.lastUsedAt)}</td>
              <td>{k.revokedAt ? <span className="badge state-archived">{t.keys.revoked(when(k.revokedAt))}</span> : <span className="badge state-running">{t.keys.active}</span>}</td>
              <td>
                {!k.revokedAt && (
                  <button type="button" className="danger" onClick={() => setRevoking(k)} aria-label={t.keys.revokeOf(k.name)}>
                    {t.keys.revoke}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {revoking && (
        <Confirm title={t.keys.revokeTitle(revoking.name)} confirmLabel={t.keys.revokeConfirm} danger onConfirm={() => void revoke(revoking)} onCancel={() => setRevoking(null)}>
          <p>{t.keys.revokeText}</p>
        </Confirm>
      )}
    </section>
  );
}
