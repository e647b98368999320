import { Type } from '@sinclair/typebox';
import { ApiProblem } from '../../../problems.js';
import { AppCampaign, CampaignStateChange, EnrolledPage, IdParams, NewCampaignRequest, renderAppCampaign } from '../../../schemas/app-resources.js';
import { enrolledProspects, enrolmentCounts } from '../../../store/app-campaigns.js';
import { createCampaign, findCampaign, listCampaigns, setCampaignState } from '../../../store/campaigns.js';
import { inTransaction } from '../../../store/transaction.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404, 409);

const PAGE = 100;

/** /v1/campaigns: campaigns with state and enrolled counts; create; pause, resume, archive. */
const route: RoutePlugin = async (app, { database }) => {
  app.get('/v1/campaigns', { schema: { tags: ['API v1'], summary: 'Your campaigns', response: { 200: Type.Array(AppCampaign), ...errors } } }, async (request) => {
    const userId = callerOfRequest(request).userId;
    const [rows, counts] = await Promise.all([listCampaigns(database.db, userId), enrolmentCounts(database.db, userId)]);
    return rows.map((row) => renderAppCampaign(row, counts.get(row.id)?.enrolled ?? 0, counts.get(row.id)?.active ?? 0));
  });

  app.post('/v1/campaigns', { schema: { tags: ['API v1'], summary: 'Create a running campaign', body: NewCampaignRequest, response: { 201: AppCampaign, ...errors } } }, async (request, reply) => {
    const row = await createCampaign(database.db, callerOfRequest(request).userId, { name: request.body.name.trim(), requiresEmail: request.body.requiresEmail ?? false, state: 'running' });
    return reply.code(201).send(renderAppCampaign(row, 0, 0));
  });

  app.post(
    '/v1/campaigns/:id/state',
    {
      schema: {
        tags: ['API v1'],
        summary: 'Pause, resume or archive a campaign (archiving ends its enrolments for good)',
        params: IdParams,
        body: CampaignStateChange,
        response: { 200: AppCampaign, ...errors },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const row = await inTransaction(database, async (trx) => {
        const current = await findCampaign(trx, userId, request.params.id);
        if (!current) throw new ApiProblem('R000404-001', `no campaign "${request.params.id}" among yours`);
        if (current.state === 'archived' && request.body.state !== 'archived') {
          throw new ApiProblem('R000409-001', 'an archived campaign stays archived; create a new one');
        }
        return setCampaignState(trx, current.id, request.body.state, userId);
      });
      const counts = (await enrolmentCounts(database.db, userId)).get(request.params.id);
      return renderAppCampaign(row!, counts?.enrolled ?? 0, counts?.active ?? 0);
    },
  );

  app.get(
    '/v1/campaigns/:id/prospects',
    {
      schema: {
        tags: ['API v1'],
        summary: "A campaign's enrolled prospects, in enrolment order",
        params: IdParams,
        querystring: Type.Object({ after: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 200: EnrolledPage, ...errors },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      if (!(await findCampaign(database.db, userId, request.params.id))) throw new ApiProblem('R000404-001', `no campaign "${request.params.id}" among yours`);
      const rows = await enrolledProspects(database.db, userId, request.params.id, request.query.after ?? null, PAGE + 1);
      const page = rows.slice(0, PAGE);
      return {
        items: page.map((r) => ({
          prospectId: r.prospectId,
          name: [r.firstName, r.lastName].filter(Boolean).join(' ') || r.linkedinUrl,
          linkedinUrl: r.linkedinUrl,
          company: r.company,
          list: { id: r.listId, name: r.listName },
          active: Number(r.active) === 1,
          enrolledAt: r.enrolledAt,
        })),
        nextAfter: rows.length > PAGE ? (page.at(-1)?.enrolmentId ?? null) : null,
      };
    },
  );
};
export default route;
