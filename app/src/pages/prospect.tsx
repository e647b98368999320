import { useState } from 'react';
import { api } from '../api.js';
import type { ProspectDetail } from '../api-types.js';
import { when } from '../format.js';
import { useResource } from '../hooks/use-resource.js';
import type { Messages } from '../i18n/en.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { ErrorNote, StateBadge } from '../ui.js';
import { EditProfile } from './prospect/edit-profile.js';
import { MoveOrDelete } from './prospect/move-or-delete.js';
import { PrivacyActions } from './prospect/privacy-actions.js';
import { ProspectNotes } from './prospect/prospect-notes.js';
import { ProspectTagsCard } from './prospect/prospect-tags.js';

type HistoryEntry = ProspectDetail['history'][number];

/** A history line in the catalogue's words, from its parts; the server's English `text` when a part is missing or a code unknown. */
function historyLine(h: HistoryEntry, w: Messages['prospect']['historyLine']): string {
  const list = (name: string | null | undefined) => name ?? w.deletedList;
  if (h.kind === 'import' && h.origin !== undefined && h.codes?.[0] !== undefined) {
    const [importCode, campaignCode] = h.codes;
    const what = w.importCodes[importCode];
    const campaign = campaignCode === undefined ? undefined : w.campaignCodes[campaignCode];
    if (what === undefined || (campaignCode !== undefined && campaign === undefined)) return h.text;
    const line = w.imported(what, h.origin, list(h.listName));
    return campaign === undefined ? line : w.withCampaign(line, campaign);
  }
  if (h.kind === 'move' && h.fromListName !== undefined && h.toListName !== undefined) return w.moved(list(h.fromListName), list(h.toListName));
  if (h.kind === 'enrolment' && h.campaignName !== undefined) return w.enrolled(h.campaignName, h.ended === true);
  return h.text;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v && 'number' in v ? `${String(v.number)} (${String((v as { type?: string }).type ?? '')})` : String(v))).join(', ');
  if (typeof value === 'object') return Object.values(value).filter(Boolean).map(String).join(' · ') || '—';
  return String(value);
}

export function ProspectPage({ prospectId }: { prospectId: string }) {
  const { t } = useI18n();
  const T = t.prospect;
  const { data: prospect, error, reload } = useResource((signal) => api<ProspectDetail>(`/v1/prospects/${prospectId}`, { signal }), [prospectId]);
  const [editing, setEditing] = useState(false);
  if (error) return <ErrorNote error={error} />;
  if (!prospect) return <p className="loading">{t.common.loading}</p>;
  const profileEntries = Object.entries(prospect.profile).filter(([k]) => !['publicIdentifier', 'memberId', 'salesMemberId', 'linkedinUrl'].includes(k));
  return (
    <section aria-labelledby="prospect-title">
      <p className="crumbs">
        <Link to={`/lists/${prospect.list.id}`}>← {prospect.list.name}</Link>
      </p>
      <div className="page-head">
        <h1 id="prospect-title">{prospect.name}</h1>
        <a className="button" href={prospect.linkedinUrl} target="_blank" rel="noopener noreferrer">
          {T.linkedin}
        </a>
        {!editing && (
          <button type="button" onClick={() => setEditing(true)}>
            {T.edit}
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
          <h2>{T.profile}</h2>
          <dl className="facts">
            {profileEntries.length === 0 && <dd className="muted">{T.noProfile}</dd>}
            {profileEntries.map(([key, value]) => (
              <div key={key}>
                <dt>{T.profileFields[key] ?? key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase())}</dt>
                <dd>{show(value)}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="card">
          <h2>{T.inHub}</h2>
          <dl className="facts">
            <div>
              <dt>{T.list}</dt>
              <dd>
                <Link to={`/lists/${prospect.list.id}`}>{prospect.list.name}</Link>
              </dd>
            </div>
            <div>
              <dt>{T.campaign}</dt>
              <dd>
                {prospect.campaign ? (
                  <>
                    <Link to={`/campaigns/${prospect.campaign.id}`}>{prospect.campaign.name}</Link> <StateBadge state={prospect.campaign.state} />
                  </>
                ) : (
                  T.noCampaign
                )}
              </dd>
            </div>
            <div>
              <dt>{T.origin}</dt>
              <dd>
                <span className="badge">{prospect.originLabel}</span>
              </dd>
            </div>
            <div>
              <dt>{T.added}</dt>
              <dd>{when(prospect.createdAt)}</dd>
            </div>
            {prospect.duplicateOf && (
              <div>
                <dt>{T.copyOf}</dt>
                <dd>
                  <Link to={`/prospects/${prospect.duplicateOf}`}>{T.original}</Link>
                </dd>
              </div>
            )}
          </dl>
          <h2>{T.customVariables}</h2>
          {prospect.customVariables.length === 0 ? (
            <p className="muted">{T.noVariables}</p>
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
        <h2>{T.history}</h2>
        <ol className="history">
          {prospect.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.at}>{when(h.at)}</time> —{' '}
              <span title={h.codes ? T.historyCodes(h.codes.join(', ')) : undefined}>{h.eventId ? <Link to={`/activity/${h.eventId}`}>{historyLine(h, T.historyLine)}</Link> : historyLine(h, T.historyLine)}</span>
            </li>
          ))}
          {prospect.history.length === 0 && <li className="muted">{T.nothingRecorded}</li>}
        </ol>
        <p className="muted small">{T.historyNote}</p>
      </div>
      <PrivacyActions prospectId={prospect.id} name={prospect.name} listId={prospect.list.id} />
    </section>
  );
}
