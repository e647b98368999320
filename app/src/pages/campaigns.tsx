import { useEffect, useState, type FormEvent } from 'react';
import { api, type Campaign } from '../api.js';
import { count, day, when } from '../format.js';
import { Link } from '../router.js';
import { ACTIONS, Confirm, DataTable, Empty, ErrorNote, StateBadge } from '../ui.js';

export function CampaignsPage() {
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [requiresEmail, setRequiresEmail] = useState(false);
  const [archiving, setArchiving] = useState<Campaign | null>(null);
  const load = () => api<Campaign[]>('/api/campaigns').then(setCampaigns, setError);
  useEffect(() => void load(), []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/api/campaigns', { body: { name, requiresEmail } });
      setName('');
      setRequiresEmail(false);
      await load();
    } catch (e) {
      setError(e);
    }
  };
  const setState = async (c: Campaign, state: 'running' | 'paused' | 'archived') => {
    setArchiving(null);
    try {
      await api(`/api/campaigns/${c.id}/state`, { body: { state } });
      await load();
    } catch (e) {
      setError(e);
    }
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
      <ErrorNote error={error} />
      {campaigns === null ? (
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

interface Enrolled {
  items: { prospectId: string; name: string; linkedinUrl: string; company: string | null; list: { id: string; name: string }; active: boolean; enrolledAt: string }[];
  nextAfter: string | null;
}

export function CampaignPage({ campaignId }: { campaignId: string }) {
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [rows, setRows] = useState<Enrolled['items']>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const more = (after: string | null) =>
    api<Enrolled>(`/api/campaigns/${campaignId}/prospects${after ? `?after=${after}` : ''}`).then((page) => {
      setRows((r) => (after ? [...r, ...page.items] : page.items));
      setNext(page.nextAfter);
    }, setError);
  useEffect(() => {
    api<Campaign[]>('/api/campaigns').then((all) => setCampaign(all.find((c) => c.id === campaignId) ?? null), setError);
    void more(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the first page, once per campaign: more() is a new function every render
  }, [campaignId]);
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
      <ErrorNote error={error} />
      {rows.length === 0 ? (
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
      {next && (
        <button type="button" onClick={() => void more(next)}>
          Load more
        </button>
      )}
    </section>
  );
}
