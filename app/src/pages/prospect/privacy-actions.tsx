import { useState } from 'react';
import { api } from '../../api.js';
import type { ErasureAnswer, ProspectDoNotContact } from '../../api-types.js';
import { useMutation } from '../../hooks/use-mutation.js';
import { count } from '../../format.js';
import { useResource } from '../../hooks/use-resource.js';
import { useI18n } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { Confirm, ErrorNote } from '../../ui.js';

/**
 * The person's privacy actions on their prospect page (docs/v1.md#privacy-erasure-do-not-contact-access):
 * the do-not-contact switch, and erasure behind a confirmation that says exactly what happens.
 */
export function PrivacyActions({ prospectId, name, listId }: { prospectId: string; name: string; listId: string }) {
  const { t } = useI18n();
  const T = t.prospect.privacy;
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
      <h2 id="privacy-title">{T.title}</h2>
      <label className="check">
        <input type="checkbox" checked={mark?.doNotContact ?? false} disabled={!mark || mutation.busy} onChange={(e) => toggle(e.target.checked)} />
        {T.doNotContact}
      </label>
      <p className="muted small">
        {mark?.doNotContact ? T.marked(name, count(copies), copies) : T.explain}
      </p>
      <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={mutation.busy}>
        {T.erase}
      </button>
      <ErrorNote error={mutation.error} />
      {confirming && (
        <Confirm title={T.eraseTitle(name)} confirmLabel={T.eraseConfirm} danger onConfirm={() => void erase()} onCancel={() => setConfirming(false)}>
          <p>{T.eraseIntro}</p>
          <ul>
            <li>{T.eraseCopies(name, count(copies), copies)}</li>
            <li>{T.eraseHistory}</li>
            <li>
              {T.refusedBefore}
              <span title={T.refusedCode('profile_deleted')}>{T.refused}</span>
              {T.refusedAfter}
            </li>
          </ul>
          <p>
            {T.insteadBefore}
            <span title="GET /v1/people/export">{T.personExport}</span>
            {T.insteadAfter}
          </p>
        </Confirm>
      )}
    </div>
  );
}
