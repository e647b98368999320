import { Type } from '@sinclair/typebox';
import { parseLinkedInUrl } from '../../../engine/linkedin-url.js';
import { ApiProblem, validationProblem } from '../../../problems.js';
import { ProspectDetail } from '../../../schemas/app-prospects.js';
import {
  BulkAnswer,
  BulkRequest,
  LookupAnswer,
  LookupQuery,
  MAX_OFFSET,
  ProspectChanges,
  ProspectCount,
  ProspectCountQuery,
  ProspectIdParams,
  ProspectItemPage,
  ProspectListQuery,
} from '../../../schemas/prospects.js';
import { runBulk } from '../../../services/bulk-prospects.js';
import { deleteProspects } from '../../../services/manage-prospects.js';
import { readFilter } from '../../../services/prospect-filter.js';
import { prospectDetail, prospectItems } from '../../../services/prospect-views.js';
import { updateProspect } from '../../../services/update-prospect.js';
import { countMatching, pageOfProspects } from '../../../store/prospect-queries.js';
import { itemsOfPerson } from '../../../store/prospect-items.js';
import { decodeCursor, encodeCursor } from '../../cursor.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404, 409);

/** The position a page cursor names: [createdAt, id] of the last row of the page before. */
function pagePosition(cursor: string | undefined) {
  const position = decodeCursor(cursor);
  if (position === undefined) return undefined;
  const [createdAt, id] = position;
  if (position.length === 2 && typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  throw new ApiProblem('V000400-001', 'the page cursor is not one this server gave', { errors: [{ path: 'querystring/cursor', message: 'is not a valid cursor' }] });
}

/** A query string's filter: hasEmail arrives as text. */
function readQueryFilter({ hasEmail, ...filter }: ProspectCountQuery) {
  return readFilter({ ...filter, ...(hasEmail === undefined ? {} : { hasEmail: hasEmail === 'true' }) }, 'querystring');
}

/** `offset` jumps to a page from the first; after a cursor it has no meaning. */
function readOffset(text: string | undefined, cursor: string | undefined): number {
  if (text === undefined) return 0;
  const offset = Number(text);
  const message = cursor !== undefined ? 'cannot be combined with cursor' : offset > MAX_OFFSET ? `is above ${MAX_OFFSET}: narrow the filters` : null;
  if (message) throw validationProblem([{ path: 'querystring/offset', message }]);
  return offset;
}

/** /v1/prospects (docs/v1.md#prospects): list, look-up, read, change, delete, bulk actions. */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/prospects',
    {
      schema: {
        tags: ['API v1'],
        summary: 'Your prospects, newest first (created_at, then id), filtered; keyset pages of at most 100',
        querystring: ProspectListQuery,
        response: { 200: ProspectItemPage, ...errors },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const { limit: limitText = '50', cursor, offset: offsetText, ...filter } = request.query;
      const limit = Number(limitText);
      const offset = readOffset(offsetText, cursor);
      const rows = await pageOfProspects(database.db, userId, readQueryFilter(filter), pagePosition(cursor), limit, offset);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { data: prospectItems(page), nextCursor: rows.length > limit && last ? encodeCursor([last.created_at, last.id]) : null };
    },
  );

  app.get(
    '/v1/prospects/count',
    {
      schema: {
        tags: ['API v1'],
        summary: 'How many of your prospects match the filters, exactly (before a bulk action, for a page count)',
        querystring: ProspectCountQuery,
        response: { 200: ProspectCount, ...errors },
      },
    },
    async (request) => ({ total: await countMatching(database.db, callerOfRequest(request).userId, readQueryFilter(request.query)) }),
  );

  app.get(
    '/v1/prospects/lookup',
    {
      schema: {
        tags: ['API v1'],
        summary: 'Every copy of one person in your CRM, found by any LinkedIn profile URL shape the import accepts',
        querystring: LookupQuery,
        response: { 200: LookupAnswer, ...errors },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const parsed = parseLinkedInUrl(request.query.url);
      if (!parsed.ok) {
        throw new ApiProblem('R000401-003', `not a LinkedIn profile URL: ${parsed.reason}`, {
          invalidUrls: [{ index: 0, url: request.query.url, code: parsed.code, reason: parsed.reason }],
          errors: [{ path: 'querystring/url', message: parsed.reason }],
        });
      }
      const rows = await itemsOfPerson(database.db, userId, parsed.identity);
      rows.sort((a, b) => Number(a.duplicate_of !== null) - Number(b.duplicate_of !== null) || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
      return { data: prospectItems(rows) };
    },
  );

  app.get(
    '/v1/prospects/:id',
    { schema: { tags: ['API v1'], summary: 'One prospect with its profile, list, campaign and history', params: ProspectIdParams, response: { 200: ProspectDetail, ...errors } } },
    async (request) => prospectDetail(database, callerOfRequest(request).userId, request.params.id),
  );

  app.patch(
    '/v1/prospects/:id',
    {
      schema: {
        tags: ['API v1'],
        summary: "Change a prospect's profile and custom variables (fill empty fields, or overwrite) or move it to another list",
        params: ProspectIdParams,
        body: ProspectChanges,
        response: { 200: ProspectDetail, ...errors },
      },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      await updateProspect(database, userId, request.params.id, request.body);
      return prospectDetail(database, userId, request.params.id);
    },
  );

  app.delete(
    '/v1/prospects/:id',
    { schema: { tags: ['API v1'], summary: 'Delete a prospect and its enrolments', params: ProspectIdParams, response: { 204: Type.Null({ description: 'deleted' }), ...errors } } },
    async (request, reply) => {
      const { deleted } = await deleteProspects(database, callerOfRequest(request).userId, [request.params.id]);
      if (deleted === 0) throw new ApiProblem('R000404-001', `no prospect "${request.params.id}" in your CRM`);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/prospects/bulk',
    {
      schema: {
        tags: ['API v1'],
        summary: 'Move, delete, enrol, tag or untag prospects by ids or by filter, with exact counts per outcome',
        body: BulkRequest,
        response: { 200: BulkAnswer, ...errors },
      },
    },
    async (request) => runBulk(database, callerOfRequest(request).userId, request.body),
  );
};
export default route;
