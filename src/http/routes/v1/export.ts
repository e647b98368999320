import { Readable } from 'node:stream';
import { prospectOriginLabel } from '../../../engine/app-origin.js';
import { ApiProblem } from '../../../problems.js';
import { IdParams } from '../../../schemas/app-resources.js';
import { listPage } from '../../../store/app-prospects.js';
import { findList } from '../../../store/lists.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const COLUMNS = ['linkedinUrl', 'firstName', 'lastName', 'occupation', 'email', 'company', 'origin', 'createdAt', 'customVariables'] as const;
const PAGE = 1000;

/** RFC 4180 quoting, and a leading ' on cells a spreadsheet would run as a formula (CSV injection). */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
        response: { 200: { type: 'string', description: 'text/csv' }, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const userId = callerOfRequest(request).userId;
      const list = await findList(database.db, userId, request.params.id);
      if (!list) throw new ApiProblem('R000404-001', `no list "${request.params.id}" among your lists`);
      async function* lines() {
        yield `${COLUMNS.join(',')}\r\n`;
        let after: string | null = null;
        for (;;) {
          const rows = await listPage(database.db, userId, list!.id, after, PAGE);
          if (rows.length === 0) return;
          yield rows
            .map((row) => {
              const variables = (JSON.parse(row.custom_variables) as { label: string; value: string | null }[]).map((v) => `${v.label}=${v.value ?? ''}`).join('; ');
              return [row.linkedin_url, row.first_name, row.last_name, row.occupation, row.email, row.company_name, prospectOriginLabel(row.origin), row.created_at, variables].map(csvCell).join(',') + '\r\n';
            })
            .join('');
          after = rows.at(-1)!.id;
        }
      }
      const filename = `${list.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'list'}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(Readable.from(lines()));
    },
  );
};
export default route;
