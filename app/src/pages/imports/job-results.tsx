import { useState } from 'react';
import { api } from '../../api.js';
import type { ImportJob, ImportJobResult } from '../../api-types.js';
import { count } from '../../format.js';
import { useCursorPager } from '../../hooks/use-cursor-pager.js';
import { useI18n } from '../../i18n/index.js';
import { Link } from '../../router.js';
import { DataTable, ErrorNote, PagerNav } from '../../ui.js';
import { CodeChip } from '../activity/code-chips.js';
import { importWords } from '../activity/code-words.js';

const PAGE_SIZE = 50;

/** What the table shows: every row, the failed ones (those of the failed-rows file), or those of one importCode. */
type Filter = 'all' | 'failed' | `code:${string}`;

function queryOf(filter: Filter): string {
  if (filter === 'failed') return '&failed=true';
  if (filter.startsWith('code:')) return `&importCode=${encodeURIComponent(filter.slice('code:'.length))}`;
  return '';
}

function totalOf(job: ImportJob, filter: Filter): number {
  if (filter === 'all') return job.rows.done;
  if (filter === 'failed') return job.rows.failed;
  return job.importCodes[filter.slice('code:'.length)] ?? 0;
}

/**
 * A job's result per row, 50 a page in row order, all of them, the failures only or one outcome; read
 * again as the job goes on, so a running job's table fills in.
 */
export function JobResults({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const T = t.importJob;
  const [filter, setFilter] = useState<Filter>('all');
  const pager = useCursorPager<ImportJobResult>(
    (cursor, signal) => api(`/v1/imports/${job.id}/results?limit=${PAGE_SIZE}${queryOf(filter)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal }),
    [job.id, filter, job.rows.done],
    PAGE_SIZE,
  );
  const { page, rows, first, heading } = pager;
  return (
    <section aria-labelledby="results-title">
      <div className="page-head">
        <h2 id="results-title" ref={heading} tabIndex={-1}>
          {T.results}
        </h2>
        <div className="toolbar">
          <label>
            {T.show}
            <select
              value={filter}
              onChange={(e) => {
                setFilter(e.target.value as Filter);
                pager.reset();
              }}
            >
              <option value="all">{T.allRows}</option>
              <option value="failed">{T.failuresOnly}</option>
              <optgroup label={T.byOutcome}>
                {Object.entries(job.importCodes).map(([code, n]) => (
                  <option key={code} value={`code:${code}`}>
                    {importWords(code, t.activity.importCodes)} ({count(n)})
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
        </div>
      </div>
      <ErrorNote error={page.error} />
      {page.data && rows.length === 0 ? (
        <p className="muted" data-testid="results-empty">
          {filter === 'failed' ? T.noFailures : T.noRows}
        </p>
      ) : (
        <DataTable columns={[T.resultColumns.row, T.resultColumns.url, T.resultColumns.outcome, T.resultColumns.campaign, T.resultColumns.details]} caption={T.results} testId="results">
          {rows.map((r) => (
            <tr key={r.row} data-testid="result">
              <td>{count(r.row)}</td>
              <td className="url">{r.prospectId ? <Link to={`/prospects/${r.prospectId}`}>{r.url}</Link> : (r.url ?? '—')}</td>
              <td>
                <CodeChip code={r.importCode} kind="import" />
              </td>
              <td>{r.addToCampaignCode ? <CodeChip code={r.addToCampaignCode} kind="campaign" /> : <span className="muted">—</span>}</td>
              <td className="muted">{r.message ?? ''}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <PagerNav
        pager={pager}
        label={T.resultPages}
        range={T.rangeOf(count(first + 1), count(first + rows.length), count(totalOf(job, filter)))}
        rangeTestId="results-range"
        previous={T.previous}
        next={T.next}
      />
    </section>
  );
}
