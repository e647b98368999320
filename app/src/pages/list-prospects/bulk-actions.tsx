import { useState } from 'react';
import type { BulkAnswer, BulkRequest, Campaign, List } from '../../api-types.js';
import type { Mutation } from '../../hooks/use-mutation.js';
import { Confirm } from '../../ui.js';

interface BulkProps {
  listId: string;
  ids: string[];
  lists: List[];
  campaigns: Campaign[];
  mutation: Mutation;
  /** What the last action did, for the page's status line (null clears it). */
  onNotice: (notice: string | null) => void;
}

/** Move, enrol or delete the selected prospects. */
export function BulkActions({ listId, ids, lists, campaigns, mutation, onNotice }: BulkProps) {
  const [target, setTarget] = useState('');
  const [campaign, setCampaign] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const act = async (body: BulkRequest, describe: (counts: BulkAnswer['counts']) => string) => {
    onNotice(null);
    const done = await mutation.send<BulkAnswer>('/v1/prospects/bulk', { body });
    if (done.ok) onNotice(describe(done.answer.counts));
  };
  const move = () =>
    act({ action: 'move', ids, listId: target }, (counts) => {
      const skipped = counts.skipped ? ` ${counts.skipped} stayed: the same profile is already there.` : '';
      return `${counts.moved ?? 0} moved to ${lists.find((l) => l.id === target)?.name ?? 'the list'}.${skipped}`;
    });
  const enrol = () =>
    act({ action: 'enrol', ids, campaignId: campaign }, (counts) =>
      `Enrolment: ${Object.entries(counts).filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n}`).join(', ')}.`,
    );
  const remove = () => {
    setConfirmDelete(false);
    return act({ action: 'delete', ids }, (counts) => `${counts.deleted ?? 0} deleted.`);
  };
  const usable = campaigns.filter((c) => c.state === 'running' || c.state === 'paused');

  return (
    <div className="bulk card" role="region" aria-label="Selected prospects">
      <strong>{ids.length} selected</strong>
      <label>
        Move to{' '}
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">choose a list</option>
          {lists
            .filter((l) => l.id !== listId)
            .map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
        </select>
      </label>
      <button type="button" disabled={!target || mutation.busy} onClick={() => void move()}>
        Move
      </button>
      <label>
        Enrol in{' '}
        <select value={campaign} onChange={(e) => setCampaign(e.target.value)}>
          <option value="">choose a campaign</option>
          {usable.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.state})
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!campaign || mutation.busy} onClick={() => void enrol()}>
        Enrol
      </button>
      <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
        Delete
      </button>
      {confirmDelete && (
        <Confirm title={`Delete ${ids.length} prospect${ids.length === 1 ? '' : 's'}?`} confirmLabel="Delete" danger onConfirm={() => void remove()} onCancel={() => setConfirmDelete(false)}>
          <p>They leave your CRM with their campaign enrolments. This cannot be undone.</p>
        </Confirm>
      )}
    </div>
  );
}
