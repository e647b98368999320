import { Type } from '@sinclair/typebox';
import { ProspectCountQuery } from '../../../schemas/prospects.js';
import { readFilter } from '../../../services/prospect-filter.js';
import { rowsMatching } from '../../../store/prospect-queries.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';
import { sendCsv } from './export.js';
import { tagNamesOf } from '../../../store/tags.js';

const PAGE = 1000;

/** The filters of /v1/prospects, or the ids of a selection made on one page. */
const ExportQuery = Type.Object(
  {
    ...ProspectCountQuery.properties,
    ids: Type.Optional(Type.String({ pattern: '^[^,]{1,64}(,[^,]{1,64}){0,99}$', description: 'up to 100 prospect ids, comma-separated: only these (with the filters)' })),
  },
  { additionalProperties: false, examples: [{ listId: '6750a1f2c3d4e5f6a7b8c9aa', hasEmail: 'true' }] },
);

/** GET /v1/prospects/export.csv (docs/v1.md#bulk-actions): every prospect matching the filters, as a list's export. */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/prospects/export.csv',
    {
      schema: {
        tags: ['API v1'],
        summary: 'Export the prospects matching the filters (or the ids given) as CSV',
        querystring: ExportQuery,
        produces: ['text/csv'],
        response: {
          200: { type: 'string', description: 'text/csv', examples: ['\uFEFFLinkedIn URL,First name,Last name,…,Added,source\r\nhttps://www.linkedin.com/in/john-doe-123456,John,Doe,…,2026-12-02T09:30:00.000Z,webinar\r\n'] },
          ...problemResponses(400),
        },
      },
    },
    async (request, reply) => {
      const userId = callerOfRequest(request).userId;
      const { hasEmail, ids, ...rest } = request.query;
      const filter = readFilter({ ...rest, ...(hasEmail === undefined ? {} : { hasEmail: hasEmail === 'true' }) }, 'querystring');
      const only = ids === undefined ? undefined : [...new Set(ids.split(','))];
      const pages = async function* () {
        for (let after: string | null = null; ; ) {
          const rows = await rowsMatching(database.db, userId, filter, after, PAGE, only);
          if (rows.length === 0) return;
          yield rows;
          after = rows.at(-1)!.id;
        }
      };
      return sendCsv(reply, 'prospects.csv', pages, (prospectIds) => tagNamesOf(database.db, userId, prospectIds));
    },
  );
};
export default route;
