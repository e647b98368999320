import { Type, type Static } from '@sinclair/typebox';
import type { ApiKeyRow, CampaignRow, ProspectListRow } from '../store/schema.js';
import { EnrolmentStateSchema, ExecutorDeliverySchema } from './campaign-executors.js';
import { PageOf, PageQueryFields } from './page.js';
import { Scope, SCOPES, storedScopes } from './scopes.js';

// /v1's lists, campaigns, enrolments and API keys (docs/v1.md). Keys never carry their secret, except the
// one answer that creates them.

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'a #rrggbb colour' });
// Request bodies refuse fields they do not declare (400 naming the field): nothing is dropped silently.
// A name is trimmed before it is stored; blanks only and hidden characters are refused by
// src/engine/display-name.ts, which names the rule at fault (a schema pattern could not).
const Name = Type.String({ minLength: 1, maxLength: 100, description: 'trimmed; refused if only spaces or holding invisible or direction-changing characters' });
const IconLabel = Type.String({ minLength: 1, maxLength: 2, description: 'one or two characters shown in the list icon' });

const LIST_EXAMPLE = {
  id: '6750a1c2e4b0f1a2b3c4d5e6',
  name: 'Founders Paris',
  iconColor: '#2563eb',
  iconLabel: 'F',
  totalProspects: 42,
  createdAt: '2026-12-01T09:30:00.000Z',
  updatedAt: '2026-12-02T14:05:12.000Z',
};

export const AppList = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    iconColor: Type.String(),
    iconLabel: Type.String(),
    totalProspects: Type.Integer({ description: 'exact: kept in the same transaction as every change (docs/api.md#counts)' }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { examples: [LIST_EXAMPLE] },
);
export type AppList = Static<typeof AppList>;

export const ListPage = PageOf(AppList);
export type ListPage = Static<typeof ListPage>;

export const NewListRequest = Type.Object(
  { name: Name, iconColor: Type.Optional(Color), iconLabel: Type.Optional(IconLabel) },
  { additionalProperties: false, examples: [{ name: 'Founders Paris', iconColor: '#2563eb' }] },
);

export const ListChanges = Type.Object(
  { name: Type.Optional(Name), iconColor: Type.Optional(Color), iconLabel: Type.Optional(IconLabel) },
  { additionalProperties: false, examples: [{ name: 'Founders Lyon', iconColor: '#16a34a', iconLabel: 'FL' }] },
);
export type NewListRequest = Static<typeof NewListRequest>;
export type ListChanges = Static<typeof ListChanges>;

export const ListDeleted = Type.Object(
  {
    deletedProspects: Type.Integer({ description: "the list's prospects, deleted with it (their enrolments too)" }),
    promotedCopies: Type.Integer({ description: 'copies in other lists of a deleted original that became the original in its place' }),
  },
  { examples: [{ deletedProspects: 42, promotedCopies: 1 }] },
);
export type ListDeleted = Static<typeof ListDeleted>;

export function renderAppList(row: ProspectListRow): AppList {
  return {
    id: row.id,
    name: row.name,
    iconColor: row.icon_color,
    iconLabel: row.icon_label,
    totalProspects: Number(row.total_prospects),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const CampaignStateSchema = Type.Union([Type.Literal('draft'), Type.Literal('running'), Type.Literal('paused'), Type.Literal('archived')]);

export const AppCampaign = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    state: CampaignStateSchema,
    requiresEmail: Type.Boolean({ description: 'the precondition: only prospects with an email may enrol' }),
    executorId: Type.Union([Type.String(), Type.Null()], { description: 'the webhook endpoint each enrolment is handed to (docs/webhooks.md#executors); null: none' }),
    enrolled: Type.Integer({ description: 'prospects ever enrolled' }),
    active: Type.Integer({ description: 'prospects travelling it now' }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  {
    examples: [
      { id: '6750a1c2e4b0f1a2b3c4d5f0', name: 'Q1 outreach', state: 'running', requiresEmail: false, executorId: '6750a1c2e4b0f1a2b3c4d5aa', enrolled: 120, active: 95, createdAt: '2026-12-01T09:31:00.000Z', updatedAt: '2026-12-01T09:31:00.000Z' },
    ],
  },
);
export type AppCampaign = Static<typeof AppCampaign>;

export const CampaignPage = PageOf(AppCampaign);
export type CampaignPage = Static<typeof CampaignPage>;

export const CampaignQuery = Type.Object({ ...PageQueryFields, state: Type.Optional(CampaignStateSchema) });

const ExecutorId = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()], {
  description: 'one of your webhook endpoints: each enrolment is delivered to it while the campaign runs (docs/webhooks.md#executors); null: none',
});

