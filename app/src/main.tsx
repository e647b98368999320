import { StrictMode, useCallback, useEffect, useState, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { api, setCsrfToken } from './api.js';
import type { Session } from './api-types.js';
import { ActivityDetailPage, ActivityPage } from './pages/activity.js';
import { CampaignPage, CampaignsPage } from './pages/campaigns.js';
import { ImportPage } from './pages/import.js';
import { KeysPage } from './pages/keys.js';
import { ListsPage } from './pages/lists.js';
import { ListProspectsPage } from './pages/list-prospects.js';
import { ProspectPage } from './pages/prospect.js';
import { ProspectsPage } from './pages/prospects.js';
import { SignInPage } from './pages/sign-in.js';
import { CLIENT_ROUTES, type ClientRoute } from './client-routes.js';
import { Link, match, navigate, useLocation } from './router.js';
import './styles.css';

const NAV = [
  { to: '/lists', label: 'Lists' },
  { to: '/prospects', label: 'Prospects' },
  { to: '/campaigns', label: 'Campaigns' },
  { to: '/activity', label: 'Activity' },
  { to: '/keys', label: 'API keys' },
  { to: '/import', label: 'Import CSV' },
];

type Params = Record<string, string>;

/** The navigation entry a page belongs to: a prospect's own page belongs to the lists. */
function isCurrent(to: string, path: string): boolean {
  if (to === '/prospects') return path === '/prospects';
  return path.startsWith(to) || (to === '/lists' && (path === '/' || path.startsWith('/prospects/')));
}

/** One renderer per client route: a page missing here, or here but not in CLIENT_ROUTES, fails the typecheck. */
const PAGES: Record<ClientRoute, (params: Params, session: Session) => ReactElement> = {
  '/': () => <ListsPage />,
  '/signin': () => <ListsPage />,
  '/lists': () => <ListsPage />,
  '/lists/:id': ({ id }, session) => <ListProspectsPage key={id} listId={id!} userId={session.user.id} />,
  '/prospects': (_, session) => <ProspectsPage userId={session.user.id} />,
  '/prospects/:id': ({ id }) => <ProspectPage key={id} prospectId={id!} />,
  '/campaigns': () => <CampaignsPage />,
  '/campaigns/:id': ({ id }) => <CampaignPage key={id} campaignId={id!} />,
  '/activity': () => <ActivityPage />,
  '/activity/:id': ({ id }) => <ActivityDetailPage key={id} eventId={id!} />,
  '/keys': () => <KeysPage />,
  '/import': (_, session) => <ImportPage maxBatch={session.maxBatch} />,
};

function Page({ path, session }: { path: string; session: Session }) {
  for (const route of CLIENT_ROUTES) {
    const params = match(route, path);
    if (params) return PAGES[route](params, session);
  }
  return (
    <div className="empty">
      <h1>Page not found</h1>
      <p>
        <Link to="/lists">Go to your lists</Link>
      </p>
    </div>
  );
}

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const { path } = useLocation();

  const load = useCallback(() => {
    api<Session>('/v1/session')
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      })
      .catch(() => setSession(null));
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    const signedOut = () => setSession(null);
    window.addEventListener('ph:signed-out', signedOut);
    return () => window.removeEventListener('ph:signed-out', signedOut);
  }, []);
  useEffect(() => {
    const title = NAV.find((n) => path.startsWith(n.to))?.label;
    document.title = title ? `${title} · prospect-hub` : 'prospect-hub';
  }, [path]);

  if (session === undefined) return <p className="loading">Loading…</p>;
  if (session === null)
    return (
      <SignInPage
        onSignedIn={(s) => {
          setCsrfToken(s.csrfToken);
          setSession(s);
          if (path === '/' || path === '/signin') navigate('/lists');
        }}
      />
    );

  const signOut = async () => {
    await api('/v1/session', { method: 'DELETE' }).catch(() => undefined);
    setSession(null);
    navigate('/signin');
  };

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/lists" className="brand">
          prospect-hub
        </Link>
        <nav aria-label="Main">
          {NAV.map((n) => (
            <Link key={n.to} to={n.to} aria-current={isCurrent(n.to, path) ? 'page' : undefined}>
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="who">
          <span title={session.user.email}>{session.user.email}</span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        <Page path={path} session={session} />
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
