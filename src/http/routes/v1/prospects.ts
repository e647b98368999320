import { prospectOriginLabel } from '../../../engine/app-origin.js';
import { movesOfProspect } from '../../../store/prospect-moves.js';
import { ApiProblem } from '../../../problems.js';
import { IdParams } from '../../../schemas/app-resources.js';
import type { Static } from '@sinclair/typebox';
import {
  DeleteAnswer,
  DeleteRequest,
  EnrolAnswer,
  EnrolRequest,
  MoveAnswer,
  MoveRequest,
  ProspectDetail,
  ProspectPage,
  ProspectPageQuery,
  type ProspectRowSchema,
} from '../../../schemas/app-prospects.js';
import { deleteProspects, enrolProspects, moveProspects } from '../../../services/manage-prospects.js';
import { activeEnrolments, browseProspects, countMatches, enrolmentsOfProspect, findProspect, importsOfProspect, type Cursor } from '../../../store/app-prospects.js';
import { findList, listNames } from '../../../store/lists.js';
import type { Database } from '../../../store/database.js';
import type { ProspectRow } from '../../../store/schema.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404, 409);

export function displayName(row: Pick<ProspectRow, 'first_name' | 'last_name' | 'public_identifier' | 'member_id' | 'sales_member_id'>): string {
  const name = [row.first_name, row.last_name].filter(Boolean).join(' ').trim();
  return name || row.public_identifier || row.member_id || row.sales_member_id || '(no name)';
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

function decodeCursor(text: string | undefined): Cursor | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') return { key: value[0], id: value[1] };
  } catch {
    // fall through to the problem below
  }
  throw new ApiProblem('V000400-001', 'the page cursor is not one this server gave', { errors: [{ path: 'querystring/after', message: 'is not a valid cursor' }] });
}

/** One page of a list's prospects, the visible rows with their active campaign. */
async function prospectPage(database: Database, userId: string, listId: string, query: Static<typeof ProspectPageQuery>): Promise<Static<typeof ProspectPage>> {
  const list = await findList(database.db, userId, listId);
  if (!list) throw new ApiProblem('R000404-001', `no list "${listId}" among your lists`);
  const { q, sort = 'added', dir = sort === 'added' ? 'desc' : 'asc' } = query;
  const limit = Math.min(Math.max(Number(query.limit ?? 50), 1), 200);
  const page = await browseProspects(database.db, userId, {
    listId: list.id,
    search: q,
    sort,
    descending: dir === 'desc',
    after: decodeCursor(query.after),
    before: decodeCursor(query.before),
    limit,
  });
  const campaigns = await activeEnrolments(database.db, userId, page.rows.map((r) => r.id));
  const items: ProspectRowSchema[] = page.rows.map((row) => {
    const campaign = campaigns.get(row.id);
    return {
      id: row.id,
      name: displayName(row),
      occupation: row.occupation,
      company: row.company_name,
      email: row.email,
      originLabel: prospectOriginLabel(row.origin),
      createdAt: row.created_at,
      linkedinUrl: row.linkedin_url,
      campaign: campaign ? { id: campaign.campaignId, name: campaign.campaignName, state: campaign.campaignState } : null,
    };
  });
  const first = page.rows[0];
  const last = page.rows.at(-1);
  return {
    items,
    total: q?.trim() ? await countMatches(database.db, userId, list.id, q) : Number(list.total_prospects),
    nextCursor: page.hasMoreAfter && last ? encodeCursor({ key: last.sort_key, id: last.id }) : null,
    prevCursor: page.hasMoreBefore && first ? encodeCursor({ key: first.sort_key, id: first.id }) : null,
  };
}

