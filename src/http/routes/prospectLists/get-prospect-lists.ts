import { ProspectListArray, renderList } from '../../../schemas/resources.js';
import { listLists } from '../../../store/lists.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

/** GET /prospectLists/getProspectLists: a bare array of the caller's lists. */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/prospectLists/getProspectLists',
    {
      schema: {
        tags: ['Compatible API'],
        summary: "The caller's prospect lists",
        response: { 200: ProspectListArray },
      },
    },
    async (request) => (await listLists(database.db, callerOfRequest(request).userId)).map(renderList),
  );
};
export default route;
