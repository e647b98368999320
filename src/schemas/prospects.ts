import { Type, type Static } from '@sinclair/typebox';
import { CustomProfile, CustomVariable } from './import.js';
import { CampaignRef } from './app-prospects.js';
import { MAX_PAGE_SIZE, PageOf, PageQueryFields } from './page.js';

// /v1/prospects (docs/v1.md#prospects): the filters, the item of a page, a change, a bulk action.

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Instant = (description: string) => Type.String({ maxLength: 40, description: `${description}; an ISO-8601 date or date-time, exclusive` });

export const ProspectIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, examples: ['6750a1f2c3d4e5f6a7b8c9d0'] }) });

export const ENROLMENT_STATES = ['active', 'ended', 'none'] as const;

/** The filters of the list, and of a bulk action's `filter`: every one given must hold. */
export const ProspectFilterFields = {
  listId: Type.Optional(Id),
  campaignId: Type.Optional({ ...Id, description: 'enrolled in this campaign (active or ended)' }),
  origin: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the origin name the prospect was imported with, e.g. "CSV"' })),
  createdAfter: Type.Optional(Instant('created after')),
  createdBefore: Type.Optional(Instant('created before')),
  updatedAfter: Type.Optional(Instant('last changed after')),
  updatedBefore: Type.Optional(Instant('last changed before')),
  hasEmail: Type.Optional(Type.Boolean()),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'carrying this tag (docs/v1.md#tags-and-notes); case ignored' })),
  // The table's filters (docs/v1.md#prospects): an import, the enrolment state, company, a variable.
  importId: Type.Optional({ ...Id, description: 'created or updated by this import (an activity id)' }),
  enrolment: Type.Optional(
    Type.Union(ENROLMENT_STATES.map((s) => Type.Literal(s)), {
      description: 'active: travels a campaign now (campaignId: that one); ended: was enrolled, travels none now (campaignId: left that one); none: travels no campaign now (campaignId: never enrolled in it)',
    }),
  ),
  company: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'text in the company name; case ignored' })),
  variable: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'has this custom variable (by label) with a value' })),
  variableValue: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'with `variable`: its value is exactly this' })),
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'text in the first or last name, company, public identifier or URL; case and accents ignored' }),
  ),
};
export const ProspectFilter = Type.Object(ProspectFilterFields, { additionalProperties: false });
export type ProspectFilter = Static<typeof ProspectFilter>;

// A query string carries text only, and the validator coerces nothing (src/http/app.ts): the list's
// limit and hasEmail are patterns here, read into numbers and booleans by its route.
const FilterQueryFields = { ...ProspectFilterFields, hasEmail: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) };

/** Most rows a page may skip with `offset`: a jump to a deep page of a large CRM asks for a narrower filter. */
export const MAX_OFFSET = 100_000;

export const ProspectListQuery = Type.Object(
  {
    ...FilterQueryFields,
    limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: `items per page, 1 to ${MAX_PAGE_SIZE}; 50 when absent` })),
    cursor: PageQueryFields.cursor,
    offset: Type.Optional(
      Type.String({ pattern: '^(0|[1-9][0-9]{0,5})$', description: `without cursor: skip this many matching rows first, at most ${MAX_OFFSET.toLocaleString('en-US')} (a jump to a page)` }),
    ),
  },
  { additionalProperties: false, examples: [{ listId: '6750a1f2c3d4e5f6a7b8c9aa', hasEmail: 'true', q: 'lovelace', limit: '100' }] },
);
export type ProspectListQuery = Static<typeof ProspectListQuery>;

export const ProspectCountQuery = Type.Object(FilterQueryFields, { additionalProperties: false, examples: [{ listId: '6750a1f2c3d4e5f6a7b8c9aa', hasEmail: 'true' }] });
export type ProspectCountQuery = Static<typeof ProspectCountQuery>;

export const ProspectCount = Type.Object(
  { total: Type.Integer({ description: 'exactly how many of your prospects match the filters' }) },
  { examples: [{ total: 4950 }] },
);
export type ProspectCount = Static<typeof ProspectCount>;

const ITEM_EXAMPLE = {
        id: '6750a1f2c3d4e5f6a7b8c9d0',
        name: 'Ada Lovelace',
        firstName: 'Ada',
        lastName: 'Lovelace',
        linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
        listId: '6750a1f2c3d4e5f6a7b8c9aa',
        occupation: 'Analyst',
        company: 'Analytical Engines',
        email: 'ada@example.com',
        origin: 'n8n',
        originLabel: 'API-n8n',
        duplicateOf: null,
        campaign: null,
        tags: ['VIP'],
        customVariables: [{ label: 'source', value: 'webinar' }],
        createdAt: '2026-12-02T10:00:00.000Z',
        updatedAt: '2026-12-02T10:00:00.000Z',
      };

const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);

