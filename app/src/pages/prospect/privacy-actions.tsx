import { useState } from 'react';
import { api } from '../../api.js';
import type { ErasureAnswer, ProspectDoNotContact } from '../../api-types.js';
import { useMutation } from '../../hooks/use-mutation.js';
import { useResource } from '../../hooks/use-resource.js';
import { navigate } from '../../router.js';
import { Confirm, ErrorNote } from '../../ui.js';

/**
 * The person's privacy actions on their prospect page (docs/v1.md#privacy-erasure-do-not-contact-access):
 * the do-not-contact switch, and erasure behind a confirmation that says exactly what happens.
 */
export function PrivacyActions({ prospectId, name, listId }: { prospectId: string; name: string; listId: string }) {
  const path = `/v1/prospects/${prospectId}/do-not-contact`;
  const { data: mark, reload } = useResource((signal) => api<ProspectDoNotContact>(path, { signal }), [path]);
  const mutation = useMutation(reload);
  const [confirming, setConfirming] = useState(false);

  const toggle = (doNotContact: boolean) => void mutation.send<ProspectDoNotContact>(path, { method: 'PUT', body: { doNotContact } });
  const erase = async () => {
    setConfirming(false);
    const outcome = await mutation.send<ErasureAnswer>('/v1/erasures', { body: { prospectId } });
    if (outcome.ok) navigate(`/lists/${listId}`);
  };
  const copies = mark?.prospects ?? 1;

  return (
    <div className="card" aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy</h2>
      <label className="check">
        <input type="checkbox" checked={mark?.doNotContact ?? false} disabled={!mark || mutation.busy} onChange={(e) => toggle(e.target.checked)} />
        Do not contact
      </label>
      <p className="muted small">
        {mark?.doNotContact
          ? `Marked do-not-contact: ${name} stays in your CRM but is never enrolled in a campaign${copies > 1 ? ` (all ${copies} copies)` : ''}.`
          : 'A person marked do-not-contact stays in your CRM but is never enrolled in a campaign, by an import or from the app.'}
      </p>
      <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={mutation.busy}>
        Erase this person
      </button>
      <ErrorNote error={mutation.error} />
      {confirming && (
        <Confirm title={`Erase ${name}?`} confirmLabel="Erase for good" danger onConfirm={() => void erase()} onCancel={() => setConfirming(false)}>
          <p>This answers a request to erase their personal data. It cannot be undone:</p>
          <ul>
            <li>
              every copy of {name} in your CRM is deleted ({copies} prospect{copies === 1 ? '' : 's'}), with their campaign enrolments, tags and notes;
            </li>
            <li>their history is redacted: the activity feed and stored import answers keep the codes, not their URL or data;</li>
            <li>
              importing any LinkedIn URL of theirs again is <span title="Import code profile_deleted">refused</span>, so they are never added back.
            </li>
          </ul>
          <p>
            To keep them but stop contacting them, use “Do not contact” instead. To keep a copy of their data first, export it through the API (
            <span title="GET /v1/people/export">the person export</span>).
          </p>
        </Confirm>
      )}
    </div>
  );
}
