import type { ProspectRow } from '../../api-types.js';
import { day } from '../../format.js';
import { Link } from '../../router.js';
import { CurlExample, Empty, StateBadge } from '../../ui.js';

interface TableProps {
  items: ProspectRow[];
  caption: string;
  selected: ReadonlySet<string>;
  onSelect: (selected: Set<string>) => void;
}

/** One page of a list's prospects, with a checkbox per row and one for the whole page. */
export function ProspectTable({ items, caption, selected, onSelect }: TableProps) {
  const allChecked = items.length > 0 && items.every((p) => selected.has(p.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              <input type="checkbox" aria-label="Select all on this page" checked={allChecked} onChange={() => onSelect(allChecked ? new Set() : new Set(items.map((p) => p.id)))} />
            </th>
            {['Name', 'Occupation', 'Company', 'Email', 'Origin', 'Added', 'Campaign'].map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <td>
                <input type="checkbox" aria-label={`Select ${p.name}`} checked={selected.has(p.id)} onChange={() => toggle(p.id)} />
              </td>
              <td>
                <Link to={`/prospects/${p.id}`}>{p.name}</Link>
              </td>
              <td>{p.occupation ?? ''}</td>
              <td>{p.company ?? ''}</td>
              <td>{p.email ?? ''}</td>
              <td>
                <span className="badge">{p.originLabel}</span>
              </td>
              <td>{day(p.createdAt)}</td>
              <td>
                {p.campaign ? (
                  <>
                    <Link to={`/campaigns/${p.campaign.id}`}>{p.campaign.name}</Link> <StateBadge state={p.campaign.state} />
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What an empty page says: nothing matches the search, or how to fill the list. */
export function EmptyList({ listId, query }: { listId: string; query: string }) {
  if (query)
    return (
      <Empty title="Nothing matches">
        <p>No prospect in this list matches “{query}”. Try a shorter search.</p>
      </Empty>
    );
  return (
    <Empty title="This list is empty">
      <p>
        Import prospects with <Link to="/import">a CSV file</Link>, or from a Waalaxy client (n8n, Make, Zapier, your script) with an <Link to="/keys">API key</Link>:
      </p>
      <CurlExample listId={listId} />
    </Empty>
  );
}
