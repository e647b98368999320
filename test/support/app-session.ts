import { hashPassword } from '../../src/services/passwords.js';
import type { Database } from '../../src/store/database.js';
import { updateUser } from '../../src/store/users.js';
import { send, type RequestOptions, type TestResponse, type TestServer } from './server.js';

export const TEST_PASSWORD = 'correct horse battery';

/** Gives a user the test password (as `prospect-hub user set-password` would). */
export async function setPassword(database: Database, userId: string, password = TEST_PASSWORD): Promise<void> {
  await updateUser(database.db, userId, { passwordHash: await hashPassword(password) });
}

export interface AppSession {
  cookie: string;
  csrfToken: string;
  /** Real HTTP with the session cookie and, unless told otherwise, the CSRF token. */
  request(path: string, init?: RequestOptions & { csrf?: boolean }): Promise<TestResponse>;
}

/** Signs in over real HTTP and returns a client that carries the session like a browser would. */
export async function signIn(server: TestServer, email: string, password = TEST_PASSWORD): Promise<AppSession> {
  const answer = await server.request('/v1/session', { body: { email, password } });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${answer.text}`);
  const setCookie = answer.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  const csrfToken = answer.body.csrfToken as string;
  return {
    cookie,
    csrfToken,
    request: (path, init = {}) => {
      const headers: Record<string, string> = { cookie, ...init.headers };
      if (init.csrf !== false) headers['x-csrf-token'] ??= csrfToken;
      return send(server.baseUrl, path, { ...init, headers });
    },
  };
}
