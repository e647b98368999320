import { ApiProblem } from '../../../problems.js';
import { AppCampaign, CampaignChanges, CampaignPage, CampaignQuery, CampaignStateChange, IdParams, NewCampaignRequest, renderAppCampaign } from '../../../schemas/app-resources.js';
import { enrolmentCounts } from '../../../store/app-campaigns.js';
import { createCampaign, findCampaign, pageOfCampaigns, setCampaignState, stateChangeRefusal, updateCampaign } from '../../../store/campaigns.js';
import type { Db } from '../../../store/db.js';
import type { CampaignRow } from '../../../store/schema.js';
import { inTransaction } from '../../../store/transaction.js';
import { lockCrm } from '../../../store/users.js';
import { idAfterCursor, pageFromRows } from '../../cursor.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import { displayNameOf, optionalDisplayNameOf } from '../../display-name.js';
import { refuseTakenName } from '../../../services/unique-names.js';
import type { RoutePlugin } from '../index.js';

const tags = ['API v1'];

export function campaignNotFound(id: string): ApiProblem {
  return new ApiProblem('R000404-001', `no campaign "${id}" among yours`);
}

/** A campaign with its enrolment counts, read with `db` (inside the change's transaction when there is one). */
async function rendered(db: Db, userId: string, row: CampaignRow): Promise<AppCampaign> {
  return renderAppCampaign(row, (await enrolmentCounts(db, userId, [row.id])).get(row.id));
}

/** /v1/campaigns: campaigns with their state and enrolment counts; create, change, pause, resume, archive (docs/v1.md#campaigns-and-enrolments). */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/campaigns',
    { schema: { tags, summary: 'Your campaigns, oldest first, optionally in one state', querystring: CampaignQuery, response: { 200: CampaignPage, ...problemResponses(400) } } },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const limit = request.query.limit ?? 50;
      const rows = await pageOfCampaigns(database.db, userId, { state: request.query.state, afterId: idAfterCursor(request.query.cursor), limit: limit + 1 });
      const counts = await enrolmentCounts(database.db, userId, rows.map((r) => r.id));
      return pageFromRows(rows, limit, (row) => renderAppCampaign(row, counts.get(row.id)), (row) => [row.id]);
    },
  );

  app.get('/v1/campaigns/:id', { schema: { tags, summary: 'One campaign with its enrolment counts', params: IdParams, response: { 200: AppCampaign, ...problemResponses(400, 404) } } }, async (request) => {
    const userId = callerOfRequest(request).userId;
    const row = await findCampaign(database.db, userId, request.params.id);
    if (!row) throw campaignNotFound(request.params.id);
    return rendered(database.db, userId, row);
  });

  app.post('/v1/campaigns', { schema: { tags, summary: 'Create a running campaign', body: NewCampaignRequest, response: { 201: AppCampaign, ...problemResponses(400, 409) } } }, async (request, reply) => {
    const userId = callerOfRequest(request).userId;
    const name = displayNameOf(request.body.name);
    await refuseTakenName(database.db, userId, 'campaign', name);
    const row = await createCampaign(database.db, userId, { name, requiresEmail: request.body.requiresEmail ?? false, state: 'running' });
    return reply.code(201).send(renderAppCampaign(row, undefined));
  });

  app.patch(
    '/v1/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Rename a campaign or change its precondition',
        description: 'A changed precondition applies to enrolments from now on; prospects already enrolled stay.',
        params: IdParams,
        body: CampaignChanges,
        response: { 200: AppCampaign, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const { name, requiresEmail } = request.body;
      return inTransaction(database, async (trx) => {
        const newName = optionalDisplayNameOf(name);
        if (newName !== undefined && (await findCampaign(trx, userId, request.params.id))) await refuseTakenName(trx, userId, 'campaign', newName, request.params.id);
        const row = await updateCampaign(trx, userId, request.params.id, { name: newName, requiresEmail });
        if (!row) throw campaignNotFound(request.params.id);
        return rendered(trx, userId, row);
      });
    },
  );

  app.post(
    '/v1/campaigns/:id/state',
    {
      schema: {
        tags,
        summary: 'Pause, resume or archive a campaign',
        description: 'Archiving ends its enrolments for good, freeing their prospects for another campaign; an archived campaign stays archived (409 R000409-001).',
        params: IdParams,
        body: CampaignStateChange,
        response: { 200: AppCampaign, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      return inTransaction(database, async (trx) => {
        // The lock imports take: none decides an enrolment against a half-done archive.
        await lockCrm(trx, userId, null);
        const current = await findCampaign(trx, userId, request.params.id);
        if (!current) throw campaignNotFound(request.params.id);
        const refusal = stateChangeRefusal(current.state, request.body.state);
        if (refusal) throw new ApiProblem('R000409-001', refusal, { state: current.state });
        const row = await setCampaignState(trx, current.id, request.body.state, userId);
        return rendered(trx, userId, row ?? current);
      });
    },
  );
};
export default route;