export const NewCampaignRequest = Type.Object(
  {
    name: Name,
    requiresEmail: Type.Optional(Type.Boolean({ default: false })),
    state: Type.Optional(Type.Union([Type.Literal('running'), Type.Literal('draft')], { default: 'running', description: 'a draft enrols nobody until started, and may be deleted' })),
    executorId: Type.Optional(ExecutorId),
  },
  { additionalProperties: false, examples: [{ name: 'Q1 outreach', requiresEmail: true, state: 'draft', executorId: '6750a1c2e4b0f1a2b3c4d5aa' }] },
);

export const CampaignChanges = Type.Object(
  { name: Type.Optional(Name), requiresEmail: Type.Optional(Type.Boolean()), executorId: Type.Optional(ExecutorId) },
  { additionalProperties: false, examples: [{ name: 'Q1 outreach (EMEA)', requiresEmail: false, executorId: null }] },
);

export const CampaignStateChange = Type.Object(
  { state: Type.Union([Type.Literal('running'), Type.Literal('paused'), Type.Literal('archived')]) },
  { additionalProperties: false, examples: [{ state: 'paused' }] },
);
export type NewCampaignRequest = Static<typeof NewCampaignRequest>;
export type CampaignChanges = Static<typeof CampaignChanges>;
export type CampaignStateChange = Static<typeof CampaignStateChange>;

/** One enrolment of a campaign: the prospect, its list, and whether it travels the campaign now. */
export const Enrolment = Type.Object(
  {
    id: Type.String({ description: 'the enrolment: GET /v1/enrolments/{id} has its timeline' }),
    prospectId: Type.String(),
    name: Type.String(),
    linkedinUrl: Type.String(),
    company: Type.Union([Type.String(), Type.Null()]),
    list: Type.Object({ id: Type.String(), name: Type.String() }),
    active: Type.Boolean({ description: 'travels the campaign now; false once unenrolled, ended by a step, or the campaign was archived' }),
    state: EnrolmentStateSchema,
    executorDelivery: ExecutorDeliverySchema,
    enrolledAt: Type.String(),
    updatedAt: Type.String({ description: 'when it last changed: the end of an ended enrolment' }),
  },
  {
    examples: [
      {
        id: '6750a1c2e4b0f1a2b3c4d700',
        prospectId: '6750a1c2e4b0f1a2b3c4d600',
        name: 'Ada Lovelace',
        linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
        company: 'Analytical Engines',
        list: { id: '6750a1c2e4b0f1a2b3c4d5e6', name: 'Founders Paris' },
        active: true,
        state: 'contacted',
        executorDelivery: 'delivered',
        enrolledAt: '2026-12-02T10:00:00.000Z',
        updatedAt: '2026-12-02T10:00:00.000Z',
      },
    ],
  },
);
export type Enrolment = Static<typeof Enrolment>;

export const EnrolmentPage = PageOf(Enrolment);
export type EnrolmentPage = Static<typeof EnrolmentPage>;

export const EnrolmentQuery = Type.Object({
  ...PageQueryFields,
  active: Type.Optional(Type.Boolean({ description: 'true: travelling it now; false: ended' })),
  order: Type.Optional(Type.Union([Type.Literal('oldest'), Type.Literal('newest')], { default: 'oldest', description: 'by enrolment time' })),
});

