import { Type } from '@sinclair/typebox';
import { PageQuery } from '../../../schemas/page.js';
import { ProspectIdParams } from '../../../schemas/prospects.js';
import { NewNote, Note, NoteIdParams, NotePage } from '../../../schemas/tags.js';
import { addNote, editNote, readNotes, removeNote, renderNote } from '../../../services/prospect-notes.js';
import { idAfterCursor, pageFromRows } from '../../cursor.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404);
const tags = ['API v1'];

/** /v1/prospects/:id/notes (docs/v1.md#tags-and-notes): a prospect's notes, newest first; write, edit, delete. */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/prospects/:id/notes',
    { schema: { tags, summary: "A prospect's notes, newest first", params: ProspectIdParams, querystring: PageQuery, response: { 200: NotePage, ...errors } } },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const rows = await readNotes(database, callerOfRequest(request).userId, request.params.id, idAfterCursor(request.query.cursor), limit);
      return pageFromRows(rows, limit, renderNote, (row) => [row.id]);
    },
  );

  app.post(
    '/v1/prospects/:id/notes',
    { schema: { tags, summary: 'Write a note on a prospect', params: ProspectIdParams, body: NewNote, response: { 201: Note, ...errors } } },
    async (request, reply) => reply.code(201).send(await addNote(database, callerOfRequest(request), request.params.id, request.body.body)),
  );

  app.patch(
    '/v1/prospects/:id/notes/:noteId',
    { schema: { tags, summary: "Change a note's text", params: NoteIdParams, body: NewNote, response: { 200: Note, ...errors } } },
    async (request) => editNote(database, callerOfRequest(request).userId, request.params.id, request.params.noteId, request.body.body),
  );

  app.delete(
    '/v1/prospects/:id/notes/:noteId',
    { schema: { tags, summary: 'Delete a note', params: NoteIdParams, response: { 204: Type.Null({ description: 'deleted' }), ...errors } } },
    async (request, reply) => {
      await removeNote(database, callerOfRequest(request).userId, request.params.id, request.params.noteId);
      return reply.code(204).send(null);
    },
  );
};
export default route;
