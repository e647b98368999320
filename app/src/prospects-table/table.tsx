import type { ReactNode } from 'react';
import type { List, ProspectRow } from '../api-types.js';
import { day } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { StateBadge } from '../ui.js';
import { columnLabel, variableOf, type BuiltInColumn } from './columns.js';

interface TableProps {
  items: ProspectRow[];
  columns: readonly string[];
  lists: readonly List[];
  caption: string;
  selected: ReadonlySet<string>;
  onSelect: (selected: Set<string>) => void;
}

const none = <span className="muted">—</span>;

function cell(p: ProspectRow, column: string, listName: (id: string) => string): ReactNode {
  const label = variableOf(column);
  if (label !== undefined) return p.customVariables.find((v) => v.label === label)?.value ?? none;
  switch (column as BuiltInColumn) {
    case 'occupation':
      return p.occupation ?? none;
    case 'company':
      return p.company ?? none;
    case 'email':
      return p.email ?? none;
    case 'origin':
      return <span className="badge">{p.originLabel}</span>;
    case 'list':
      return <Link to={`/lists/${p.listId}`}>{listName(p.listId)}</Link>;
    case 'added':
      return day(p.createdAt);
    case 'updated':
      return day(p.updatedAt);
    case 'campaign':
      return p.campaign ? (
        <>
          <Link to={`/campaigns/${p.campaign.id}`}>{p.campaign.name}</Link> <StateBadge state={p.campaign.state} />
        </>
      ) : (
        none
      );
    case 'tags':
      return p.tags.length > 0 ? <span className="tag-badges">{p.tags.map((tag) => <span key={tag} className="badge">{tag}</span>)}</span> : none;
  }
}

/**
 * One page of prospects: a checkbox per row and one for the page, the name, then the chosen columns.
 * At phone width each row is a card (the `cards-on-phone` pattern of styles.css: each cell labelled
 * by its `data-label`).
 */
export function ProspectTable({ items, columns, lists, caption, selected, onSelect }: TableProps) {
  const { t } = useI18n();
  const T = t.prospectsTable.table;
  const label = (column: string) => columnLabel(column, t.prospectsTable.columns);
  const allChecked = items.length > 0 && items.every((p) => selected.has(p.id));
  const names = new Map(lists.map((l) => [l.id, l.name]));
  const listName = (id: string) => names.get(id) ?? id;
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <div className="table-wrap">
      <table className="table cards-on-phone" data-testid="prospect-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              <input type="checkbox" aria-label={T.selectPage} checked={allChecked} onChange={() => onSelect(allChecked ? new Set() : new Set(items.map((p) => p.id)))} />
            </th>
            <th scope="col">{T.name}</th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {label(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <td className="card-select">
                <input type="checkbox" aria-label={T.selectRow(p.name)} checked={selected.has(p.id)} onChange={() => toggle(p.id)} />
              </td>
              <td className="card-title">
                <Link to={`/prospects/${p.id}`}>{p.name}</Link>
              </td>
              {columns.map((column) => (
                <td key={column} data-label={label(column)}>
                  {cell(p, column, listName)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
