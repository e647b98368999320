import { useEffect, useRef, useState } from 'react';
import type { Session } from '../api-types.js';
import { useI18n } from '../i18n/index.js';
import type { Messages } from '../i18n/en.js';
import { Link } from '../router.js';

/** The main navigation, in its order; `also` are the other paths under the same entry. */
const NAV: { to: string; label: keyof Messages['shell']['nav']; also?: string[] }[] = [
  { to: '/', label: 'home' },
  { to: '/lists', label: 'lists' },
  // A prospect's own page (/prospects/:id) is under the table it is opened from most: every prospect.
  { to: '/prospects', label: 'prospects' },
  { to: '/campaigns', label: 'campaigns' },
  { to: '/activity', label: 'activity' },
  { to: '/import', label: 'import' },
  { to: '/imports', label: 'imports' },
  { to: '/keys', label: 'keys' },
  { to: '/webhooks', label: 'webhooks' },
  { to: '/account', label: 'account' },
];

function isCurrent(entry: (typeof NAV)[number], path: string): boolean {
  if (entry.to === '/') return path === '/' || path === '/signin';
  return [entry.to, ...(entry.also ?? [])].some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** The page's title for the browser tab: the navigation entry it is under. */
export function titleOf(path: string, t: Messages): string {
  const entry = NAV.find((n) => isCurrent(n, path));
  return entry ? `${t.shell.nav[entry.label]} · prospect-hub` : 'prospect-hub';
}

/**
 * The top bar. At phone width (styles.css, "Top bar") the navigation folds behind a menu button
 * (aria-expanded, aria-controls): it opens below the bar, closes on a choice, on Escape (focus back
 * on the button) and when focus leaves it.
 */
export function TopBar({ path, session, onSignOut }: { path: string; session: Session; onSignOut: () => void }) {
  const { t } = useI18n();
  // Open on the page where it was opened: a navigation closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === path;
  const setOpen = (next: boolean) => setOpenOn(next ? path : null);
  const button = useRef<HTMLButtonElement>(null);
  const bar = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpenOn(null);
      button.current?.focus();
    };
    const onFocus = (event: FocusEvent) => {
      if (bar.current && event.target instanceof Node && !bar.current.contains(event.target)) setOpenOn(null);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocus);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocus);
    };
  }, [open]);

  return (
    <header className="topbar" ref={bar} data-open={open}>
      <Link to="/" className="brand">
        {t.shell.brand}
      </Link>
      <button type="button" ref={button} className="menu-button" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 18 18">
          <path d={open ? 'M4 4l10 10M14 4L4 14' : 'M2 4h14M2 9h14M2 14h14'} stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        {t.shell.menu}
      </button>
      <div className="topbar-menu" id="main-nav">
        <nav aria-label={t.shell.mainNav}>
          {NAV.map((n) => (
            <Link key={n.to} to={n.to} aria-current={isCurrent(n, path) ? 'page' : undefined}>
              {t.shell.nav[n.label]}
            </Link>
          ))}
        </nav>
        <div className="who">
          <span title={session.user.email}>{session.user.name || session.user.email}</span>
          <button type="button" onClick={onSignOut}>
            {t.shell.signOut}
          </button>
        </div>
      </div>
    </header>
  );
}
