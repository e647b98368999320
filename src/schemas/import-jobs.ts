import { Type, type Static } from '@sinclair/typebox';
import { PageOf, PageQueryFields } from './page.js';

/** Import jobs (docs/v1.md#import-jobs): the options, the job as answered, its results. */

/** The fields a CSV column can be mapped to. */
export const MAPPED_FIELDS = [
  'url',
  'firstName',
  'lastName',
  'occupation',
  'email',
  'region',
  'phone',
  'company.name',
  'company.linkedinUrl',
  'company.website',
  'ignore',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

export const ColumnMapping = Type.Object(
  {
    columns: Type.Optional(
      Type.Record(Type.String({ maxLength: 200 }), Type.Union(MAPPED_FIELDS.map((f) => Type.Literal(f))), {
        description: 'header → field; added to the automatic mapping of headers named like a field ("First Name" → firstName); "ignore" drops a column',
      }),
    ),
    variablePrefix: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'headers starting with it are custom variables, labelled with the rest of the header' })),
    variableColumns: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, description: 'headers that are custom variables, labelled with the header' })),
  },
  { additionalProperties: false },
);
export type ColumnMapping = Static<typeof ColumnMapping>;

const Flag = Type.Optional(Type.Boolean({ default: false }));

/** The compatible endpoint's options (docs/api.md), plus the mapping of a CSV and a dry run. */
export const ImportJobOptions = Type.Object(
  {
    prospectListId: Type.String({ minLength: 1, maxLength: 64 }),
    origin: Type.Optional(Type.Object({ name: Type.String({ maxLength: 1000 }) })),
    campaignId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    canCreateDuplicates: Flag,
    moveDuplicatesToOtherList: Flag,
    shouldOverwriteCustomProfileData: Flag,
    addExistingProspectInCampaign: Flag,
    addDuplicateProspectsToCampaign: Flag,
    dryRun: Flag,
    mapping: Type.Optional(ColumnMapping),
  },
  { additionalProperties: false },
);
export type ImportJobOptions = Static<typeof ImportJobOptions>;

const TextFlag = Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')]));

/** The options of a raw CSV or JSON Lines body, in the query string. */
export const ImportJobQuery = Type.Object({
  prospectListId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  origin: Type.Optional(Type.String({ maxLength: 1000, description: 'the origin name (default "import-job")' })),
  campaignId: Type.Optional(Type.String({ maxLength: 64 })),
  canCreateDuplicates: TextFlag,
  moveDuplicatesToOtherList: TextFlag,
  shouldOverwriteCustomProfileData: TextFlag,
  addExistingProspectInCampaign: TextFlag,
  addDuplicateProspectsToCampaign: TextFlag,
  dryRun: TextFlag,
  map: Type.Optional(
    Type.Union([Type.String({ maxLength: 300 }), Type.Array(Type.String({ maxLength: 300 }), { maxItems: 200 })], { description: 'header=field, repeatable (CSV)' }),
  ),
  variablePrefix: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  variable: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })], { description: 'a custom-variable column, repeatable (CSV)' })),
});
export type ImportJobQuery = Static<typeof ImportJobQuery>;

