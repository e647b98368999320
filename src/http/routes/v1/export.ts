import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { prospectOriginLabel } from '../../../engine/app-origin.js';
import { ApiProblem } from '../../../problems.js';
import { IdParams } from '../../../schemas/app-resources.js';
import { listPage } from '../../../store/app-prospects.js';
import { findList } from '../../../store/lists.js';
import { tagNamesOf } from '../../../store/tags.js';
import type { ProspectRow } from '../../../store/schema.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

/** The columns a spreadsheet shows, in people's words; then the tags ("; " between them), then one column per custom variable. */
const COLUMNS: [header: string, cell: (row: ProspectRow, profile: StoredProfile) => string | null | undefined][] = [
  ['LinkedIn URL', (row) => row.linkedin_url],
  ['First name', (row) => row.first_name],
  ['Last name', (row) => row.last_name],
  ['Occupation', (row) => row.occupation],
  ['Email', (row) => row.email],
  ['Phone', (_, profile) => profile.phoneNumbers?.map((p) => p.number).join('; ')],
  ['Company', (row) => row.company_name],
  ['Company website', (_, profile) => profile.company?.website],
  ['Region', (_, profile) => profile.region],
  ['Origin', (row) => prospectOriginLabel(row.origin)],
  ['Added', (row) => row.created_at],
];
const TAGS_HEADER = 'Tags';
const PAGE = 1000;
// Excel on Windows reads a CSV as the local code page unless it starts with a UTF-8 byte order mark.
const BOM = '\uFEFF';

interface StoredProfile {
  phoneNumbers?: { number: string }[] | null;
  company?: { website?: string | null } | null;
  region?: string | null;
}
type Variables = { label: string; value: string | null }[];

/** RFC 4180 quoting, and a leading ' on cells a spreadsheet would run as a formula (CSV injection). */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A page of rows at a time, in a stable order, until an empty page. */
export type RowPages = () => AsyncIterable<ProspectRow[]>;

/** Reads the tags of a page of prospects, by prospect id. */
export type TagsOf = (prospectIds: string[]) => Promise<Map<string, string[]>>;

/** Streams prospects as CSV: people's column names, their tags, then one column per custom variable. */
export function sendCsv(reply: FastifyReply, filename: string, pages: RowPages, tagsOf: TagsOf): FastifyReply {
  async function* lines() {
    // A first pass learns every custom variable's label, so each gets a column of its own.
    const labels = new Set<string>();
    for await (const rows of pages()) for (const row of rows) for (const v of JSON.parse(row.custom_variables) as Variables) labels.add(v.label);
    yield BOM + [...COLUMNS.map(([header]) => header), TAGS_HEADER, ...labels].map(csvCell).join(',') + '\r\n';
    for await (const rows of pages()) {
      const tags = await tagsOf(rows.map((row) => row.id));
      yield rows
        .map((row) => {
          const profile = JSON.parse(row.profile) as StoredProfile;
          const variables = new Map((JSON.parse(row.custom_variables) as Variables).map((v) => [v.label, v.value]));
          const cells = [...COLUMNS.map(([, cell]) => cell(row, profile)), (tags.get(row.id) ?? []).join('; '), ...[...labels].map((label) => variables.get(label))];
          return cells.map(csvCell).join(',') + '\r\n';
        })
        .join('');
    }
  }
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(Readable.from(lines()));
}

/** GET /v1/lists/:id/export.csv: the whole list as CSV, streamed a page at a time. */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/lists/:id/export.csv',
    {
      schema: {
        tags: ['API v1'],
        summary: 'Export a list as CSV',
        params: IdParams,
        produces: ['text/csv'],
        response: {
          200: { type: 'string', description: 'text/csv', examples: ['\uFEFFLinkedIn URL,First name,Last name,…,Added,Tags,source\r\nhttps://www.linkedin.com/in/john-doe-123456,John,Doe,…,2026-12-02T09:30:00.000Z,VIP; Fair 2026,webinar\r\n'] },
          ...problemResponses(404),
        },
      },
    },
    async (request, reply) => {
      const userId = callerOfRequest(request).userId;
      const list = await findList(database.db, userId, request.params.id);
      if (!list) throw new ApiProblem('R000404-001', `no list "${request.params.id}" among your lists`);
      const pages = async function* () {
        for (let after: string | null = null; ; ) {
          const rows = await listPage(database.db, userId, list.id, after, PAGE);
          if (rows.length === 0) return;
          yield rows;
          after = rows.at(-1)!.id;
        }
      };
      const filename = `${list.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'list'}.csv`;
      return sendCsv(reply, filename, pages, (ids) => tagNamesOf(database.db, userId, ids));
    },
  );
};
export default route;