/** One prospect with its list, active campaign and history (imports, app moves, enrolments) in time order. */
async function prospectDetail(database: Database, userId: string, id: string): Promise<Static<typeof ProspectDetail>> {
  const row = await findProspect(database.db, userId, id);
  if (!row) throw new ApiProblem('R000404-001', `no prospect "${id}" in your CRM`);
  const [names, enrolments, imports, moves] = await Promise.all([
    listNames(database.db, userId, [row.list_id]),
    enrolmentsOfProspect(database.db, userId, row.id),
    importsOfProspect(database.db, userId, row.id),
    movesOfProspect(database.db, userId, row.id),
  ]);
  const importNames = await listNames(database.db, userId, [
    ...new Set([...imports.map((i) => i.listId), ...moves.flatMap((m) => [m.from_list_id, m.to_list_id])]),
  ]);
  const listName = (listId: string) => importNames.get(listId) ?? 'a deleted list';
  const active = enrolments.find((e) => Number(e.active) === 1);
  const history = [
    ...imports.map((i) => ({
      at: i.createdAt,
      kind: 'import' as const,
      text: `${i.importCode} via ${i.originLabel} into ${listName(i.listId)}${i.addToCampaignCode ? ` (campaign: ${i.addToCampaignCode})` : ''}`,
      eventId: i.eventId,
    })),
    ...moves.map((m) => ({
      at: m.created_at,
      kind: 'move' as const,
      text: `moved in the app from ${listName(m.from_list_id)} to ${listName(m.to_list_id)}`,
    })),
    ...enrolments.map((e) => ({
      at: e.createdAt,
      kind: 'enrolment' as const,
      text: `enrolled in ${e.campaignName}${Number(e.active) === 1 ? '' : ' (ended)'}`,
      campaignId: e.campaignId,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    id: row.id,
    name: displayName(row),
    linkedinUrl: row.linkedin_url,
    profile: JSON.parse(row.profile) as Record<string, unknown>,
    customVariables: JSON.parse(row.custom_variables) as { label: string; value: string | null }[],
    list: { id: row.list_id, name: names.get(row.list_id) ?? '' },
    originLabel: prospectOriginLabel(row.origin),
    duplicateOf: row.duplicate_of,
    campaign: active ? { id: active.campaignId, name: active.campaignName, state: active.campaignState } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    history,
  };
}

/** /v1/lists/:id/prospects and /v1/prospects/…: the prospect table, page and bulk actions. */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/lists/:id/prospects',
    {
      schema: {
        tags: ['API v1'],
        summary: "A page of a list's prospects: search, sort, keyset pagination (after/before cursors)",
        params: IdParams,
        querystring: ProspectPageQuery,
        response: { 200: ProspectPage, ...errors },
      },
    },
    async (request) => prospectPage(database, callerOfRequest(request).userId, request.params.id, request.query),
  );

  app.get(
    '/v1/prospects/:id',
    { schema: { tags: ['API v1'], summary: 'One prospect with its profile, list, campaign and history', params: IdParams, response: { 200: ProspectDetail, ...errors } } },
    async (request) => prospectDetail(database, callerOfRequest(request).userId, request.params.id),
  );

  app.post(
    '/v1/prospects/move',
    { schema: { tags: ['API v1'], summary: 'Move prospects to another of your lists', body: MoveRequest, response: { 200: MoveAnswer, ...errors } } },
    async (request) => moveProspects(database, callerOfRequest(request).userId, request.body.ids, request.body.listId),
  );
  app.post(
    '/v1/prospects/delete',
    { schema: { tags: ['API v1'], summary: 'Delete prospects (and their enrolments)', body: DeleteRequest, response: { 200: DeleteAnswer, ...errors } } },
    async (request) => deleteProspects(database, callerOfRequest(request).userId, request.body.ids),
  );
  app.post(
    '/v1/prospects/enrol',
    { schema: { tags: ['API v1'], summary: 'Enrol prospects in a campaign (one active campaign per prospect)', body: EnrolRequest, response: { 200: EnrolAnswer, ...errors } } },
    async (request) => enrolProspects(database, callerOfRequest(request).userId, request.body.ids, request.body.campaignId),
  );
};
export default route;
