import { useState, type FormEvent } from 'react';
import { apiEvery } from '../api.js';
import type { Campaign, CampaignStateChange, NewCampaignRequest } from '../api-types.js';
import { count, day } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { ACTIONS, Confirm, DataTable, Empty, ErrorNote } from '../ui.js';

type Asking = { campaign: Campaign; action: 'archive' | 'delete' };

export function CampaignsPage() {
  const { t } = useI18n();
  const w = t.campaigns;
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
        <h1 id="campaigns-title">{w.title}</h1>
      </div>
      <form className="inline-form card" onSubmit={create} aria-label={w.createForm}>
        <label>
          {w.newName}
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder={w.newNamePlaceholder} />
        </label>
        <label className="check">
          <input type="checkbox" checked={requiresEmail} onChange={(e) => setRequiresEmail(e.target.checked)} /> {w.needsEmail}
        </label>
        <label className="check">
          <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} /> {w.keepDraft}
        </label>
        <button type="submit" className="primary">
          {w.create}
        </button>
      </form>
      <ErrorNote error={mutation.error ?? error} />
      {campaigns === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : campaigns.length === 0 ? (
        <Empty title={w.emptyTitle}>
          <p>{w.emptyText}</p>
        </Empty>
      ) : (
        <DataTable columns={[w.columns.name, w.columns.state, w.columns.enrolled, w.columns.active, w.columns.created, ACTIONS]}>
          {campaigns.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/campaigns/${c.id}`}>{c.name}</Link>
                {c.requiresEmail && <span className="muted small"> · {w.needsEmailNote}</span>}
                {c.executorId && <span className="muted small"> · {w.executorNote}</span>}
              </td>
              <td>
                <span className={`badge state-${c.state}`} title={c.state}>
                  {w.stateWords[c.state]}
                </span>
              </td>
              <td>{count(c.enrolled)}</td>
              <td>{count(c.active)}</td>
              <td>{day(c.createdAt)}</td>
              <td>
                <div className="row-actions">
                  {c.state === 'running' && (
                    <button type="button" onClick={() => void setState(c, 'paused')} aria-label={w.pauseOf(c.name)}>
                      {w.pause}
                    </button>
                  )}
                  {(c.state === 'paused' || c.state === 'draft') && (
                    <button type="button" onClick={() => void setState(c, 'running')} aria-label={c.state === 'draft' ? w.startOf(c.name) : w.resumeOf(c.name)}>
                      {c.state === 'draft' ? w.start : w.resume}
                    </button>
                  )}
                  {c.state !== 'archived' && c.state !== 'draft' && (
                    <button type="button" onClick={() => setAsking({ campaign: c, action: 'archive' })} aria-label={w.archiveOf(c.name)}>
                      {w.archive}
                    </button>
                  )}
                  {c.state === 'draft' && (
                    <button type="button" className="danger" onClick={() => setAsking({ campaign: c, action: 'delete' })} aria-label={w.deleteOf(c.name)}>
                      {w.delete}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {asking?.action === 'archive' && (
        <Confirm title={w.archiveTitle(asking.campaign.name)} confirmLabel={w.archive} danger onConfirm={() => void setState(asking.campaign, 'archived')} onCancel={() => setAsking(null)}>
          <p>{w.archiveText(count(asking.campaign.active))}</p>
        </Confirm>
      )}
      {asking?.action === 'delete' && (
        <Confirm title={w.deleteTitle(asking.campaign.name)} confirmLabel={w.deleteDraft} danger onConfirm={() => void remove(asking.campaign)} onCancel={() => setAsking(null)}>
          <p>{w.deleteText}</p>
        </Confirm>
      )}
    </section>
  );
}
