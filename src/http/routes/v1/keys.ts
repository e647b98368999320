import { Type } from '@sinclair/typebox';
import { ApiProblem } from '../../../problems.js';
import { AppKey, CreatedKeyAnswer, IdParams, NewKeyRequest, renderAppKey } from '../../../schemas/app-resources.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../store/api-keys.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import { displayNameOf } from '../../display-name.js';
import { refuseTakenName } from '../../../services/unique-names.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404, 409);
// Keys are the account's own credentials: only the admin scope reads or changes them.
const config = { scope: 'admin' as const };

/** /v1/keys: API keys by name and prefix; the secret is in the creating answer only. */
const route: RoutePlugin = async (app, { database }) => {
  app.get('/v1/keys', { config, schema: { tags: ['API v1'], summary: 'Your API keys (never their secrets)', response: { 200: Type.Array(AppKey), ...errors } } }, async (request) =>
    (await listApiKeys(database.db, callerOfRequest(request).userId)).map(renderAppKey),
  );

  app.post('/v1/keys', { config, schema: { tags: ['API v1'], summary: 'Create an API key: the secret is in this answer only', body: NewKeyRequest, response: { 201: CreatedKeyAnswer, ...errors } } }, async (request, reply) => {
    const userId = callerOfRequest(request).userId;
    const name = displayNameOf(request.body.name);
    await refuseTakenName(database.db, userId, 'key', name);
    const { row, secret } = await createApiKey(database.db, userId, name, request.body.scopes);
    reply.header('cache-control', 'no-store');
    return reply.code(201).send({ key: renderAppKey(row), secret });
  });

  app.delete('/v1/keys/:id', { config, schema: { tags: ['API v1'], summary: 'Revoke an API key (refused from the next request on)', params: IdParams, response: { 200: AppKey, ...errors } } }, async (request) => {
    const row = await revokeApiKey(database.db, request.params.id, callerOfRequest(request).userId);
    if (!row) throw new ApiProblem('R000404-001', `no API key "${request.params.id}" among yours`);
    return renderAppKey(row);
  });
};
export default route;
