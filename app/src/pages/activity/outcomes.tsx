import { useState } from 'react';
import { api } from '../../api.js';
import type { ActivityItem, OutcomePage } from '../../api-types.js';
import { count } from '../../format.js';
import { useCursorPager } from '../../hooks/use-cursor-pager.js';
import { useI18n } from '../../i18n/index.js';
import { Link } from '../../router.js';
import { DataTable, ErrorNote, PagerNav } from '../../ui.js';
import { CodeChip } from './code-chips.js';
import { campaignWords, importWords } from './code-words.js';

const PAGE_SIZE = 50;

/** What the table shows: every outcome, the failures, or those of one code. */
type Filter = 'all' | 'failed' | `import:${string}` | `campaign:${string}`;

function queryOf(filter: Filter): string {
  if (filter === 'failed') return '&failed=true';
  if (filter.startsWith('import:')) return `&importCode=${encodeURIComponent(filter.slice('import:'.length))}`;
  if (filter.startsWith('campaign:')) return `&addToCampaignCode=${encodeURIComponent(filter.slice('campaign:'.length))}`;
  return '';
}

/** How many rows the filter selects, when the import's counts tell it exactly. */
function totalOf(event: ActivityItem, filter: Filter): number | null {
  if (filter === 'all') return event.prospectCount;
  if (filter.startsWith('import:')) return event.counts.importCodes[filter.slice('import:'.length)] ?? 0;
  if (filter.startsWith('campaign:')) return event.counts.addToCampaignCodes[filter.slice('campaign:'.length)] ?? 0;
  return null;
}

/**
 * An import's outcomes a page at a time (cursor pages of 50, docs/v1.md#activity), filtered to the
 * failures or to one outcome; each outcome in words, its code in a tooltip.
 */
export function Outcomes({ event }: { event: ActivityItem }) {
  const { t } = useI18n();
  const T = t.activity.outcomes;
  const [filter, setFilter] = useState<Filter>('all');
  const pager = useCursorPager<OutcomePage['data'][number]>(
    (cursor, signal) => api(`/v1/activity/${event.id}/outcomes?limit=${PAGE_SIZE}${queryOf(filter)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal }),
    [event.id, filter],
    PAGE_SIZE,
  );
  const { page, rows, first, heading } = pager;
  const total = totalOf(event, filter);
  return (
    <section aria-labelledby="outcomes-title">
      <div className="page-head">
        <h2 id="outcomes-title" ref={heading} tabIndex={-1}>
          {T.title}
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
            <option value="all">{T.all}</option>
            <option value="failed">{T.failed}</option>
            <optgroup label={T.byImport}>
              {Object.keys(event.counts.importCodes).map((code) => (
                <option key={code} value={`import:${code}`}>
                  {importWords(code, t.activity.importCodes)} ({count(event.counts.importCodes[code] ?? 0)})
                </option>
              ))}
            </optgroup>
            {Object.keys(event.counts.addToCampaignCodes).length > 0 && (
              <optgroup label={T.byCampaign}>
                {Object.keys(event.counts.addToCampaignCodes).map((code) => (
                  <option key={code} value={`campaign:${code}`}>
                    {campaignWords(code, t.activity.campaignCodes)} ({count(event.counts.addToCampaignCodes[code] ?? 0)})
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        </div>
      </div>
      <ErrorNote error={page.error} />
      {page.data && rows.length === 0 ? (
        <p className="muted" data-testid="outcomes-empty">
          {filter === 'failed' ? T.noneFailed : T.none}
        </p>
      ) : (
        <DataTable columns={[T.columns.position, T.columns.prospect, T.columns.importOutcome, T.columns.campaignOutcome, T.columns.details]} caption={T.title} testId="outcomes">
          {rows.map((o) => (
            <tr key={o.position} data-testid="outcome">
              <td>{o.position + 1}</td>
              <td className="url">{o.prospectId ? <Link to={`/prospects/${o.prospectId}`}>{o.url}</Link> : (o.url ?? <span className="muted">{T.erased}</span>)}</td>
              <td>
                <CodeChip code={o.importCode} kind="import" />
              </td>
              <td>{o.addToCampaignCode ? <CodeChip code={o.addToCampaignCode} kind="campaign" /> : <span className="muted">—</span>}</td>
              <td className="muted">{o.message ?? ''}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <PagerNav
        pager={pager}
        label={T.pages}
        range={T.rows(count(first + 1), count(first + rows.length), total === null ? null : count(total))}
        rangeTestId="outcome-range"
        previous={T.previous}
        next={T.next}
      />
    </section>
  );
}