export const EnrolmentParams = Type.Object({ id: IdParams.properties.id, prospectId: IdParams.properties.id });

export const EnrolmentRequest = Type.Object(
  { prospectIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 1000, description: 'at most 1,000; repeats count once' }) },
  { additionalProperties: false, examples: [{ prospectIds: ['6750a1c2e4b0f1a2b3c4d600', '6750a1c2e4b0f1a2b3c4d601'] }] },
);
export type EnrolmentRequest = Static<typeof EnrolmentRequest>;

const EnrolCodeSchema = Type.Union([Type.Literal('success'), Type.Literal('already_in_campaign'), Type.Literal('prospect_does_not_match_preconditions')]);

export const EnrolmentAnswer = Type.Object(
  {
    results: Type.Array(
      Type.Object({
        prospectId: Type.String(),
        addToCampaignCode: Type.Union([EnrolCodeSchema, Type.Null()], { description: 'as the import answers it (docs/api.md#campaign-codes); null when the prospect is not found' }),
        problemCode: Type.Union([Type.Literal('R000404-001'), Type.Null()], { description: 'R000404-001: no such prospect among yours' }),
      }),
      { description: 'one per distinct id, in the order sent' },
    ),
    counts: Type.Record(Type.String(), Type.Integer(), { description: 'per addToCampaignCode, and notFound' }),
    reasons: Type.Optional(Type.Array(Type.String(), { description: 'why, in words, for refusals the code alone does not explain (a do-not-contact person or list)' })),
  },
  {
    examples: [
      {
        results: [
          { prospectId: '6750a1c2e4b0f1a2b3c4d600', addToCampaignCode: 'success', problemCode: null },
          { prospectId: '6750a1c2e4b0f1a2b3c4d601', addToCampaignCode: 'already_in_campaign', problemCode: null },
        ],
        counts: { success: 1, already_in_campaign: 1 },
      },
    ],
  },
);
export type EnrolmentAnswer = Static<typeof EnrolmentAnswer>;

export function renderAppCampaign(row: CampaignRow, counts: { enrolled: number; active: number } | undefined): AppCampaign {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    requiresEmail: row.requires_email === 1,
    executorId: row.executor_endpoint_id,
    enrolled: counts?.enrolled ?? 0,
    active: counts?.active ?? 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const KEY_EXAMPLE = {
  id: '6b08edb8829f97ef98603980',
  name: 'n8n production',
  prefix: 'ph_live_Xk3q',
  createdAt: '2026-12-02T09:30:00.000Z',
  lastUsedAt: '2026-12-02T10:02:00.000Z',
  revokedAt: null,
  scopes: ['import', 'read'],
};

export const AppKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'the first characters of the secret, to recognise it' }),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Scope, { description: 'what the key may do (docs/v1.md#scopes)' }),
}, { examples: [KEY_EXAMPLE] });
export type AppKey = Static<typeof AppKey>;

export const NewKeyRequest = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  scopes: Type.Optional(Type.Array(Scope, { uniqueItems: true, minItems: 1, maxItems: SCOPES.length, description: 'default ["import"]: the compatible endpoints only' })),
}, { examples: [{ name: 'n8n production', scopes: ['import', 'read'] }] });
export type NewKeyRequest = Static<typeof NewKeyRequest>;

export const CreatedKeyAnswer = Type.Object({
  key: AppKey,
  secret: Type.String({ description: 'shown this once; only its SHA-256 is kept' }),
}, { examples: [{ key: KEY_EXAMPLE, secret: 'ph_live_Xk3qV2m9Rt7wLp0aZc4yHn8sBd6fGj1e' }] });
export type CreatedKeyAnswer = Static<typeof CreatedKeyAnswer>;

export function renderAppKey(row: ApiKeyRow): AppKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    scopes: storedScopes(row.scopes),
  };
}
