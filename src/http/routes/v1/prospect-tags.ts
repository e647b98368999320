import { ProspectIdParams } from '../../../schemas/prospects.js';
import { ProspectTags, ProspectTagsChange, ProspectTagsReplace } from '../../../schemas/tags.js';
import { changeProspectTags, readTagNames } from '../../../services/prospect-tags.js';
import { ApiProblem } from '../../../problems.js';
import { ownedWithList, tagNamesOf } from '../../../store/tags.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404);
const tags = ['API v1'];

/** /v1/prospects/:id/tags (docs/v1.md#tags-and-notes): read, replace, add and remove a prospect's tags. */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/prospects/:id/tags',
    { schema: { tags, summary: "A prospect's tags", params: ProspectIdParams, response: { 200: ProspectTags, ...errors } } },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const { id } = request.params;
      if ((await ownedWithList(database.db, userId, [id])).length === 0) throw new ApiProblem('R000404-001', `no prospect "${id}" in your CRM`);
      return { tags: (await tagNamesOf(database.db, userId, [id])).get(id) ?? [] };
    },
  );

  app.put(
    '/v1/prospects/:id/tags',
    {
      schema: {
        tags,
        summary: "Replace a prospect's tags (an empty list removes them all)",
        params: ProspectIdParams,
        body: ProspectTagsReplace,
        response: { 200: ProspectTags, ...errors },
      },
    },
    async (request) => {
      const replace = readTagNames(request.body.tags, '/tags');
      return { tags: await changeProspectTags(database, callerOfRequest(request).userId, request.params.id, { replace }) };
    },
  );

  app.patch(
    '/v1/prospects/:id/tags',
    {
      schema: {
        tags,
        summary: 'Add tags to a prospect and remove others',
        params: ProspectIdParams,
        body: ProspectTagsChange,
        response: { 200: ProspectTags, ...errors },
      },
    },
    async (request) => {
      const add = readTagNames(request.body.add ?? [], '/add');
      const remove = readTagNames(request.body.remove ?? [], '/remove');
      return { tags: await changeProspectTags(database, callerOfRequest(request).userId, request.params.id, { add, remove }) };
    },
  );
};
export default route;
