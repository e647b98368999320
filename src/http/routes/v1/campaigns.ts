import { ApiProblem } from '../../../problems.js';
import { AppCampaign, CampaignChanges, CampaignPage, CampaignQuery, CampaignStateChange, IdParams, NewCampaignRequest, renderAppCampaign } from '../../../schemas/app-resources.js';
import { enrolmentCounts } from '../../../store/app-campaigns.js';
import { setExecutor } from '../../../store/campaign-executors.js';
import { createCampaign, deleteDraftCampaign, findCampaign, pageOfCampaigns, setCampaignState, stateChangeRefusal, updateCampaign } from '../../../store/campaigns.js';
import type { Db } from '../../../store/db.js';
import { recordEvent } from '../../../store/events.js';
import { findEndpoint } from '../../../store/webhook-endpoints.js';
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

/** An executor must be one of the caller's webhook endpoints; a foreign one answers like a missing one. */
async function ownedExecutor(db: Db, userId: string, endpointId: string): Promise<void> {
  if (!(await findEndpoint(db, userId, endpointId))) throw new ApiProblem('R000404-001', `executorId: no webhook endpoint "${endpointId}" among yours`);
}

/** A campaign with its enrolment counts, read with `db` (inside the change's transaction when there is one). */
async function rendered(db: Db, userId: string, row: CampaignRow): Promise<AppCampaign> {
  return renderAppCampaign(row, (await enrolmentCounts(db, userId, [row.id])).get(row.id));
}

/** /v1/campaigns: campaigns with their state and enrolment counts; create, change, pause, resume, archive, delete a draft (docs/v1.md#campaigns-and-enrolments). */
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

  app.post(
    '/v1/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a campaign, running unless asked for a draft',
        description: 'An `executorId` that is not one of your webhook endpoints answers 404 R000404-001; a name another campaign of yours has answers 409 R000409-060.',
        body: NewCampaignRequest,
        response: { 201: AppCampaign, ...problemResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const userId = callerOfRequest(request).userId;
      const { requiresEmail, state, executorId } = request.body;
      const name = displayNameOf(request.body.name);
      const row = await inTransaction(database, async (trx) => {
        await refuseTakenName(trx, userId, 'campaign', name);
        if (executorId) await ownedExecutor(trx, userId, executorId);
        return createCampaign(trx, userId, { name, requiresEmail: requiresEmail ?? false, state: state ?? 'running', executorEndpointId: executorId ?? null });
      });
      return reply.code(201).send(renderAppCampaign(row, undefined));
    },
  );

  app.patch(
    '/v1/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Rename a campaign, change its precondition or its executor',
        description:
          'A changed precondition applies to enrolments from now on; prospects already enrolled stay. A new executor (`executorId`, null for none) gets every active enrolment no executor has received yet; what the previous one had not received is withdrawn (docs/webhooks.md#executors). An `executorId` that is not one of your webhook endpoints answers 404.',
        params: IdParams,
        body: CampaignChanges,
        response: { 200: AppCampaign, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const { name, requiresEmail, executorId } = request.body;
      return inTransaction(database, async (trx) => {
        const newName = optionalDisplayNameOf(name);
        if (newName !== undefined && (await findCampaign(trx, userId, request.params.id))) await refuseTakenName(trx, userId, 'campaign', newName, request.params.id);
        let row = await updateCampaign(trx, userId, request.params.id, { name: newName, requiresEmail });
        if (!row) throw campaignNotFound(request.params.id);
        if (executorId !== undefined) {
          if (executorId !== null) await ownedExecutor(trx, userId, executorId);
          await setExecutor(trx, row, executorId);
          row = { ...row, executor_endpoint_id: executorId };
        }
        return rendered(trx, userId, row);
      });
    },
  );

  app.delete(
    '/v1/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Delete a draft campaign; answers what it was',
        description: 'Only a draft, which never enrolled anybody, can be deleted; any other campaign answers 409 R000409-001 (archive it instead: its history stays).',
        params: IdParams,
        response: { 200: AppCampaign, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      return inTransaction(database, async (trx) => {
        const row = await findCampaign(trx, userId, request.params.id);
        if (!row) throw campaignNotFound(request.params.id);
        if (row.state !== 'draft') throw new ApiProblem('R000409-001', `only a draft can be deleted; this campaign is ${row.state}: archive it instead`, { state: row.state });
        await deleteDraftCampaign(trx, userId, row.id);
        await recordEvent(trx, userId, 'campaign.deleted', { campaignId: row.id });
        return renderAppCampaign(row, undefined);
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
