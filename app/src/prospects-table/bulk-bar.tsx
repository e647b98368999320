import { useRef, useState, type ReactNode } from 'react';
import { api } from '../api.js';
import type { BulkAnswer, BulkRequest, Campaign, List, ProspectCount } from '../api-types.js';
import { count as formatCount } from '../format.js';
import type { Mutation } from '../hooks/use-mutation.js';
import { useI18n } from '../i18n/index.js';
import { Confirm } from '../ui.js';
import { searchOfFilter, type TableFilter } from './filters.js';
import { describeDelete, describeEnrol, describeMove, type Outcome } from './outcome.js';

/** The rows picked on the page shown, or every prospect matching the filters (not only the rows shown). */
export type Selection = { kind: 'ids'; ids: string[] } | { kind: 'matching' };

interface BulkBarProps {
  selection: Selection;
  filter: TableFilter;
  /** How many rows the page shows, and how many match (undefined while counted). */
  onPage: number;
  total: number | undefined;
  lists: List[];
  campaigns: Campaign[];
  mutation: Mutation;
  onSelectMatching: () => void;
  onClear: () => void;
  onOutcome: (outcome: Outcome) => void;
  /** More actions on the same selection (tagging), shown before Export. */
  extraActions?: ReactNode;
}

type Pending = { action: 'move'; list: List; count: number } | { action: 'enrol'; campaign: Campaign; count: number } | { action: 'delete'; count: number };

/**
 * Move, enrol, export or delete the selection. Each change first says exactly how many prospects it
 * touches (counted again just before, for a selection by filter) and then what happened, in words.
 */
export function BulkBar({ selection, filter, onPage, total, lists, campaigns, mutation, onSelectMatching, onClear, onOutcome, extraActions }: BulkBarProps) {
  const { t } = useI18n();
  const T = t.prospectsTable.bulk;
  const words = t.prospectsTable.outcome;
  const totalText = total === undefined ? undefined : formatCount(total);
  const [target, setTarget] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [counting, setCounting] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const matching = selection.kind === 'matching';
  const usable = campaigns.filter((c) => c.state === 'running' || c.state === 'paused');
  const query = searchOfFilter(filter).toString();

  /** The exact number the action will touch: the ids, or a fresh count of the filter. */
  const exactCount = async (): Promise<number | null> => {
    if (selection.kind === 'ids') return selection.ids.length;
    setCounting(true);
    setProblem(null);
    try {
      return (await api<ProspectCount>(`/v1/prospects/count?${query}`)).total;
    } catch (error) {
      setProblem(error);
      return null;
    } finally {
      setCounting(false);
    }
  };
  // The button that opened a confirmation gets focus back when it is cancelled.
  const opener = useRef<HTMLElement | null>(null);
  const cancel = () => {
    setPending(null);
    requestAnimationFrame(() => opener.current?.focus());
  };
  const ask = async (make: (count: number) => Pending) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const count = await exactCount();
    if (count !== null) setPending(make(count));
  };
  const run = async (body: Omit<BulkRequest, 'ids' | 'filter'>, describe: (answer: BulkAnswer) => Outcome) => {
    setPending(null);
    const request = { ...body, ...(selection.kind === 'ids' ? { ids: selection.ids } : { filter }) } as BulkRequest;
    const done = await mutation.send<BulkAnswer>('/v1/prospects/bulk', { body: request });
    if (done.ok) {
      onOutcome(describe(done.answer));
      onClear();
    }
  };
  const confirm = () => {
    if (!pending) return;
    if (pending.action === 'move') return run({ action: 'move', listId: pending.list.id }, (a) => describeMove(a, pending.list.name, words));
    if (pending.action === 'enrol') return run({ action: 'enrol', campaignId: pending.campaign.id }, (a) => describeEnrol(a, pending.campaign, words));
    return run({ action: 'delete' }, (a) => describeDelete(a, words));
  };
  const exportHref = selection.kind === 'ids' ? `/v1/prospects/export.csv?ids=${selection.ids.map(encodeURIComponent).join(',')}` : `/v1/prospects/export.csv?${query}`;
  const list = lists.find((l) => l.id === target);
  const campaign = usable.find((c) => c.id === campaignId);

  return (
    <div className="bulk card" role="region" aria-label={T.region}>
      <p className="bulk-scope" data-testid="selection">
        {matching ? (
          <strong>{T.allMatching(totalText)}</strong>
        ) : (
          <>
            <strong>{T.selected(formatCount(selection.ids.length), selection.ids.length)}</strong>
            {selection.ids.length === onPage && total !== undefined && total > onPage && (
              <>
                {' '}
                {T.allOnPage(formatCount(onPage))}{' '}
                <button type="button" className="link" onClick={onSelectMatching}>
                  {T.selectAllMatching(totalText)}
                </button>
              </>
            )}
          </>
        )}{' '}
        <button type="button" className="link" onClick={onClear}>
          {T.clear}
        </button>
      </p>
      <div className="bulk-actions">
        <label>
          {T.moveTo}
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">{T.chooseList}</option>
            {lists
              .filter((l) => l.id !== filter.listId)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
          </select>
        </label>
        <button type="button" disabled={!list || mutation.busy || counting} onClick={() => list && void ask((count) => ({ action: 'move', list, count }))}>
          {T.move}
        </button>
        <label>
          {T.enrolIn}
          <select value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
            <option value="">{T.chooseCampaign}</option>
            {usable.map((c) => (
              <option key={c.id} value={c.id}>
                {T.campaignState(c.name, (t.common.states as Record<string, string>)[c.state] ?? c.state)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!campaign || mutation.busy || counting} onClick={() => campaign && void ask((count) => ({ action: 'enrol', campaign, count }))}>
          {T.enrol}
        </button>
        {extraActions}
        <a className="button" href={exportHref} download>
          {T.export}
        </a>
        <button type="button" className="danger" disabled={mutation.busy || counting} onClick={() => void ask((count) => ({ action: 'delete', count }))}>
          {T.delete}
        </button>
      </div>
      {counting && (
        <p className="muted" role="status">
          {T.counting}
        </p>
      )}
      {problem !== null && (
        <p className="error" role="alert">
          {problem instanceof Error ? problem.message : String(problem)}
        </p>
      )}
      {pending?.action === 'move' && (
        <Confirm title={T.confirmMove(formatCount(pending.count), pending.count, pending.list.name)} confirmLabel={T.confirmMoveLabel} onConfirm={() => void confirm()} onCancel={cancel}>
          <p>{T.moveBody}</p>
        </Confirm>
      )}
      {pending?.action === 'enrol' && (
        <Confirm title={T.confirmEnrol(formatCount(pending.count), pending.count, pending.campaign.name)} confirmLabel={T.confirmEnrolLabel} onConfirm={() => void confirm()} onCancel={cancel}>
          <p>{T.enrolBody}</p>
        </Confirm>
      )}
      {pending?.action === 'delete' && (
        <Confirm title={T.confirmDelete(formatCount(pending.count), pending.count)} confirmLabel={T.confirmDeleteLabel} danger onConfirm={() => void confirm()} onCancel={cancel}>
          <p>{T.deleteBody}</p>
        </Confirm>
      )}
    </div>
  );
}