export const ProspectItem = Type.Object(
  {
    id: Type.String(),
    name: Type.String({ description: 'first and last name, or the profile identifier when there is none' }),
    firstName: Nullable(Type.String()),
    lastName: Nullable(Type.String()),
    linkedinUrl: Type.String(),
    listId: Type.String(),
    occupation: Nullable(Type.String()),
    company: Nullable(Type.String()),
    email: Nullable(Type.String()),
    origin: Type.String(),
    originLabel: Type.String(),
    duplicateOf: Nullable(Type.String()),
    campaign: Type.Union([CampaignRef, Type.Null()], { description: 'the campaign the prospect travels now' }),
    tags: Type.Array(Type.String(), { description: 'its tags, in name order (docs/v1.md#tags-and-notes)' }),
    customVariables: Type.Array(Type.Object({ label: Type.String(), value: Nullable(Type.String()) }), { description: 'as imported or changed, by label' }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  {
    examples: [ITEM_EXAMPLE],
  },
);
export type ProspectItem = Static<typeof ProspectItem>;

export const ProspectItemPage = { ...PageOf(ProspectItem), examples: [{ data: [ITEM_EXAMPLE], nextCursor: 'WyIyMDI2LTEyLTAyVDEwOjAwOjAwLjAwMFoiLCI2NzUwYTFmMmMzZDRlNWY2YTdiOGM5ZDAiXQ' }] };
export type ProspectItemPage = Static<typeof ProspectItemPage>;

export const LookupQuery = Type.Object(
  { url: Type.String({ maxLength: 2048, description: 'any LinkedIn profile URL shape the import accepts (docs/api.md#linkedin-urls)' }) },
  { additionalProperties: false, examples: [{ url: 'http://fr.linkedin.com/in/Ada-Lovelace/?trk=x' }] },
);
export const LookupAnswer = Type.Object(
  { data: Type.Array(ProspectItem, { description: 'every copy of that person in your CRM, the original first' }) },
  { examples: [{ data: [ITEM_EXAMPLE] }] },
);
export type LookupAnswer = Static<typeof LookupAnswer>;

/** A custom variable of a change: as imported, with the value's limit checked up front. */
const ChangedVariable = Type.Object({ label: CustomVariable.properties.label, value: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]) });

export const ProspectChanges = Type.Object(
  {
    profile: Type.Optional(CustomProfile),
    customVariables: Type.Optional(Type.Array(ChangedVariable, { maxItems: 50, description: 'by label; a null value carries nothing' })),
    listId: Type.Optional({ ...Id, description: 'move the prospect to this list of yours' }),
    overwrite: Type.Optional(Type.Boolean({ default: false, description: 'false: fill empty fields only (as an import does); true: replace existing values' })),
  },
  {
    additionalProperties: false,
    examples: [{ profile: { email: 'ada@example.com', company: { name: 'Analytical Engines' } }, customVariables: [{ label: 'source', value: 'fair' }], overwrite: false }],
  },
);
export type ProspectChanges = Static<typeof ProspectChanges>;

export const BULK_ACTIONS = ['move', 'delete', 'enrol', 'tag', 'untag'] as const;

export const BulkRequest = Type.Object(
  {
    action: Type.Union(BULK_ACTIONS.map((a) => Type.Literal(a))),
    ids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 1000 })),
    filter: Type.Optional(ProspectFilter),
    listId: Type.Optional({ ...Id, description: 'move: the target list' }),
    campaignId: Type.Optional({ ...Id, description: 'enrol: the campaign' }),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: 50, description: 'tag, untag: the tag names' })),
  },
  {
    additionalProperties: false,
    description: 'exactly one of ids and filter; a filter selects every matching prospect of yours, not one page',
    examples: [
      { action: 'move', ids: ['6750a1f2c3d4e5f6a7b8c9d0'], listId: '6750a1f2c3d4e5f6a7b8c9aa' },
      { action: 'enrol', filter: { listId: '6750a1f2c3d4e5f6a7b8c9aa', hasEmail: true }, campaignId: '6750a1f2c3d4e5f6a7b8c9bb' },
      { action: 'tag', filter: { origin: 'CSV' }, tags: ['Event 2026'] },
    ],
  },
);
export type BulkRequest = Static<typeof BulkRequest>;

export const BulkAnswer = Type.Object(
  {
    action: Type.Union(BULK_ACTIONS.map((a) => Type.Literal(a))),
    selected: Type.Integer({ description: 'how many ids were sent, or prospects matched the filter' }),
    counts: Type.Record(Type.String(), Type.Integer(), {
      description: 'exact, per outcome; they add up to `selected`. move: moved, skipped (the profile is already in the list), not_found; delete: deleted, not_found; enrol: the enrolment codes of docs/api.md#campaign-codes, not_found; tag: tagged, unchanged (had every tag), not_found; untag: untagged, unchanged (had none of them), not_found',
    }),
    reasons: Type.Optional(Type.Array(Type.String(), { description: 'why, in words, for refusals the code alone does not explain (a do-not-contact person or list)' })),
    alreadyIn: Type.Optional(
      Type.Array(Type.Object({ campaign: CampaignRef, count: Type.Integer() }), {
        description: 'enrol: the campaigns holding the prospects counted already_in_campaign, with how many each; most first',
      }),
    ),
  },
  { examples: [{ action: 'move', selected: 3, counts: { moved: 2, skipped: 0, not_found: 1 } }] },
);
export type BulkAnswer = Static<typeof BulkAnswer>;
