import { Type, type Static } from '@sinclair/typebox';
import { PageOf, PageQueryFields } from './page.js';
import { UndoCounts } from './undo.js';

// The activity feed (docs/v1.md#activity): every import, labelled by its origin, with its
// per-prospect outcomes.

const Counts = Type.Object({
  importCodes: Type.Record(Type.String(), Type.Integer()),
  addToCampaignCodes: Type.Record(Type.String(), Type.Integer()),
});

export const ActivityItem = Type.Object(
  {
    id: Type.String(),
    createdAt: Type.String(),
    origin: Type.String({ description: 'the origin name the import sent; CSV for the app' }),
    originLabel: Type.String({ description: 'Make, Zapier, n8n, API-<name>, or CSV for the app' }),
    integrationOrigin: Type.Union([Type.String(), Type.Null()]),
    keyName: Type.Union([Type.String(), Type.Null()]),
    list: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], { description: 'null once the list was deleted' }),
    campaign: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
    prospectCount: Type.Integer(),
    counts: Counts,
    revertedAt: Type.Union([Type.String(), Type.Null()], { description: 'when the import was undone (POST /v1/activity/{id}/undo); null while it stands' }),
    undo: Type.Union([UndoCounts, Type.Null()], { description: 'what its undo did; null while it stands' }),
    undoableUntil: Type.Union([Type.String(), Type.Null()], { description: 'until when it can be undone; null when it no longer can (undone, or older than the undo window)' }),
  },
  {
    examples: [
      {
        id: '6750b3d4e4b0f1a2b3c4d700',
        createdAt: '2026-12-02T10:00:00.000Z',
        origin: 'n8n',
        originLabel: 'n8n',
        integrationOrigin: null,
        keyName: 'n8n production',
        list: { id: '6750a1c2e4b0f1a2b3c4d5e6', name: 'Founders Paris' },
        campaign: { id: '6750a1c2e4b0f1a2b3c4d5f0', name: 'Q1 outreach' },
        prospectCount: 2,
        counts: { importCodes: { success: 1, duplicated_prospect: 1 }, addToCampaignCodes: { success: 1 } },
        revertedAt: null,
        undo: null,
        undoableUntil: '2026-12-09T10:00:00.000Z',
      },
    ],
  },
);
export type ActivityItem = Static<typeof ActivityItem>;

export const ActivityPage = PageOf(ActivityItem);
export type ActivityPage = Static<typeof ActivityPage>;

const Instant = (description: string) => Type.String({ format: 'date-time', description });

export const ActivityQuery = Type.Object({
  ...PageQueryFields,
  origin: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'imports with this origin name (CSV for the app)' })),
  listId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'imports into this list' })),
  after: Type.Optional(Instant('imports at or after this ISO-8601 time')),
  before: Type.Optional(Instant('imports strictly before this ISO-8601 time')),
  job: Type.Optional(Type.Boolean({ description: "true: only the requests import jobs' chunks wrote; false: only the others (GET /v1/imports lists the jobs)" })),
});
export type ActivityQuery = Static<typeof ActivityQuery>;

export const Outcome = Type.Object(
  {
    position: Type.Integer({ description: "the prospect's place in the import, from 0" }),
    url: Type.Union([Type.String(), Type.Null()]),
    importCode: Type.String(),
    addToCampaignCode: Type.Union([Type.String(), Type.Null()]),
    prospectId: Type.Union([Type.String(), Type.Null()]),
    message: Type.Union([Type.String(), Type.Null()]),
  },
  {
    examples: [
      { position: 0, url: 'https://www.linkedin.com/in/ada-lovelace', importCode: 'success', addToCampaignCode: 'success', prospectId: '6750a1c2e4b0f1a2b3c4d600', message: null },
    ],
  },
);
export type Outcome = Static<typeof Outcome>;

export const OutcomePage = PageOf(Outcome);
export type OutcomePage = Static<typeof OutcomePage>;

export const OutcomeQuery = Type.Object({
  ...PageQueryFields,
  importCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'only the outcomes with this importCode' })),
  addToCampaignCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'only the outcomes with this addToCampaignCode' })),
  failed: Type.Optional(Type.Boolean({ description: 'true: only the prospects that failed (see FAILURE_CODES); false: only the others' })),
});
export type OutcomeQuery = Static<typeof OutcomeQuery>;

/**
 * The codes that say a prospect failed: it was not imported, or not enrolled, for a reason to act on.
 * A duplicate left where it is and `already_in_campaign` are outcomes, not failures.
 */
export const FAILURE_CODES: ReadonlySet<string> = new Set([
  'failed_to_change_prospect_list',
  'max_limit_crm',
  'custom_variable_exceeds_1000_chars',
  'profile_deleted',
  'server_error',
  'unknown_error',
  'cant_add_prospect_campaign_not_exist',
  'cant_add_prospect_campaign_is_archived',
  'prospect_does_not_match_preconditions',
]);

/** GET /v1/activity/by-day: the imports of the last `days` UTC days, per day and origin (docs/v1.md#activity). */
export const ImportsByDayQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30, description: 'UTC days back, today included' })),
});
export type ImportsByDayQuery = Static<typeof ImportsByDayQuery>;

export const ImportsByDay = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'the first UTC day counted' }),
    to: Type.String({ format: 'date', description: 'today (UTC)' }),
    data: Type.Array(
      Type.Object({
        day: Type.String({ format: 'date' }),
        origin: Type.String({ description: 'the origin label, as the activity feed shows it' }),
        imports: Type.Integer(),
        prospects: Type.Integer({ description: 'prospects the imports sent' }),
        added: Type.Integer({ description: 'prospects they added (importCode success)' }),
      }),
      { description: 'days without imports are left out; by day, then origin' },
    ),
  },
  {
    examples: [
      {
        from: '2026-11-04',
        to: '2026-12-03',
        data: [
          { day: '2026-12-02', origin: 'CSV', imports: 3, prospects: 2500, added: 2480 },
          { day: '2026-12-02', origin: 'n8n', imports: 12, prospects: 40, added: 38 },
        ],
      },
    ],
  },
);
export type ImportsByDay = Static<typeof ImportsByDay>;
