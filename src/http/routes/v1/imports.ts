import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyRequest } from 'fastify';
import { ApiProblem, validationProblem } from '../../../problems.js';
import { IdParams } from '../../../schemas/app-resources.js';
import {
  ImportJob,
  ImportJobJsonBody,
  ImportJobListQuery,
  ImportJobOptions,
  ImportJobPage,
  ImportJobQuery,
  MAPPED_FIELDS,
  type ColumnMapping,
  type MappedField,
} from '../../../schemas/import-jobs.js';
import { createImportJob, type Upload } from '../../../services/import-jobs/create-job.js';
import { renderJob } from '../../../services/import-jobs/job-view.js';
import { findJob, jobActivityIds, listJobs, requestCancel } from '../../../store/import-jobs.js';
import type { ImportJobRow } from '../../../store/schema.js';
import { nowIso } from '../../../store/time.js';
import type { Database } from '../../../store/database.js';
import { idAfterCursor, pageFromRows } from '../../cursor.js';
import { readIdempotencyKey } from '../../idempotent-import.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const tags = ['API v1'];

const RAW_TYPES = { csv: ['text/csv'], jsonl: ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines'] } as const;

/** One job as answered, with the activity entries its chunks wrote. */
export async function jobView(database: Database, row: ImportJobRow) {
  const ids = await jobActivityIds(database.db, [row.id]);
  return renderJob(row, ids.get(row.id) ?? []);
}

/** /v1/imports: create an import job from a file, list them, read one, cancel one (docs/v1.md#import-jobs). */
const route: RoutePlugin = async (app, { database, config }) => {
  // The file streams: these bodies reach the handler unread, and are parsed as they arrive.
  app.addContentTypeParser([...RAW_TYPES.csv, ...RAW_TYPES.jsonl], (_request, payload, done) => done(null, payload));
  // Any other type reaches the handler too, which names the types a job takes (V000415-010).
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  await app.register(multipart, { limits: { files: 1, fields: 4, fileSize: config.importMaxBytes + 1, fieldSize: 64 * 1024 } });

  app.post(
    '/v1/imports',
    {
      config: { scope: 'import' },
      bodyLimit: config.importMaxBytes,
      schema: {
        tags,
        summary: 'Import a file as a job: CSV (text/csv or multipart), JSON Lines, or the compatible endpoint\'s JSON without its cap',
        description:
          'Answers 202 with the job and its Location at once; the rows are imported in the background, 1,000 at a time, each exactly as the compatible endpoint would. Options of a raw CSV or JSON Lines body are in the query string; of a multipart upload, in a JSON part named `options` sent before the file part. An `Idempotency-Key` gets the same job back.',
        querystring: ImportJobQuery,
        body: {
          content: {
            'application/json': { schema: ImportJobJsonBody },
            'text/csv': { schema: Type.Unknown({ description: 'a CSV file, its header first', examples: ['LinkedIn URL,First name,Company\nhttps://www.linkedin.com/in/john-doe-123456,John,Acme\n'] }) },
            'application/x-ndjson': { schema: Type.Unknown({ description: 'one prospect of the compatible endpoint per line', examples: ['{"url":"https://www.linkedin.com/in/john-doe-123456","customProfile":{"firstName":"John"}}\n'] }) },
            'multipart/form-data': {
              schema: Type.Unknown({ description: 'a part `options` (JSON: ImportJobOptions) then a part `file` (CSV or JSON Lines)', examples: [{ options: '{"prospectListId":"6b08edb8829f97ef98603975"}', file: '(the file)' }] }),
            },
          },
        } as never,
        response: { 202: ImportJob, 200: ImportJob, ...problemResponses(400, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const caller = callerOfRequest(request);
      const idempotencyKey = readIdempotencyKey(request);
      const { upload, options } = await uploadOf(request, request.query as ImportJobQuery);
      const created = await createImportJob(database, caller, upload, options, { maxBytes: config.importMaxBytes, maxRows: config.importMaxRows, chunkRows: config.maxBatch }, idempotencyKey);
      if (created.kind === 'created') app.importRunner.poke();
      else reply.header('idempotent-replayed', 'true');
      reply.code(202).header('location', `/v1/imports/${created.job.id}`);
      return jobView(database, created.job);
    },
  );

  app.get(
    '/v1/imports',
    { schema: { tags, summary: 'Your import jobs, newest first', querystring: ImportJobListQuery, response: { 200: ImportJobPage, ...problemResponses(400) } } },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const rows = await listJobs(database.db, callerOfRequest(request).userId, limit + 1, idAfterCursor(request.query.cursor));
      const ids = await jobActivityIds(database.db, rows.slice(0, limit).map((r) => r.id));
      return pageFromRows(rows, limit, (row) => renderJob(row, ids.get(row.id) ?? []), (row) => [row.id]);
    },
  );

  app.get(
    '/v1/imports/:id',
    { schema: { tags, summary: 'One import job: its state, counters, rate and time left (poll it, or follow /events)', params: IdParams, response: { 200: ImportJob, ...problemResponses(400, 404) } } },
    async (request) => jobView(database, await ownJob(database, request.params.id, callerOfRequest(request).userId)),
  );

  app.post(
    '/v1/imports/:id/cancel',
    {
      config: { scope: 'import' },
      schema: { tags, summary: 'Cancel a job: it stops within one chunk; the rows done stay done', params: IdParams, response: { 200: ImportJob, ...problemResponses(400, 404, 409) } },
    },
    async (request) => {
      const userId = callerOfRequest(request).userId;
      const job = await ownJob(database, request.params.id, userId);
      if (job.state !== 'queued' && job.state !== 'running') throw new ApiProblem('R000409-010', `the import job has already ended (${job.state})`, { state: job.state });
      return jobView(database, (await requestCancel(database.db, userId, job.id, nowIso()))!);
    },
  );
};
export default route;

export async function ownJob(database: Database, id: string, userId: string): Promise<ImportJobRow> {
  const job = await findJob(database.db, userId, id);
  if (!job) throw new ApiProblem('R000404-001', `no import job "${id}" among yours`);
  return job;
}

/** The body as an upload and the job's options, whatever the content type. */
async function uploadOf(request: FastifyRequest, query: ImportJobQuery): Promise<{ upload: Upload; options: ImportJobOptions }> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    const { prospects, ...options } = request.body as ImportJobJsonBody;
    return { upload: { format: 'json', prospects }, options };
  }
  if ((RAW_TYPES.csv as readonly string[]).includes(type)) return { upload: { format: 'csv', body: request.body as AsyncIterable<Buffer> }, options: optionsOfQuery(query) };
  if ((RAW_TYPES.jsonl as readonly string[]).includes(type)) return { upload: { format: 'jsonl', body: request.body as AsyncIterable<Buffer> }, options: optionsOfQuery(query) };
  if (type === 'multipart/form-data') return multipartUpload(request);
  throw new ApiProblem('V000415-010', `an import job takes text/csv, application/x-ndjson, application/json or multipart/form-data (got "${type || 'nothing'}")`);
}

/**
 * A multipart upload: a JSON part `options`, then the file part. The file is consumed as it
 * streams, so the options must come first (as S3's POST uploads ask of their fields).
 */
async function multipartUpload(request: FastifyRequest): Promise<{ upload: Upload; options: ImportJobOptions }> {
  let options: ImportJobOptions | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (part.fieldname !== 'options') throw validationProblem([{ path: `/${part.fieldname}`, message: 'unknown part; send "options" (JSON) then "file"' }]);
      options = parseOptions(String(part.value));
      continue;
    }
    if (!options) throw validationProblem([{ path: '/options', message: 'send the "options" part (JSON) before the file part' }]);
    const name = (part.filename ?? '').toLowerCase();
    const jsonl = (RAW_TYPES.jsonl as readonly string[]).includes(part.mimetype) || /\.(jsonl|ndjson)$/.test(name);
    // The caller stages the file before the request ends: this generator hands the part on as it is read.
    return { upload: { format: jsonl ? 'jsonl' : 'csv', body: part.file, ...(part.filename ? { fileName: part.filename } : {}) }, options };
  }
  throw validationProblem([{ path: '/file', message: 'no file part in the upload' }]);
}

