import { useState, type FormEvent } from 'react';
import type { Language, Session, SignInRequest } from '../api-types.js';
import { useMutation } from '../hooks/use-mutation.js';
import { LANGUAGES, useI18n } from '../i18n/index.js';
import { ErrorNote } from '../ui.js';

export function SignInPage({ onSignedIn, onLanguage }: { onSignedIn: (session: Session) => void; onLanguage: (language: Language) => void }) {
  const { t, language } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { send, error, busy } = useMutation();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: SignInRequest = { email, password };
    const done = await send<Session>('/v1/session', { body });
    if (done.ok) onSignedIn(done.answer);
  };
  return (
    <main id="main" className="signin">
      <form onSubmit={submit} className="card" aria-labelledby="signin-title">
        <h1 id="signin-title">{t.signIn.title}</h1>
        <label>
          {t.signIn.email}
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t.signIn.password}
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={error} words={{ 'A000401-004': t.signIn.wrong, 'L000429-001': t.signIn.tooMany }} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.signIn.busy : t.signIn.submit}
        </button>
        <p className="muted small">
          {t.signIn.noPassword} <code>prospect-hub user set-password --email &lt;email&gt;</code>.
        </p>
        <label className="inline-label small">
          {t.signIn.language}
          <select value={language} onChange={(e) => onLanguage(e.target.value as Language)}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {t.languages[code]}
              </option>
            ))}
          </select>
        </label>
      </form>
    </main>
  );
}
