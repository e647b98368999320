import { useState } from 'react';
import { restart, type View } from './view.js';

/** The search of the prospect table; a new search starts again at page 1. Rows come newest first. */
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
        <span className="sr-only">Search name, company, LinkedIn URL</span>
        <input type="search" placeholder="Search name, company, LinkedIn URL…" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <button type="submit">Search</button>
    </form>
  );
}
