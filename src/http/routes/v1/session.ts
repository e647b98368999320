import { ApiProblem } from '../../../problems.js';
import { languageOf } from '../../../schemas/account.js';
import { SessionAnswer, SignInRequest } from '../../../schemas/app-session.js';
import { verifyPassword } from '../../../services/passwords.js';
import { createSession, deleteExpiredSessions, deleteSession } from '../../../store/sessions.js';
import { findUserByEmail } from '../../../store/users.js';
import { problemResponses } from '../../problem-response.js';
import { SignInThrottle } from '../../sign-in-throttle.js';
import {
  clearSessionCookie,
  csrfTokenFor,
  hashToken,
  newSessionToken,
  SESSION_COOKIE,
  sessionOf,
  setSessionCookie,
} from '../../plugins/session-auth.js';
import type { RoutePlugin } from '../index.js';

// A fixed scrypt hash to verify against when the email is unknown, so both answers take as long.
const DECOY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** POST/GET/DELETE /v1/session: sign in (the one app route open without a session), who am I (and the CSRF token), sign out. */
const route: RoutePlugin = async (app, { database, config }) => {
  const throttle = new SignInThrottle();
  app.post(
    '/v1/session',
    {
      config: { signIn: true },
      schema: {
        tags: ['API v1'],
        summary: 'Sign in to the web app with email and password (sets the session cookie)',
        body: SignInRequest,
        response: { 200: SessionAnswer, ...problemResponses(400, 401, 415, 429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      throttle.check(email, request.ip);
      const user = await findUserByEmail(database.db, email);
      const ok = await verifyPassword(password, user?.password_hash ?? DECOY_HASH);
      if (!user || !ok) throttle.fail(email, request.ip);
      else throttle.succeed(email, request.ip);
      if (!user || !ok) throw new ApiProblem('A000401-004', 'the email or the password is wrong (passwords are set with: prospect-hub user set-password)');
      const token = newSessionToken();
      const expires = new Date(Date.now() + config.sessionTtlHours * 3_600_000);
      await deleteExpiredSessions(database.db);
      await createSession(database.db, hashToken(token), user.id, expires.toISOString());
      setSessionCookie(request, reply, config, token, expires);
      return { user: { id: user.id, email: user.email, name: user.name, language: languageOf(user.language) }, csrfToken: csrfTokenFor(token), expiresAt: expires.toISOString(), maxBatch: config.maxBatch };
    },
  );

  app.get(
    '/v1/session',
    {
      schema: { tags: ['API v1'], summary: 'The signed-in user and the CSRF token to send with changes', response: { 200: SessionAnswer } },
    },
    async (request) => {
      const session = sessionOf(request);
      return {
        user: { id: session.userId, email: session.email, name: session.name, language: languageOf(session.language) },
        csrfToken: csrfTokenFor(request.cookies[SESSION_COOKIE]!),
        expiresAt: session.expiresAt,
        maxBatch: config.maxBatch,
      };
    },
  );

  app.delete(
    '/v1/session',
    {
      schema: { tags: ['API v1'], summary: 'Sign out (ends this session)', response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      await deleteSession(database.db, sessionOf(request).sessionId);
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );
};
export default route;
