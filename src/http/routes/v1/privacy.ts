import { IdParams } from '../../../schemas/app-resources.js';
import {
  AuditPage,
  DoNotContactLists,
  DoNotContactRequest,
  ErasureAnswer,
  ErasureRequest,
  ListDoNotContact,
  PersonExport,
  PersonExportQuery,
  ProspectDoNotContact,
} from '../../../schemas/privacy.js';
import { setListDoNotContactOf, setPersonDoNotContact } from '../../../services/do-not-contact.js';
import { erasePerson } from '../../../services/erase-person.js';
import { exportPerson } from '../../../services/export-person.js';
import { findPerson, personRefOf } from '../../../services/find-person.js';
import { PageQuery } from '../../../schemas/page.js';
import { doNotContactLists } from '../../../store/lists.js';
import { auditEntries } from '../../../store/personal-data.js';
import { idAfterCursor, pageFromRows } from '../../cursor.js';
import { inTransaction } from '../../../store/transaction.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const errors = problemResponses(400, 404);
const tags = ['API v1'];

/** Erasure, do-not-contact and access to one person's data (docs/v1.md#privacy-erasure-do-not-contact-access). */
const route: RoutePlugin = async (app, { database }) => {
  app.post(
    '/v1/erasures',
    {
      schema: {
        tags,
        summary: 'Erase a person: every copy, enrolments, their data in the activity feed and stored answers; a later import answers profile_deleted',
        body: ErasureRequest,
        response: { 200: ErasureAnswer, ...errors },
      },
    },
    async (request) => erasePerson(database, callerOfRequest(request).userId, personRefOf(request.body, 'body')),
  );

  app.get(
    '/v1/audit',
    { schema: { tags, summary: 'The audit log, newest first: one entry per erasure, with its counts and time, naming no one', querystring: PageQuery, response: { 200: AuditPage, ...errors } } },
    async (request): Promise<AuditPage> => {
      const limit = request.query.limit ?? 50;
      const rows = await auditEntries(database.db, callerOfRequest(request).userId, idAfterCursor(request.query.cursor), limit);
      return pageFromRows(rows, limit, (row) => ({ id: row.id, action: row.action, counts: JSON.parse(row.counts) as Record<string, number>, createdAt: row.created_at }), (row) => [row.id]);
    },
  );

  app.get(
    '/v1/people/export',
    { schema: { tags, summary: 'Everything stored about one person, every copy (by prospectId or url)', querystring: PersonExportQuery, response: { 200: PersonExport, ...errors } } },
    async (request) => exportPerson(database, callerOfRequest(request).userId, personRefOf(request.query, 'querystring')),
  );

  app.get(
    '/v1/prospects/:id/do-not-contact',
    { schema: { tags, summary: 'Whether the person of this prospect is marked do-not-contact', params: IdParams, response: { 200: ProspectDoNotContact, ...errors } } },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const { copies } = await inTransaction(database, (trx) => findPerson(trx, userId, { prospectId: request.params.id }));
      return { doNotContact: copies.some((c) => Number(c.do_not_contact) === 1), prospects: copies.length };
    },
  );

  app.put(
    '/v1/prospects/:id/do-not-contact',
    {
      schema: {
        tags,
        summary: 'Mark the person of this prospect (every copy) do-not-contact, or clear the mark: never enrolled, kept in the CRM',
        params: IdParams,
        body: DoNotContactRequest,
        response: { 200: ProspectDoNotContact, ...errors },
      },
    },
    async (request) => setPersonDoNotContact(database, callerOfRequest(request).userId, { prospectId: request.params.id }, request.body.doNotContact),
  );

  app.put(
    '/v1/lists/:id/do-not-contact',
    {
      schema: {
        tags,
        summary: 'Mark a list do-not-contact, or clear the mark: none of its prospects is enrolled',
        params: IdParams,
        body: DoNotContactRequest,
        response: { 200: ListDoNotContact, ...errors },
      },
    },
    async (request) => setListDoNotContactOf(database, callerOfRequest(request).userId, request.params.id, request.body.doNotContact),
  );

  app.get(
    '/v1/do-not-contact/lists',
    { schema: { tags, summary: 'The ids of your lists marked do-not-contact', response: { 200: DoNotContactLists, ...errors } } },
    async (request) => ({ listIds: [...(await doNotContactLists(database.db, callerOfRequest(request).userId))].sort() }),
  );
};
export default route;
