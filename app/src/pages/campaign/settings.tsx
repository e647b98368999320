import { useState, type FormEvent } from 'react';
import { api } from '../../api.js';
import type { Campaign, CampaignChanges, CampaignStateChange, WebhookEndpoint } from '../../api-types.js';
import { count } from '../../format.js';
import type { Mutation } from '../../hooks/use-mutation.js';
import { useResource } from '../../hooks/use-resource.js';
import { useI18n } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { Confirm } from '../../ui.js';

/** What a person changes on a campaign: its name, its executor, its state; archive and delete ask first and say what follows. */
export function CampaignSettings({ campaign, mutation }: { campaign: Campaign; mutation: Mutation }) {
  const { t } = useI18n();
  const w = t.campaign;
  const c = t.campaigns;
  const [name, setName] = useState(campaign.name);
  const [executorId, setExecutorId] = useState(campaign.executorId ?? '');
  const [asking, setAsking] = useState<'archive' | 'delete' | null>(null);
  // Endpoints need the admin scope: a person signed in holds it; without it the picker says so.
  const endpoints = useResource((signal) => api<WebhookEndpoint[]>('/v1/webhook-endpoints', { signal }).catch(() => null), []);
  const archived = campaign.state === 'archived';

  const change = (body: CampaignChanges) => mutation.send(`/v1/campaigns/${campaign.id}`, { method: 'PATCH', body });
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    await change({ name });
  };
  const saveExecutor = async (event: FormEvent) => {
    event.preventDefault();
    await change({ executorId: executorId === '' ? null : executorId });
  };
  const setState = async (state: CampaignStateChange['state']) => {
    setAsking(null);
    await mutation.send(`/v1/campaigns/${campaign.id}/state`, { body: { state } satisfies CampaignStateChange });
  };
  const remove = async () => {
    setAsking(null);
    if ((await mutation.send(`/v1/campaigns/${campaign.id}`, { method: 'DELETE' })).ok) navigate('/campaigns');
  };

  return (
    <div className="card campaign-settings">
      <form onSubmit={rename} aria-label={w.renameForm}>
        <label>
          {w.name}
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={mutation.busy || name.trim() === '' || name === campaign.name}>
          {w.rename}
        </button>
      </form>
      <form onSubmit={saveExecutor} aria-label={w.executorForm}>
        <div className="field">
          <label htmlFor="campaign-executor">{w.executor}</label>
          <select id="campaign-executor" value={executorId} onChange={(e) => setExecutorId(e.target.value)} disabled={archived || !endpoints.data} aria-describedby="executor-help">
            <option value="">{w.noExecutor}</option>
            {(endpoints.data ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.description ? `${e.description} (${e.url})` : e.url}
                {e.enabled ? '' : w.disabled}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={mutation.busy || archived || executorId === (campaign.executorId ?? '')}>
          {w.saveExecutor}
        </button>
        <p id="executor-help" className="muted small">
          {endpoints.data === null
            ? w.endpointsUnreadable
            : endpoints.data?.length === 0
              ? w.noEndpoints
              : w.executorHelp}
        </p>
      </form>
      <div className="row-actions">
        {campaign.state === 'running' && (
          <button type="button" onClick={() => void setState('paused')}>
            {c.pause}
          </button>
        )}
        {(campaign.state === 'paused' || campaign.state === 'draft') && (
          <button type="button" onClick={() => void setState('running')}>
            {campaign.state === 'draft' ? c.start : c.resume}
          </button>
        )}
        {!archived && campaign.state !== 'draft' && (
          <button type="button" className="danger" onClick={() => setAsking('archive')}>
            {c.archive}
          </button>
        )}
        {campaign.state === 'draft' && (
          <button type="button" className="danger" onClick={() => setAsking('delete')}>
            {c.deleteDraft}
          </button>
        )}
      </div>
      {asking === 'archive' && (
        <Confirm title={c.archiveTitle(campaign.name)} confirmLabel={c.archive} danger onConfirm={() => void setState('archived')} onCancel={() => setAsking(null)}>
          <p>{c.archiveText(count(campaign.active))}</p>
        </Confirm>
      )}
      {asking === 'delete' && (
        <Confirm title={c.deleteTitle(campaign.name)} confirmLabel={c.deleteDraft} danger onConfirm={() => void remove()} onCancel={() => setAsking(null)}>
          <p>{c.deleteText}</p>
        </Confirm>
      )}
    </div>
  );
}
