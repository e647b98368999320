import { Type } from '@sinclair/typebox';
import { ApiProblem } from '../../../problems.js';
import { AppKey, CreatedKeyAnswer, IdParams, NewKeyRequest, renderAppKey } from '../../../schemas/app-resources.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../store/api-keys.js';
import { problemResponses } from '../../problem-response.js';
import { sessionOf } from '../../plugins/session-auth.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404);

/** /api/keys: API keys by name and prefix; the secret is in the creating answer only. */
const route: RoutePlugin = async (app, { database }) => {
  app.get('/api/keys', { schema: { tags: ['App API'], summary: 'Your API keys (never their secrets)', response: { 200: Type.Array(AppKey), ...errors } } }, async (request) =>
    (await listApiKeys(database.db, sessionOf(request).userId)).map(renderAppKey),
  );

  app.post('/api/keys', { schema: { tags: ['App API'], summary: 'Create an API key: the secret is in this answer only', body: NewKeyRequest, response: { 201: CreatedKeyAnswer, ...errors } } }, async (request, reply) => {
    const { row, secret } = await createApiKey(database.db, sessionOf(request).userId, request.body.name.trim());
    reply.header('cache-control', 'no-store');
    return reply.code(201).send({ key: renderAppKey(row), secret });
  });

  app.delete('/api/keys/:id', { schema: { tags: ['App API'], summary: 'Revoke an API key (refused from the next request on)', params: IdParams, response: { 200: AppKey, ...errors } } }, async (request) => {
    const row = await revokeApiKey(database.db, request.params.id, sessionOf(request).userId);
    if (!row) throw new ApiProblem('R000404-001', `no API key "${request.params.id}" among yours`);
    return renderAppKey(row);
  });
};
export default route;
