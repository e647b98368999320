import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError } from './api-error.js';

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

/** A problem in the server's words; its code (for a support request) in the tooltip, never as text. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="error" role="alert" title={error instanceof ApiError ? `Code ${error.code}` : undefined}>
      {error instanceof Error ? error.message : String(error)}
    </p>
  );
}

/** A modal confirmation on the native <dialog>: focus is trapped and Escape cancels. */
export function Confirm(props: { title: string; children: ReactNode; confirmLabel: string; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
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
          Cancel
        </button>
        <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

export function CurlExample({ listId, keyText }: { listId?: string; keyText?: string }) {
  const origin = window.location.origin;
  const curl = [
    `curl -X POST ${origin}/prospects/addProspectFromIntegration \\`,
    `  -H "Authorization: Bearer ${keyText ?? '<your API key>'}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"prospectListId":"${listId ?? '<list id>'}","origin":{"name":"example"},"prospects":[{"url":"https://www.linkedin.com/in/john-doe"}]}'`,
  ].join('\n');
  return (
    <pre className="code" tabIndex={0} aria-label="Example curl command">
      {curl}
    </pre>
  );
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const ref = useRef<HTMLButtonElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      if (ref.current) ref.current.textContent = 'Copied';
    } catch {
      if (ref.current) ref.current.textContent = 'Select and copy it';
    }
  };
  return (
    <button type="button" ref={ref} onClick={copy}>
      {label}
    </button>
  );
}

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge state-${state}`}>{state}</span>;
}

export function CodeCounts({ counts }: { counts: Record<string, number> }) {
  const entries = Object.entries(counts);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className="chips">
      {entries.map(([code, n]) => (
        <span key={code} className={`chip code-${code}`} title={code}>
          {code}: {n}
        </span>
      ))}
    </span>
  );
}

/** The header of a column of row actions: read by screen readers, not shown. */
export const ACTIONS = Symbol('actions');

/** A data table: a header cell per column, one row per child; `caption` is for screen readers only. */
export function DataTable({ columns, caption, testId, children }: { columns: readonly (string | typeof ACTIONS)[]; caption?: string; testId?: string; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column === ACTIONS ? 'actions' : column}>
                {column === ACTIONS ? <span className="sr-only">Actions</span> : column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
