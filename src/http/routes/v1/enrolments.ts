import { EnrolmentDetail, StepRequest } from '../../../schemas/campaign-executors.js';
import { IdParams } from '../../../schemas/app-resources.js';
import { enrolmentDetail, enrolmentNotFound, reportStep } from '../../../services/enrolment-steps.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const tags = ['API v1'];

/** /v1/enrolments/:id: one enrolment with its timeline, and the steps its campaign's executor reports (docs/v1.md#executor-steps). */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/enrolments/:id',
    { schema: { tags, summary: 'One enrolment: its state, its delivery to the executor, and its timeline of steps', params: IdParams, response: { 200: EnrolmentDetail, ...problemResponses(400, 404) } } },
    async (request) => {
      const detail = await enrolmentDetail(database.db, callerOfRequest(request).userId, request.params.id);
      if (!detail) throw enrolmentNotFound(request.params.id);
      return detail;
    },
  );

  app.post(
    '/v1/enrolments/:id/events',
    {
      schema: {
        tags,
        summary: 'Report a step of an enrolment (an executor): its state follows',
        description:
          'invitation_sent, message_sent and email_sent mark it contacted, connected connected; replied, finished and failed end it and free the prospect for another campaign. A step after the end answers 409 R000409-030 with the `state`, except a `replied` after `finished`; an enrolment keeps at most 200 steps (409 R000409-031). Writes `campaign.enrolment_step`. Answers the enrolment with its timeline.',
        params: IdParams,
        body: StepRequest,
        response: { 201: EnrolmentDetail, ...problemResponses(400, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await reportStep(database, callerOfRequest(request).userId, request.params.id, request.body)),
  );
};
export default route;