function parseOptions(text: string): ImportJobOptions {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw validationProblem([{ path: '/options', message: 'is not JSON' }]);
  }
  if (!Value.Check(ImportJobOptions, value)) {
    throw validationProblem([...Value.Errors(ImportJobOptions, value)].map((e) => ({ path: `/options${e.path}`, message: e.message })));
  }
  return value;
}

const isTrue = (flag: string | undefined) => flag === 'true' || flag === '1';
const many = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());

function optionsOfQuery(query: ImportJobQuery): ImportJobOptions {
  if (!query.prospectListId) throw validationProblem([{ path: 'querystring/prospectListId', message: 'name the list to import into' }]);
  const columns: Record<string, MappedField> = {};
  for (const entry of many(query.map)) {
    const at = entry.lastIndexOf('=');
    const field = entry.slice(at + 1) as MappedField;
    if (at <= 0 || !MAPPED_FIELDS.includes(field)) {
      throw new ApiProblem('V000400-011', `map=${entry}: write header=field, the field one of ${MAPPED_FIELDS.join(', ')}`, { errors: [{ path: 'querystring/map', message: entry }] });
    }
    columns[entry.slice(0, at)] = field;
  }
  const mapping: ColumnMapping = {
    ...(Object.keys(columns).length > 0 ? { columns } : {}),
    ...(query.variablePrefix ? { variablePrefix: query.variablePrefix } : {}),
    ...(query.variable ? { variableColumns: many(query.variable) } : {}),
  };
  return {
    prospectListId: query.prospectListId,
    ...(query.origin !== undefined ? { origin: { name: query.origin } } : {}),
    campaignId: query.campaignId ?? null,
    canCreateDuplicates: isTrue(query.canCreateDuplicates),
    moveDuplicatesToOtherList: isTrue(query.moveDuplicatesToOtherList),
    shouldOverwriteCustomProfileData: isTrue(query.shouldOverwriteCustomProfileData),
    addExistingProspectInCampaign: isTrue(query.addExistingProspectInCampaign),
    addDuplicateProspectsToCampaign: isTrue(query.addDuplicateProspectsToCampaign),
    dryRun: isTrue(query.dryRun),
    mapping,
  };
}
