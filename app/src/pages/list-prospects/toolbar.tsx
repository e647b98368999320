import { useState } from 'react';
import { flipDirection, restart, sortBy, type Sort, type View } from './view.js';

/** Search, sort and direction of the prospect table; every change starts again at page 1. */
export function ProspectToolbar({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const [search, setSearch] = useState(view.query);
  return (
    <form
      className="toolbar"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(restart(view, { query: search.trim() }));
      }}
    >
      <label>
        <span className="sr-only">Search name, email, company, occupation</span>
        <input type="search" placeholder="Search name, email, company…" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <button type="submit">Search</button>
      <label>
        Sort by{' '}
        <select value={view.sort} onChange={(e) => onChange(sortBy(view, e.target.value as Sort))}>
          <option value="added">Date added</option>
          <option value="name">Name</option>
          <option value="company">Company</option>
        </select>
      </label>
      <button type="button" onClick={() => onChange(flipDirection(view))} aria-label={`Order: ${view.dir === 'asc' ? 'ascending' : 'descending'}; switch`}>
        {view.dir === 'asc' ? '↑ Ascending' : '↓ Descending'}
      </button>
    </form>
  );
}
