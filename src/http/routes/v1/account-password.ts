import { ApiProblem } from '../../../problems.js';
import { PasswordChange, PasswordChanged } from '../../../schemas/account.js';
import { hashPassword, verifyPassword } from '../../../services/passwords.js';
import { deleteOtherSessions } from '../../../store/sessions.js';
import { inTransaction } from '../../../store/transaction.js';
import { findUserById, updateUser } from '../../../store/users.js';
import { problemResponses } from '../../problem-response.js';
import { SignInThrottle } from '../../sign-in-throttle.js';
import { hashToken, SESSION_COOKIE, sessionOf } from '../../plugins/session-auth.js';
import type { RoutePlugin } from '../index.js';

/**
 * POST /v1/account/password: the signed-in person changes their password, giving the current one.
 * The web app's session only: an API key, however scoped, never takes over the account that made it.
 * Every other session of the user ends; this one stays (docs/v1.md#account).
 */
const route: RoutePlugin = async (app, { database }) => {
  // Wrong current passwords count like failed sign-ins: a stolen session cannot guess its way to the password.
  const throttle = new SignInThrottle();
  app.post(
    '/v1/account/password',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['API v1'],
        summary: 'Change your password (the web app session only; ends your other sessions)',
        body: PasswordChange,
        response: { 200: PasswordChanged, ...problemResponses(400, 403, 429) },
      },
    },
    async (request): Promise<PasswordChanged> => {
      const session = sessionOf(request);
      throttle.check(session.email, request.ip);
      const user = await findUserById(database.db, session.userId);
      if (!user || !(await verifyPassword(request.body.currentPassword, user.password_hash))) {
        throttle.fail(session.email, request.ip);
        throw new ApiProblem('A000403-070', 'the current password is wrong', { errors: [{ path: '/currentPassword', message: 'is not your current password' }] });
      }
      throttle.succeed(session.email, request.ip);
      const passwordHash = await hashPassword(request.body.newPassword);
      const endedSessions = await inTransaction(database, async (trx) => {
        await updateUser(trx, session.userId, { passwordHash });
        return deleteOtherSessions(trx, session.userId, hashToken(request.cookies[SESSION_COOKIE]!));
      });
      return { endedSessions };
    },
  );
};
export default route;
