import { StrictMode, useCallback, useEffect, useState, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { api, setCsrfToken } from './api.js';
import type { Session } from './api-types.js';
import { setFormatLocale } from './format.js';
import { applyLanguage, CATALOGUES, guessLanguage, I18nProvider, LOCALES, useI18n } from './i18n/index.js';
import { AccountPage } from './pages/account.js';
import { ActivityDetailPage, ActivityPage } from './pages/activity.js';
import { CampaignPage } from './pages/campaign.js';
import { CampaignsPage } from './pages/campaigns.js';
import { DashboardPage } from './pages/dashboard.js';
import { ImportPage } from './pages/import.js';
import { ImportJobPage } from './pages/import-job.js';
import { ImportsPage } from './pages/imports.js';
import { KeysPage } from './pages/keys.js';
import { ListsPage } from './pages/lists.js';
import { ListProspectsPage } from './pages/list-prospects.js';
import { ProspectPage } from './pages/prospect.js';
import { ProspectsPage } from './pages/prospects.js';
import { SignInPage } from './pages/sign-in.js';
import { WebhooksPage } from './pages/webhooks.js';
import { CLIENT_ROUTES, type ClientRoute } from './client-routes.js';
import { Link, match, navigate, useLocation } from './router.js';
import { useFocusHeadingOnNavigation, useFocusRescue } from './shell/focus.js';
import { titleOf, TopBar } from './shell/top-bar.js';
import './styles.css';

type Params = Record<string, string>;

/** What a page may need of the shell: the session, and a way to change its user (name, language). */
interface Shell {
  session: Session;
  onUserChanged: (user: Session['user']) => void;
}

/** One renderer per client route: a page missing here, or here but not in CLIENT_ROUTES, fails the typecheck. */
const PAGES: Record<ClientRoute, (params: Params, shell: Shell) => ReactElement> = {
  '/': () => <DashboardPage />,
  '/signin': () => <DashboardPage />,
  '/lists': () => <ListsPage />,
  '/lists/:id': ({ id }, { session }) => <ListProspectsPage key={id} listId={id!} userId={session.user.id} />,
  '/prospects': (_, { session }) => <ProspectsPage userId={session.user.id} />,
  '/prospects/:id': ({ id }) => <ProspectPage key={id} prospectId={id!} />,
  '/campaigns': () => <CampaignsPage />,
  '/campaigns/:id': ({ id }) => <CampaignPage key={id} campaignId={id!} />,
  '/activity': () => <ActivityPage />,
  '/activity/:id': ({ id }) => <ActivityDetailPage key={id} eventId={id!} />,
  '/keys': () => <KeysPage />,
  '/import': () => <ImportPage />,
  '/imports': () => <ImportsPage />,
  '/imports/:id': ({ id }) => <ImportJobPage key={id} jobId={id!} />,
  '/account': (_, { session, onUserChanged }) => <AccountPage user={session.user} onUserChanged={onUserChanged} />,
  '/webhooks': () => <WebhooksPage />,
};

function Page({ path, shell }: { path: string; shell: Shell }) {
  const { t } = useI18n();
  for (const route of CLIENT_ROUTES) {
    const params = match(route, path);
    if (params) return PAGES[route](params, shell);
  }
  return (
    <div className="empty">
      <h1>{t.shell.notFound}</h1>
      <p>
        <Link to="/">{t.shell.goHome}</Link>
      </p>
    </div>
  );
}

function SignedIn({ path, shell, onSignOut }: { path: string; shell: Shell; onSignOut: () => void }) {
  const { t } = useI18n();
  useFocusHeadingOnNavigation(path);
  useFocusRescue();
  useEffect(() => {
    document.title = titleOf(path, t);
  }, [path, t]);
  return (
    <>
      <a className="skip" href="#main">
        {t.shell.skip}
      </a>
      <TopBar path={path} session={shell.session} onSignOut={onSignOut} />
      <main id="main" tabIndex={-1}>
        <Page path={path} shell={shell} />
      </main>
    </>
  );
}

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [guessed, setGuessed] = useState(guessLanguage);
  const { path } = useLocation();
  const language = session?.user.language ?? guessed;
  // Before the pages render, so their dates and numbers are already in the language's locale.
  setFormatLocale(LOCALES[language]);
  useEffect(() => applyLanguage(language), [language]);

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

  const signOut = async () => {
    await api('/v1/session', { method: 'DELETE' }).catch(() => undefined);
    setGuessed(language);
    setSession(null);
    navigate('/signin');
  };

  let content: ReactElement;
  if (session === undefined) content = <p className="loading">{CATALOGUES[language].common.loading}</p>;
  else if (session === null)
    content = (
      <SignInPage
        onLanguage={setGuessed}
        onSignedIn={(s) => {
          setCsrfToken(s.csrfToken);
          setSession(s);
          if (path === '/signin') navigate('/');
        }}
      />
    );
  else {
    const shell: Shell = { session, onUserChanged: (user) => setSession({ ...session, user }) };
    content = <SignedIn path={path} shell={shell} onSignOut={() => void signOut()} />;
  }
  return <I18nProvider language={language}>{content}</I18nProvider>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
