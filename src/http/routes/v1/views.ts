import { Type } from '@sinclair/typebox';
import { ApiProblem } from '../../../problems.js';
import { IdParams } from '../../../schemas/app-resources.js';
import { PageQuery } from '../../../schemas/page.js';
import type { ProspectFilter } from '../../../schemas/prospects.js';
import { NewViewRequest, SavedView, SavedViewPage, ViewChanges, type TableSettings } from '../../../schemas/views.js';
import { readFilter } from '../../../services/prospect-filter.js';
import type { Db } from '../../../store/db.js';
import { deleteView, findView, insertView, pageOfViews, updateView, viewNamed } from '../../../store/saved-views.js';
import type { SavedViewRow } from '../../../store/schema.js';
import { inTransaction } from '../../../store/transaction.js';
import { idAfterCursor, pageFromRows } from '../../cursor.js';
import { displayNameOf } from '../../display-name.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404, 409);
const tags = ['API v1'];

function render(row: SavedViewRow): SavedView {
  return {
    id: row.id,
    name: row.name,
    filter: JSON.parse(row.filter) as ProspectFilter,
    table: JSON.parse(row.table_settings) as TableSettings,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const notFound = (id: string) => new ApiProblem('R000404-001', `no view "${id}" among your views`);

/** A name is the user's once: a second view of the same name is refused, saying which. */
async function checkNameFree(trx: Db, userId: string, name: string, exceptId?: string): Promise<void> {
  const taken = await viewNamed(trx, userId, name, exceptId);
  if (!taken) return;
  const message = `you already have a view named “${taken.name}”; pick another name or change that view`;
  throw new ApiProblem('R000409-060', message, { field: 'name', existing: { id: taken.id, name: taken.name }, errors: [{ path: '/name', message }] });
}

/** The filter as stored: dates read into UTC instants, checked as /v1/prospects checks them. */
const storedFilter = (filter: ProspectFilter) => JSON.stringify(readFilter(filter, '/filter'));

/** /v1/views (docs/v1.md#saved-views): each user's saved views of the prospect table. */
const route: RoutePlugin = async (app, { database }) => {
  app.get('/v1/views', { schema: { tags, summary: 'Your saved views of the prospect table, oldest first', querystring: PageQuery, response: { 200: SavedViewPage, ...errors } } }, async (request) => {
    const limit = request.query.limit ?? 50;
    const rows = await pageOfViews(database.db, callerOfRequest(request).userId, idAfterCursor(request.query.cursor), limit + 1);
    return pageFromRows(rows, limit, render, (row) => [row.id]);
  });

  app.get('/v1/views/:id', { schema: { tags, summary: 'One saved view', params: IdParams, response: { 200: SavedView, ...errors } } }, async (request) => {
    const row = await findView(database.db, callerOfRequest(request).userId, request.params.id);
    if (!row) throw notFound(request.params.id);
    return render(row);
  });

  app.post('/v1/views', { schema: { tags, summary: 'Save a view: a name, filters and table choices', body: NewViewRequest, response: { 201: SavedView, ...errors } } }, async (request, reply) => {
    const userId = callerOfRequest(request).userId;
    const name = displayNameOf(request.body.name);
    const fields = { name, filter: storedFilter(request.body.filter), tableSettings: JSON.stringify(request.body.table ?? {}) };
    const row = await inTransaction(database, async (trx) => {
      await checkNameFree(trx, userId, name);
      return insertView(trx, userId, fields);
    });
    return reply.code(201).send(render(row));
  });

  app.patch(
    '/v1/views/:id',
    { schema: { tags, summary: 'Rename a view or change its filters or table choices', params: IdParams, body: ViewChanges, response: { 200: SavedView, ...errors } } },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const { id } = request.params;
      const name = request.body.name === undefined ? undefined : displayNameOf(request.body.name);
      const filter = request.body.filter === undefined ? undefined : storedFilter(request.body.filter);
      const tableSettings = request.body.table === undefined ? undefined : JSON.stringify(request.body.table);
      const row = await inTransaction(database, async (trx) => {
        if (!(await findView(trx, userId, id))) throw notFound(id);
        if (name !== undefined) await checkNameFree(trx, userId, name, id);
        return updateView(trx, userId, id, { name, filter, tableSettings });
      });
      if (!row) throw notFound(id);
      return render(row);
    },
  );

  app.delete('/v1/views/:id', { schema: { tags, summary: 'Delete a saved view', params: IdParams, response: { 204: Type.Null({ description: 'deleted' }), ...errors } } }, async (request, reply) => {
    if (!(await deleteView(database.db, callerOfRequest(request).userId, request.params.id))) throw notFound(request.params.id);
    return reply.code(204).send(null);
  });
};
export default route;
