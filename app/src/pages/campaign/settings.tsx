import { useState, type FormEvent } from 'react';
import { api } from '../../api.js';
import type { Campaign, CampaignChanges, CampaignStateChange, WebhookEndpoint } from '../../api-types.js';
import { count } from '../../format.js';
import type { Mutation } from '../../hooks/use-mutation.js';
import { useResource } from '../../hooks/use-resource.js';
import { navigate } from '../../router.js';
import { Confirm } from '../../ui.js';

/** What a person changes on a campaign: its name, its executor, its state; archive and delete ask first and say what follows. */
export function CampaignSettings({ campaign, mutation }: { campaign: Campaign; mutation: Mutation }) {
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
      <form onSubmit={rename} aria-label="Rename the campaign">
        <label>
          Campaign name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={mutation.busy || name.trim() === '' || name === campaign.name}>
          Rename
        </button>
      </form>
      <form onSubmit={saveExecutor} aria-label="Who does the campaign's work">
        <div className="field">
          <label htmlFor="campaign-executor">Executor</label>
          <select id="campaign-executor" value={executorId} onChange={(e) => setExecutorId(e.target.value)} disabled={archived || !endpoints.data} aria-describedby="executor-help">
            <option value="">None: nobody is told of new enrolments</option>
            {(endpoints.data ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.description ? `${e.description} (${e.url})` : e.url}
                {e.enabled ? '' : ' — disabled'}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={mutation.busy || archived || executorId === (campaign.executorId ?? '')}>
          Save executor
        </button>
        <p id="executor-help" className="muted small">
          {endpoints.data === null
            ? 'Your webhook endpoints could not be read.'
            : endpoints.data?.length === 0
              ? 'Add a webhook endpoint first: the tool that contacts your prospects receives each enrolment there.'
              : 'Each enrolment is sent to this webhook endpoint while the campaign runs; it reports its steps back.'}
        </p>
      </form>
      <div className="row-actions">
        {campaign.state === 'running' && (
          <button type="button" onClick={() => void setState('paused')}>
            Pause
          </button>
        )}
        {(campaign.state === 'paused' || campaign.state === 'draft') && (
          <button type="button" onClick={() => void setState('running')}>
            {campaign.state === 'draft' ? 'Start' : 'Resume'}
          </button>
        )}
        {!archived && campaign.state !== 'draft' && (
          <button type="button" className="danger" onClick={() => setAsking('archive')}>
            Archive
          </button>
        )}
        {campaign.state === 'draft' && (
          <button type="button" className="danger" onClick={() => setAsking('delete')}>
            Delete draft
          </button>
        )}
      </div>
      {asking === 'archive' && (
        <Confirm title={`Archive “${campaign.name}”?`} confirmLabel="Archive" danger onConfirm={() => void setState('archived')} onCancel={() => setAsking(null)}>
          <p>
            Its {count(campaign.active)} active prospects leave it and become free for another campaign; enrolments its executor has not received yet are never sent.
            Its history and funnel stay. An archived campaign cannot be resumed.
          </p>
        </Confirm>
      )}
      {asking === 'delete' && (
        <Confirm title={`Delete the draft “${campaign.name}”?`} confirmLabel="Delete draft" danger onConfirm={() => void remove()} onCancel={() => setAsking(null)}>
          <p>The draft never enrolled anybody: nothing else is deleted. This cannot be undone.</p>
        </Confirm>
      )}
    </div>
  );
}
