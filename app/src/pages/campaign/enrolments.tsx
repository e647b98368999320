import { useState } from 'react';
import { api } from '../../api.js';
import type { Enrolment, EnrolmentPage } from '../../api-types.js';
import { count, when } from '../../format.js';
import { useResource } from '../../hooks/use-resource.js';
import { useI18n } from '../../i18n/index.js';
import { Link } from '../../router.js';
import { DataTable, Empty, ErrorNote } from '../../ui.js';
import { Timeline } from './timeline.js';

const PAGE_SIZE = 50;
type Order = 'newest' | 'oldest';

/** A campaign's enrolments, a page at a time, by enrolment time; each prospect's timeline on demand. */
export function Enrolments({ campaignId, generation }: { campaignId: string; generation: number }) {
  const { t } = useI18n();
  const w = t.campaign;
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
        <h2 id="enrolments-title">{w.enrolments}</h2>
        <label className="check">
          {w.sort}
          <select value={order} onChange={(e) => reorder(e.target.value as Order)}>
            <option value="newest">{w.newest}</option>
            <option value="oldest">{w.oldest}</option>
          </select>
        </label>
      </div>
      <ErrorNote error={page.error} />
      {rows === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : rows.length === 0 && cursors.length === 1 ? (
        <Empty title={w.nobodyTitle}>
          <p>{w.nobodyText}</p>
        </Empty>
      ) : (
        <DataTable columns={[w.columns.name, w.columns.company, w.columns.list, w.columns.enrolled, w.columns.status, w.columns.executor, w.columns.steps]} testId="enrolments">
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
                  {w.enrolmentStates[r.state]}
                </span>
              </td>
              <td>
                <span className="small" title={r.executorDelivery}>
                  {w.deliveries[r.executorDelivery]}
                </span>
              </td>
              <td>
                <button type="button" onClick={() => setOpen(r)} aria-label={w.timelineOf(r.name)}>
                  {w.timeline}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {(cursors.length > 1 || page.data?.nextCursor) && (
        <nav className="pager" aria-label={w.pages}>
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {w.previous}
          </button>
          <span data-testid="enrolment-page">{w.page(count(cursors.length))}</span>
          <button type="button" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors((c) => [...c, page.data!.nextCursor])}>
            {w.next}
          </button>
        </nav>
      )}
      {open && <Timeline enrolment={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
