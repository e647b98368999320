import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { Account, AccountChanges, Language, PasswordChange, PasswordChanged, Session, TeamMemberPage } from '../api-types.js';
import { count } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { usePages } from '../hooks/use-pages.js';
import { useResource } from '../hooks/use-resource.js';
import { LANGUAGES, useI18n } from '../i18n/index.js';
import { ErrorNote } from '../ui.js';

type User = Session['user'];

function Profile({ user, onUserChanged }: { user: User; onUserChanged: (user: User) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(user.name);
  const [language, setLanguage] = useState<Language>(user.language);
  const [saved, setSaved] = useState(false);
  const mutation = useMutation();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body: AccountChanges = { name, language };
    const done = await mutation.send<Account>('/v1/account', { method: 'PATCH', body });
    if (!done.ok) return;
    setName(done.answer.user.name);
    setSaved(true);
    onUserChanged(done.answer.user);
  };
  return (
    <form className="card stack" onSubmit={save} aria-labelledby="profile-title">
      <h2 id="profile-title">{t.account.profile}</h2>
      <label>
        {t.account.name}
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
      </label>
      <label>
        {t.account.email}
        <input value={user.email} readOnly />
      </label>
      <label>
        {t.account.language}
        <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {t.languages[code]}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={mutation.error} />
      {saved && (
        <p className="notice" role="status">
          {t.account.saved}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={mutation.busy}>
          {t.account.saveProfile}
        </button>
      </div>
    </form>
  );
}

function Password({ email }: { email: string }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [changed, setChanged] = useState(false);
  const mutation = useMutation();
  const change = async (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    const body: PasswordChange = { currentPassword: current, newPassword: next };
    if (!(await mutation.send<PasswordChanged>('/v1/account/password', { body })).ok) return;
    setCurrent('');
    setNext('');
    setChanged(true);
  };
  return (
    <form className="card stack" onSubmit={change} aria-labelledby="password-title">
      <h2 id="password-title">{t.account.password}</h2>
      {/* For password managers: the account whose password this is. */}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <label>
        {t.account.currentPassword}
        <input type="password" required autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label>
        {t.account.newPassword}
        <input type="password" required minLength={8} maxLength={1000} autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} aria-describedby="new-password-hint" />
        <span id="new-password-hint" className="muted small">
          {t.account.newPasswordHint}
        </span>
      </label>
      <ErrorNote error={mutation.error} words={{ 'A000403-070': t.account.wrongPassword }} />
      {changed && (
        <p className="notice" role="status">
          {t.account.passwordChanged}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={mutation.busy}>
          {t.account.changePassword}
        </button>
      </div>
    </form>
  );
}

function Team({ account }: { account: Account }) {
  const { t } = useI18n();
  const members = usePages<TeamMemberPage['data'][number]>(async (cursor, signal) => {
    const page = await api<TeamMemberPage>(`/v1/account/members${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { signal });
    return { items: page.data, next: page.nextCursor };
  }, []);
  return (
    <section className="card" aria-labelledby="team-title">
      <h2 id="team-title">{t.account.planAndTeam}</h2>
      <dl className="facts">
        <div>
          <dt>{t.account.plan}</dt>
          <dd>
            {account.plan.name} · <span data-testid="account-crm">{t.dashboard.crmUsage(count(account.crm.used), count(account.crm.limit))}</span>
          </dd>
        </div>
        {account.team && (
          <div>
            <dt>{t.account.team}</dt>
            <dd>{account.team.name}</dd>
          </div>
        )}
      </dl>
      <p data-testid="team-dedup">{account.team === null ? t.account.noTeam : account.team.dedup ? t.account.dedupOn : t.account.dedupOff}</p>
      {account.team && (
        <>
          <h3>{t.account.members}</h3>
          <ul className="plain" data-testid="team-members">
            {(members.items ?? []).map((member) => (
              <li key={member.id}>
                {member.name} <span className="muted small">{member.email}</span> {member.you && <span className="badge">{t.account.you}</span>}
              </li>
            ))}
          </ul>
          {members.hasMore && (
            <button type="button" onClick={members.more} disabled={members.loading}>
              {t.account.moreMembers}
            </button>
          )}
          <ErrorNote error={members.error} />
        </>
      )}
    </section>
  );
}

/** The signed-in person's account: name and language, password, plan, team and its members. */
export function AccountPage({ user, onUserChanged }: { user: User; onUserChanged: (user: User) => void }) {
  const { t } = useI18n();
  // Loaded again after a change of name: the members list shows it.
  const account = useResource((signal) => api<Account>('/v1/account', { signal }), [user.name]);
  return (
    <section aria-labelledby="account-title">
      <div className="page-head">
        <h1 id="account-title">{t.account.title}</h1>
      </div>
      <div className="grid-2">
        <Profile user={user} onUserChanged={onUserChanged} />
        <Password email={user.email} />
      </div>
      <ErrorNote error={account.error} />
      {account.data ? <Team key={account.data.user.name} account={account.data} /> : <p className="loading">{t.common.loading}</p>}
    </section>
  );
}
