import { useState, type FormEvent } from 'react';
import type { Session, SignInRequest } from '../api-types.js';
import { useMutation } from '../hooks/use-mutation.js';
import { ErrorNote } from '../ui.js';

export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
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
        <h1 id="signin-title">Sign in to prospect-hub</h1>
        <label>
          Email
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">
          No password yet? An operator sets one with <code>prospect-hub user set-password --email &lt;email&gt;</code>.
        </p>
      </form>
    </main>
  );
}
