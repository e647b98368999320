import { useState } from 'react';
import { api } from '../../api.js';
import type { Enrolment, EnrolmentPage } from '../../api-types.js';
import { when } from '../../format.js';
import { useResource } from '../../hooks/use-resource.js';
import { Link } from '../../router.js';
import { DataTable, Empty, ErrorNote } from '../../ui.js';
import { Timeline } from './timeline.js';
import { DELIVERY_WORDS, ENROLMENT_STATE_WORDS } from './words.js';

const PAGE_SIZE = 50;
type Order = 'newest' | 'oldest';

/** A campaign's enrolments, a page at a time, by enrolment time; each prospect's timeline on demand. */
export function Enrolments({ campaignId, generation }: { campaignId: string; generation: number }) {
  const [order, setOrder] = useState<Order>('newest');
  // The cursor of each page shown so far: the last one is the page on screen (null: the first).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [open, setOpen] = useState<Enrolment | null>(null);
  const cursor = cursors.at(-1) ?? null;
  const page = useResource(
    (signal) => api<EnrolmentPage>(`/v1/campaigns/${campaignId}/enrolments?limit=${PAGE_SIZE}&order=${order}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal }),
    [campaignId, order, cursor, generation],
  );
  const rows = page.data?.data;
  const reorder = (next: Order) => {
    setOrder(next);
    setCursors([null]);
  };
  return (
    <section aria-labelledby="enrolments-title">
      <div className="page-head">
        <h2 id="enrolments-title">Enrolments</h2>
        <label className="check">
          Sort
          <select value={order} onChange={(e) => reorder(e.target.value as Order)}>
            <option value="newest">Newest enrolments first</option>
            <option value="oldest">Oldest enrolments first</option>
          </select>
        </label>
      </div>
      <ErrorNote error={page.error} />
      {rows === undefined ? (
        <p className="loading">Loading…</p>
      ) : rows.length === 0 && cursors.length === 1 ? (
        <Empty title="Nobody enrolled yet">
          <p>Open a list, select prospects and choose “Enrol in”, or import with this campaign’s id as campaignId.</p>
        </Empty>
      ) : (
        <DataTable columns={['Name', 'Company', 'List', 'Enrolled', 'Status', 'Executor', 'Steps']} testId="enrolments">
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/prospects/${r.prospectId}`}>{r.name}</Link>
              </td>
              <td>{r.company ?? ''}</td>
              <td>
                <Link to={`/lists/${r.list.id}`}>{r.list.name}</Link>
              </td>
              <td>{when(r.enrolledAt)}</td>
              <td>
                <span className={`badge enrolment-state state-${r.state}`} title={r.state}>
                  {ENROLMENT_STATE_WORDS[r.state]}
                </span>
              </td>
              <td>
                <span className="small" title={r.executorDelivery}>
                  {DELIVERY_WORDS[r.executorDelivery]}
                </span>
              </td>
              <td>
                <button type="button" onClick={() => setOpen(r)} aria-label={`Timeline of ${r.name}`}>
                  Timeline
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {(cursors.length > 1 || page.data?.nextCursor) && (
        <nav className="pager" aria-label="Enrolment pages">
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            ← Previous
          </button>
          <span data-testid="enrolment-page">Page {cursors.length}</span>
          <button type="button" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors((c) => [...c, page.data!.nextCursor])}>
            Next →
          </button>
        </nav>
      )}
      {open && <Timeline enrolment={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