export const JOB_STATES = ['queued', 'running', 'completed', 'completed_with_errors', 'failed', 'canceled', 'reverted'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** The importCode of a row that could not be read (a bad URL, a broken line, a field over its limit): a job's own. */
export const INVALID_ROW = 'invalid_row';

const Counts = Type.Record(Type.String(), Type.Integer());
const NullableText = Type.Union([Type.String(), Type.Null()]);

/** An unknown field of a row (docs/api.md#warnings): `path` a JSON Pointer from the row, `row` its input row number. */
export const ImportJobWarning = Type.Object({ row: Type.Integer(), path: Type.String(), message: Type.String() });

export const ImportJob = Type.Object(
  {
    id: Type.String(),
    state: Type.Unsafe<JobState>({ type: 'string', enum: [...JOB_STATES] }),
    format: Type.Union([Type.Literal('csv'), Type.Literal('jsonl'), Type.Literal('json')]),
    listId: Type.String(),
    campaignId: NullableText,
    origin: Type.String(),
    dryRun: Type.Boolean(),
    rows: Type.Object({ done: Type.Integer(), total: Type.Integer(), failed: Type.Integer() }),
    importCodes: Counts,
    addToCampaignCodes: Counts,
    rowsPerSecond: Type.Union([Type.Number(), Type.Null()]),
    secondsLeft: Type.Union([Type.Number(), Type.Null()], { description: 'estimate from the rate so far; null before the first chunk and once finished' }),
    error: NullableText,
    activityIds: Type.Array(Type.String(), { description: 'the import requests the job wrote, one per committed chunk, oldest first' }),
    warnings: Type.Array(ImportJobWarning, { description: 'the first 100 unknown fields of the rows, ignored as the compatible endpoint ignores them' }),
    warningCount: Type.Integer({ description: 'how many unknown fields there were in all' }),
    fileName: Type.Union([Type.String(), Type.Null()], { description: "the uploaded file's name (a multipart upload's file part, the CLI's FILE); null for a raw body or JSON" }),
    createdAt: Type.String(),
    startedAt: NullableText,
    finishedAt: NullableText,
  },
  {
    examples: [
      {
        id: '6b08edc0829f97ef98603990',
        state: 'running',
        format: 'csv',
        listId: '6b08edb8829f97ef98603975',
        campaignId: null,
        origin: 'import-job',
        dryRun: false,
        rows: { done: 3000, total: 10000, failed: 2 },
        importCodes: { success: 2990, duplicated_prospect: 8, invalid_row: 2 },
        addToCampaignCodes: {},
        rowsPerSecond: 1500,
        secondsLeft: 4.7,
        error: null,
        activityIds: ['6b08edc0829f97ef98603991', '6b08edc0829f97ef98603992', '6b08edc0829f97ef98603993'],
        warnings: [{ row: 7, path: '/customProfile/nickname', message: 'unknown field, ignored' }],
        warningCount: 1,
        fileName: 'leads.csv',
        createdAt: '2026-12-03T08:00:00.000Z',
        startedAt: '2026-12-03T08:00:01.000Z',
        finishedAt: null,
      },
    ],
  },
);
export type ImportJob = Static<typeof ImportJob>;

export const ImportJobPage = PageOf(ImportJob);
export const ImportJobListQuery = Type.Object({ ...PageQueryFields });

export const ImportJobResult = Type.Object(
  {
    row: Type.Integer({ description: 'the input row number, from 1 (a CSV header is not a row)' }),
    url: NullableText,
    importCode: Type.String(),
    addToCampaignCode: NullableText,
    prospectId: NullableText,
    message: NullableText,
  },
  { examples: [{ row: 1, url: 'https://www.linkedin.com/in/john-doe-123456', importCode: 'success', addToCampaignCode: null, prospectId: '6b08edc0829f97ef9860397c', message: null }] },
);
export type ImportJobResult = Static<typeof ImportJobResult>;
export const ImportJobResultPage = PageOf(ImportJobResult);
export const ImportJobResultQuery = Type.Object({
  ...PageQueryFields,
  importCode: Type.Optional(Type.String({ maxLength: 64 })),
  failed: Type.Optional(Type.Boolean({ description: 'true: only the rows counted in rows.failed (those of the failed-rows file); false: only the others' })),
});
export type ImportJobResultQuery = Static<typeof ImportJobResultQuery>;

/** A JSON body: the compatible endpoint's shape without its cap (its rows are read one by one, each a result of its own). */
export const ImportJobJsonBody = Type.Object(
  {
    prospectListId: Type.String({ minLength: 1, maxLength: 64 }),
    origin: Type.Optional(Type.Object({ name: Type.String({ maxLength: 1000 }) })),
    campaignId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    canCreateDuplicates: Flag,
    moveDuplicatesToOtherList: Flag,
    shouldOverwriteCustomProfileData: Flag,
    addExistingProspectInCampaign: Flag,
    addDuplicateProspectsToCampaign: Flag,
    dryRun: Flag,
    prospects: Type.Array(Type.Unknown(), { minItems: 1 }),
  },
  {
    // Like every /v1 body, a field it does not declare is refused, naming it (each row is read on its own).
    additionalProperties: false,
    examples: [
      {
        prospectListId: '6b08edb8829f97ef98603975',
        origin: { name: 'n8n' },
        prospects: [{ url: 'https://www.linkedin.com/in/john-doe-123456', customProfile: { firstName: 'John', lastName: 'Doe' } }],
      },
    ],
  },
);
export type ImportJobJsonBody = Static<typeof ImportJobJsonBody>;
