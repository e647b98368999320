import { useState, type FormEvent } from 'react';
import { apiEvery } from '../api.js';
import type { Campaign, CampaignStateChange, NewCampaignRequest } from '../api-types.js';
import { count, day } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router.js';
import { ACTIONS, Confirm, DataTable, Empty, ErrorNote } from '../ui.js';
import { CAMPAIGN_STATE_WORDS } from './campaign/words.js';

type Asking = { campaign: Campaign; action: 'archive' | 'delete' };

export function CampaignsPage() {
  const { data: campaigns, error, reload } = useResource((signal) => apiEvery<Campaign>('/v1/campaigns', { signal }), []);
  const mutation = useMutation(reload);
  const [name, setName] = useState('');
  const [requiresEmail, setRequiresEmail] = useState(false);
  const [draft, setDraft] = useState(false);
  const [asking, setAsking] = useState<Asking | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const body: NewCampaignRequest = { name, requiresEmail, state: draft ? 'draft' : 'running' };
    if (!(await mutation.send('/v1/campaigns', { body })).ok) return;
    setName('');
    setRequiresEmail(false);
    setDraft(false);
  };
  const setState = async (c: Campaign, state: CampaignStateChange['state']) => {
    setAsking(null);
    const body: CampaignStateChange = { state };
    await mutation.send(`/v1/campaigns/${c.id}/state`, { body });
  };
  const remove = async (c: Campaign) => {
    setAsking(null);
    await mutation.send(`/v1/campaigns/${c.id}`, { method: 'DELETE' });
  };

  return (
    <section aria-labelledby="campaigns-title">
      <div className="page-head">
        <h1 id="campaigns-title">Campaigns</h1>
      </div>
      <form className="inline-form card" onSubmit={create} aria-label="Create a campaign">
        <label>
          New campaign name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Q1 outreach" />
        </label>
        <label className="check">
          <input type="checkbox" checked={requiresEmail} onChange={(e) => setRequiresEmail(e.target.checked)} /> Needs an email
        </label>
        <label className="check">
          <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} /> Keep as a draft
        </label>
        <button type="submit" className="primary">
          Create campaign
        </button>
      </form>
      <ErrorNote error={mutation.error ?? error} />
      {campaigns === undefined ? (
        <p className="loading">Loading…</p>
      ) : campaigns.length === 0 ? (
        <Empty title="No campaigns yet">
          <p>Create one above; then enrol prospects from a list (select them, “Enrol in”), or pass its id as campaignId when importing.</p>
        </Empty>
      ) : (
        <DataTable columns={['Name', 'State', 'Enrolled', 'Active now', 'Created', ACTIONS]}>
          {campaigns.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/campaigns/${c.id}`}>{c.name}</Link>
                {c.requiresEmail && <span className="muted small"> · needs email</span>}
                {c.executorId && <span className="muted small"> · handed to an executor</span>}
              </td>
              <td>
                <span className={`badge state-${c.state}`} title={c.state}>
                  {CAMPAIGN_STATE_WORDS[c.state]}
                </span>
              </td>
              <td>{count(c.enrolled)}</td>
              <td>{count(c.active)}</td>
              <td>{day(c.createdAt)}</td>
              <td>
                <div className="row-actions">
                  {c.state === 'running' && (
                    <button type="button" onClick={() => void setState(c, 'paused')} aria-label={`Pause ${c.name}`}>
                      Pause
                    </button>
                  )}
                  {(c.state === 'paused' || c.state === 'draft') && (
                    <button type="button" onClick={() => void setState(c, 'running')} aria-label={`${c.state === 'draft' ? 'Start' : 'Resume'} ${c.name}`}>
                      {c.state === 'draft' ? 'Start' : 'Resume'}
                    </button>
                  )}
                  {c.state !== 'archived' && c.state !== 'draft' && (
                    <button type="button" onClick={() => setAsking({ campaign: c, action: 'archive' })} aria-label={`Archive ${c.name}`}>
                      Archive
                    </button>
                  )}
                  {c.state === 'draft' && (
                    <button type="button" className="danger" onClick={() => setAsking({ campaign: c, action: 'delete' })} aria-label={`Delete ${c.name}`}>
                      Delete
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {asking?.action === 'archive' && (
        <Confirm title={`Archive “${asking.campaign.name}”?`} confirmLabel="Archive" danger onConfirm={() => void setState(asking.campaign, 'archived')} onCancel={() => setAsking(null)}>
          <p>
            Its {count(asking.campaign.active)} active prospects leave it and become free for another campaign; enrolments its executor has not received yet are never
            sent. Its history and funnel stay. An archived campaign cannot be resumed.
          </p>
        </Confirm>
      )}
      {asking?.action === 'delete' && (
        <Confirm title={`Delete the draft “${asking.campaign.name}”?`} confirmLabel="Delete draft" danger onConfirm={() => void remove(asking.campaign)} onCancel={() => setAsking(null)}>
          <p>The draft never enrolled anybody: nothing else is deleted. This cannot be undone.</p>
        </Confirm>
      )}
    </section>
  );
}
