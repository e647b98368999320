import { enrolmentState } from '../../../engine/enrolment-steps.js';
import { ApiProblem } from '../../../problems.js';
import { Enrolment, EnrolmentAnswer, EnrolmentPage, EnrolmentParams, EnrolmentQuery, EnrolmentRequest, IdParams } from '../../../schemas/app-resources.js';
import { enrolProspects } from '../../../services/manage-prospects.js';
import { endEnrolment, enrolmentsOfCampaign } from '../../../store/app-campaigns.js';
import { executorDeliveryOf, withdrawExecutorMessages } from '../../../store/campaign-executors.js';
import { findCampaign } from '../../../store/campaigns.js';
import { inTransaction } from '../../../store/transaction.js';
import { lockCrm } from '../../../store/users.js';
import { idAfterCursor, pageFromRows } from '../../cursor.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';
import { campaignNotFound } from './campaigns.js';

const tags = ['API v1'];

type Row = Awaited<ReturnType<typeof enrolmentsOfCampaign>>[number];

function renderEnrolment(row: Row): Enrolment {
  const active = Number(row.active) === 1;
  return {
    id: row.enrolmentId,
    prospectId: row.prospectId,
    name: [row.firstName, row.lastName].filter(Boolean).join(' ') || row.linkedinUrl,
    linkedinUrl: row.linkedinUrl,
    company: row.company,
    list: { id: row.listId, name: row.listName },
    active,
    state: enrolmentState({ active, stage: Number(row.stage), outcome: row.outcome }),
    executorDelivery: executorDeliveryOf(row.messageState, row.messageNextAttemptAt),
    enrolledAt: row.enrolledAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * /v1/campaigns/:id/enrolments: who a campaign enrolled; enrol with the import's rules and codes
 * (one active campaign per prospect, the campaign's precondition); unenrol (docs/v1.md#campaigns-and-enrolments).
 */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/campaigns/:id/enrolments',
    {
      schema: {
        tags,
        summary: "A campaign's enrolments with their state, oldest or newest first",
        params: IdParams,
        querystring: EnrolmentQuery,
        response: { 200: EnrolmentPage, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      if (!(await findCampaign(database.db, userId, request.params.id))) throw campaignNotFound(request.params.id);
      const limit = request.query.limit ?? 50;
      const rows = await enrolmentsOfCampaign(database.db, userId, request.params.id, {
        active: request.query.active,
        afterId: idAfterCursor(request.query.cursor),
        newestFirst: request.query.order === 'newest',
        limit: limit + 1,
      });
      return pageFromRows(rows, limit, renderEnrolment, (row) => [row.enrolmentId]);
    },
  );

  app.post(
    '/v1/campaigns/:id/enrolments',
    {
      schema: {
        tags,
        summary: 'Enrol prospects in a running or paused campaign',
        description:
          'Answers one result per distinct prospect id with the addToCampaignCode the import would give (docs/api.md#campaign-codes): a prospect active in another campaign, or ever enrolled in this one, is `already_in_campaign`; one without an email in a campaign that needs one is `prospect_does_not_match_preconditions`. An id that is not one of your prospects answers problemCode R000404-001 and does not fail the request. A draft or archived campaign refuses the request (409 R000409-001).',
        params: IdParams,
        body: EnrolmentRequest,
        response: { 200: EnrolmentAnswer, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const campaign = await findCampaign(database.db, userId, request.params.id);
      if (!campaign) throw campaignNotFound(request.params.id);
      if (campaign.state === 'draft') throw new ApiProblem('R000409-001', 'the campaign is a draft; start it before enrolling', { state: campaign.state });
      if (campaign.state === 'archived') throw new ApiProblem('R000409-001', 'the campaign is archived; pick another one', { state: campaign.state });
      const ids = [...new Set(request.body.prospectIds)];
      const { counts, codes, reasons } = await enrolProspects(database, userId, ids, campaign.id);
      const results = ids.map((prospectId) => {
        const code = codes.get(prospectId);
        return { prospectId, addToCampaignCode: code ?? null, problemCode: code === undefined ? ('R000404-001' as const) : null };
      });
      const notFound = results.filter((r) => r.problemCode !== null).length;
      return { results, counts: { ...counts, ...(notFound > 0 ? { notFound } : {}) }, ...(reasons ? { reasons } : {}) };
    },
  );

  app.delete(
    '/v1/campaigns/:id/enrolments/:prospectId',
    {
      schema: {
        tags,
        summary: "End a prospect's enrolment in a campaign",
        description:
          'The prospect stops travelling the campaign and is free to enrol in another one; the ended enrolment stays in the list (active false), so enrolling it in this campaign again answers already_in_campaign, as the import does. Ending an enrolment that already ended changes nothing. 404 when the prospect was never enrolled in this campaign.',
        params: EnrolmentParams,
        response: { 200: Enrolment, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const { id, prospectId } = request.params;
      return inTransaction(database, async (trx) => {
        await lockCrm(trx, userId, null);
        if (!(await findCampaign(trx, userId, id))) throw campaignNotFound(id);
        const ended = await endEnrolment(trx, userId, id, prospectId);
        const [row] = await enrolmentsOfCampaign(trx, userId, id, { prospectId, limit: 1 });
        if (!row) throw new ApiProblem('R000404-001', `prospect "${prospectId}" was never enrolled in campaign "${id}"`);
        if (!ended) return renderEnrolment(row);
        // The executor is not sent what it has not received yet (docs/webhooks.md#executors).
        await withdrawExecutorMessages(trx, { enrolmentId: row.enrolmentId });
        return renderEnrolment({ ...row, messageState: row.messageState === 'delivered' ? row.messageState : null });
      });
    },
  );
};
export default route;
