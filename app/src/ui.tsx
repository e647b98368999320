import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { CursorPager } from './hooks/use-cursor-pager.js';
import { count } from './format.js';
import { useI18n } from './i18n/index.js';
import { problemTooltip, problemWords } from './problem-words.js';
import { useReturnFocus } from './shell/focus.js';

export function ListIcon({ color, label }: { color: string; label: string }) {
  return (
    <span className="list-icon" style={{ background: color }} aria-hidden="true">
      {label}
    </span>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

/**
 * A failed change or load, in words (problem-words.ts): `words` gives the page's own sentence for the
 * problem codes it expects; any other problem says the catalogue's. The code and the server's detail
 * (for a support request) are in the tooltip, never in the text.
 */
export function ErrorNote({ error, words = {} }: { error: unknown; words?: Record<string, string> }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="error" role="alert" title={problemTooltip(error, t)}>
      {problemWords(error, t, words)}
    </p>
  );
}

/**
 * A modal confirmation on the native <dialog>: focus is trapped, Escape cancels, and focus goes back
 * to what opened it when it closes (or to the page's heading when that is gone).
 */
export function Confirm(props: { title: string; children: ReactNode; confirmLabel: string; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useReturnFocus();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="confirm-title" onCancel={props.onCancel}>
      <h2 id="confirm-title">{props.title}</h2>
      <div>{props.children}</div>
      <div className="actions">
        <button type="button" onClick={props.onCancel} autoFocus>
          {t.common.cancel}
        </button>
        <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

export function CurlExample({ listId, keyText }: { listId?: string; keyText?: string }) {
  const { t } = useI18n();
  const origin = window.location.origin;
  const curl = [
    `curl -X POST ${origin}/prospects/addProspectFromIntegration \\`,
    `  -H "Authorization: Bearer ${keyText ?? t.common.curlKeyPlaceholder}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"prospectListId":"${listId ?? t.common.curlListPlaceholder}","origin":{"name":"example"},"prospects":[{"url":"https://www.linkedin.com/in/john-doe"}]}'`,
  ].join('\n');
  return (
    <pre className="code" tabIndex={0} aria-label={t.common.curlLabel}>
      {curl}
    </pre>
  );
}

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLButtonElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      if (ref.current) ref.current.textContent = t.common.copied;
    } catch {
      if (ref.current) ref.current.textContent = t.common.copyFailed;
    }
  };
  return (
    <button type="button" ref={ref} onClick={copy}>
      {label ?? t.common.copy}
    </button>
  );
}

/** A campaign's state in words, coloured by it. */
export function StateBadge({ state }: { state: string }) {
  const { t } = useI18n();
  const words = (t.common.states as Record<string, string>)[state] ?? state;
  return <span className={`badge state-${state}`}>{words}</span>;
}

/** Counts per code, in the words given (the code itself in a tooltip). */
export function CodeCounts({ counts, words = (code) => code }: { counts: Record<string, number>; words?: (code: string) => string }) {
  const { t } = useI18n();
  const entries = Object.entries(counts);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className="chips">
      {entries.map(([code, n]) => (
        <span key={code} className={`chip code-${code}`} title={code}>
          {t.common.codeCount(words(code), count(n))}
        </span>
      ))}
    </span>
  );
}

/** The header of a column of row actions: read by screen readers, not shown. */
export const ACTIONS = Symbol('actions');

/**
 * A data table: a header cell per column, one row per child; `caption` is for screen readers only.
 * At phone width its rows become cards (styles.css, "Tables that become cards"): each cell is shown
 * under its column's name, which is copied here into the cell's data-label. `cards={false}` keeps a
 * table a table (it then scrolls inside its frame).
 */
export function DataTable({ columns, caption, testId, cards = true, children }: { columns: readonly (string | typeof ACTIONS)[]; caption?: string; testId?: string; cards?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const table = useRef<HTMLTableElement>(null);
  const labels = columns.map((column) => (column === ACTIONS ? '' : column));
  // After every render: rows come and go with the page's data, and a cell's label is its column's.
  useLayoutEffect(() => {
    if (!cards || !table.current) return;
    for (const row of Array.from(table.current.tBodies[0]?.rows ?? [])) {
      Array.from(row.cells).forEach((cell, at) => {
        const label = labels[at] ?? '';
        if (cell.dataset.label !== label) cell.dataset.label = label;
      });
    }
  });
  return (
    <div className={cards ? 'table-wrap cards' : 'table-wrap'}>
      <table className="table" data-testid={testId} ref={table}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column === ACTIONS ? 'actions' : column}>
                {column === ACTIONS ? <span className="sr-only">{t.common.actions}</span> : column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Previous / Next under a cursor-paged table (useCursorPager), with the range of the rows shown; nothing while it has none. */
export function PagerNav(props: { pager: CursorPager<unknown>; label: string; range: ReactNode; rangeTestId: string; previous: string; next: string }) {
  const { pager } = props;
  if (pager.rows.length === 0) return null;
  return (
    <nav className="pager" aria-label={props.label}>
      <button type="button" disabled={!pager.hasPrevious} onClick={pager.previous}>
        {props.previous}
      </button>
      <span data-testid={props.rangeTestId} aria-live="polite">
        {props.range}
      </span>
      <button type="button" disabled={!pager.hasNext} onClick={pager.next}>
        {props.next}
      </button>
    </nav>
  );
}
