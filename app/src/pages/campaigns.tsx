import { useState, type FormEvent } from 'react';
import { api, apiEvery } from '../api.js';
import type { Campaign, CampaignStateChange, EnrolmentPage, NewCampaignRequest } from '../api-types.js';
import { count, day, when } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { usePages } from '../hooks/use-pages.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router.js';
import { ACTIONS, Confirm, DataTable, Empty, ErrorNote, StateBadge } from '../ui.js';

export function CampaignsPage() {
  const { data: campaigns, error, reload } = useResource((signal) => apiEvery<Campaign>('/v1/campaigns', { signal }), []);
  const mutation = useMutation(reload);
  const [name, setName] = useState('');
  const [requiresEmail, setRequiresEmail] = useState(false);
  const [archiving, setArchiving] = useState<Campaign | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const body: NewCampaignRequest = { name, requiresEmail };
    if (!(await mutation.send('/v1/campaigns', { body })).ok) return;
    setName('');
    setRequiresEmail(false);
  };
  const setState = async (c: Campaign, state: CampaignStateChange['state']) => {
    setArchiving(null);
    const body: CampaignStateChange = { state };
    await mutation.send(`/v1/campaigns/${c.id}/state`, { body });
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
              </td>
              <td>
                <StateBadge state={c.state} />
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
                    <button type="button" onClick={() => void setState(c, 'running')} aria-label={`Resume ${c.name}`}>
                      {c.state === 'draft' ? 'Start' : 'Resume'}
                    </button>
                  )}
                  {c.state !== 'archived' && (
                    <button type="button" onClick={() => setArchiving(c)} aria-label={`Archive ${c.name}`}>
                      Archive
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {archiving && (
        <Confirm title={`Archive “${archiving.name}”?`} confirmLabel="Archive" onConfirm={() => void setState(archiving, 'archived')} onCancel={() => setArchiving(null)}>
          <p>Its {count(archiving.active)} active prospects leave it and become free for another campaign. An archived campaign cannot be resumed.</p>
        </Confirm>
      )}
    </section>
  );
}

export function CampaignPage({ campaignId }: { campaignId: string }) {
  const found = useResource((signal) => api<Campaign>(`/v1/campaigns/${campaignId}`, { signal }), [campaignId]);
  const enrolled = usePages(async (cursor, signal) => {
    const page = await api<EnrolmentPage>(`/v1/campaigns/${campaignId}/enrolments?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal });
    return { items: page.data, next: page.nextCursor };
  }, [campaignId]);
  const campaign = found.data;
  const rows = enrolled.items ?? [];
  return (
    <section aria-labelledby="campaign-title">
      <p className="crumbs">
        <Link to="/campaigns">← Campaigns</Link>
      </p>
      <div className="page-head">
        <h1 id="campaign-title">{campaign?.name ?? 'Campaign'}</h1>
        {campaign && <StateBadge state={campaign.state} />}
        {campaign && <span className="muted">{count(campaign.enrolled)} enrolled</span>}
      </div>
      <ErrorNote error={enrolled.error ?? found.error} />
      {enrolled.items === undefined ? (
        <p className="loading">Loading…</p>
      ) : rows.length === 0 ? (
        <Empty title="Nobody enrolled yet">
          <p>Open a list, select prospects and choose “Enrol in”, or import with this campaign’s id as campaignId.</p>
        </Empty>
      ) : (
        <DataTable columns={['Name', 'Company', 'List', 'Enrolled', 'Status']}>
          {rows.map((r) => (
            <tr key={r.prospectId}>
              <td>
                <Link to={`/prospects/${r.prospectId}`}>{r.name}</Link>
              </td>
              <td>{r.company ?? ''}</td>
              <td>
                <Link to={`/lists/${r.list.id}`}>{r.list.name}</Link>
              </td>
              <td>{when(r.enrolledAt)}</td>
              <td>{r.active ? 'active' : 'ended'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {enrolled.hasMore && (
        <button type="button" onClick={enrolled.more}>
          Load more
        </button>
      )}
    </section>
  );
}
