import { useState } from 'react';
import { api } from '../api.js';
import type { ProspectDetail } from '../api-types.js';
import { when } from '../format.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router.js';
import { ErrorNote, StateBadge } from '../ui.js';
import { EditProfile } from './prospect/edit-profile.js';
import { MoveOrDelete } from './prospect/move-or-delete.js';
import { PrivacyActions } from './prospect/privacy-actions.js';
import { ProspectNotes } from './prospect/prospect-notes.js';
import { ProspectTagsCard } from './prospect/prospect-tags.js';

const LABELS: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  occupation: 'Occupation',
  email: 'Email',
  region: 'Region',
  company: 'Company',
  phoneNumbers: 'Phone numbers',
  birthday: 'Birthday',
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v && 'number' in v ? `${String(v.number)} (${String((v as { type?: string }).type ?? '')})` : String(v))).join(', ');
  if (typeof value === 'object') return Object.values(value).filter(Boolean).map(String).join(' · ') || '—';
  return String(value);
}

export function ProspectPage({ prospectId }: { prospectId: string }) {
  const { data: prospect, error, reload } = useResource((signal) => api<ProspectDetail>(`/v1/prospects/${prospectId}`, { signal }), [prospectId]);
  const [editing, setEditing] = useState(false);
  if (error) return <ErrorNote error={error} />;
  if (!prospect) return <p className="loading">Loading…</p>;
  const profileEntries = Object.entries(prospect.profile).filter(([k]) => !['publicIdentifier', 'memberId', 'salesMemberId', 'linkedinUrl'].includes(k));
  return (
    <section aria-labelledby="prospect-title">
      <p className="crumbs">
        <Link to={`/lists/${prospect.list.id}`}>← {prospect.list.name}</Link>
      </p>
      <div className="page-head">
        <h1 id="prospect-title">{prospect.name}</h1>
        <a className="button" href={prospect.linkedinUrl} target="_blank" rel="noopener noreferrer">
          LinkedIn profile ↗
        </a>
        {!editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit profile
          </button>
        )}
      </div>
      {editing && (
        <EditProfile
          prospect={prospect}
          onDone={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
      <div className="grid-2">
        <div className="card">
          <h2>Profile</h2>
          <dl className="facts">
            {profileEntries.length === 0 && <dd className="muted">No profile data was sent with this prospect.</dd>}
            {profileEntries.map(([key, value]) => (
              <div key={key}>
                <dt>{LABELS[key] ?? key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase())}</dt>
                <dd>{show(value)}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="card">
          <h2>In prospect-hub</h2>
          <dl className="facts">
            <div>
              <dt>List</dt>
              <dd>
                <Link to={`/lists/${prospect.list.id}`}>{prospect.list.name}</Link>
              </dd>
            </div>
            <div>
              <dt>Campaign</dt>
              <dd>
                {prospect.campaign ? (
                  <>
                    <Link to={`/campaigns/${prospect.campaign.id}`}>{prospect.campaign.name}</Link> <StateBadge state={prospect.campaign.state} />
                  </>
                ) : (
                  'none'
                )}
              </dd>
            </div>
            <div>
              <dt>Origin</dt>
              <dd>
                <span className="badge">{prospect.originLabel}</span>
              </dd>
            </div>
            <div>
              <dt>Added</dt>
              <dd>{when(prospect.createdAt)}</dd>
            </div>
            {prospect.duplicateOf && (
              <div>
                <dt>Copy of</dt>
                <dd>
                  <Link to={`/prospects/${prospect.duplicateOf}`}>the original prospect</Link>
                </dd>
              </div>
            )}
          </dl>
          <h2>Custom variables</h2>
          {prospect.customVariables.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <dl className="facts">
              {prospect.customVariables.map((v) => (
                <div key={v.label}>
                  <dt>{v.label}</dt>
                  <dd>{v.value ?? '—'}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      </div>
      <div className="grid-2">
        <ProspectTagsCard prospectId={prospect.id} tags={prospect.tags} onChange={reload} />
        <MoveOrDelete prospect={prospect} onMoved={reload} />
      </div>
      <ProspectNotes prospectId={prospect.id} />
      <div className="card">
        <h2>History</h2>
        <ol className="history">
          {prospect.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.at}>{when(h.at)}</time> —{' '}
              <span title={h.codes ? `Codes: ${h.codes.join(', ')}` : undefined}>{h.eventId ? <Link to={`/activity/${h.eventId}`}>{h.text}</Link> : h.text}</span>
            </li>
          ))}
          {prospect.history.length === 0 && <li className="muted">Nothing recorded.</li>}
        </ol>
        <p className="muted small">Imports come from the activity feed, moves from the app, enrolments from campaigns.</p>
      </div>
      <PrivacyActions prospectId={prospect.id} name={prospect.name} listId={prospect.list.id} />
    </section>
  );
}
