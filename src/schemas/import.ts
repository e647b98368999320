import { Type, type Static } from '@sinclair/typebox';

// The import request and answer (docs/api.md), declared once: the validator, the TypeScript types
// and the OpenAPI entry all come from here. Optional text fields also take null or "" (automation
// tools send unmapped fields that way); both mean "no value".

const Text = (maxLength: number, description?: string) =>
  Type.Union([Type.String({ maxLength }), Type.Null()], description ? { description } : {});

export const PHONE_TYPES = ['mobile', 'work', 'home', 'other'] as const;

export const PhoneNumber = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 50 }),
  type: Type.Union(PHONE_TYPES.map((t) => Type.Literal(t))),
});

// The n8n node sends {day} alone when only the day is filled in: each part is optional.
export const Birthday = Type.Object({
  day: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
});

export const Company = Type.Object({
  name: Type.Optional(Text(200)),
  linkedinUrl: Type.Optional(Text(2048)),
  website: Type.Optional(Text(2048)),
});

export const CustomProfile = Type.Object({
  firstName: Type.Optional(Text(200)),
  lastName: Type.Optional(Text(200)),
  occupation: Type.Optional(Text(500)),
  email: Type.Optional(Text(320)),
  region: Type.Optional(Text(200)),
  phoneNumbers: Type.Optional(Type.Union([Type.Array(PhoneNumber, { maxItems: 10 }), Type.Null()])),
  birthday: Type.Optional(Type.Union([Birthday, Type.Null()])),
  company: Type.Optional(Type.Union([Company, Type.Null()])),
});
export type CustomProfile = Static<typeof CustomProfile>;

/** Values over 1000 characters are a per-prospect outcome (custom_variable_exceeds_1000_chars), not a request error. */
export const CUSTOM_VARIABLE_MAX = 1000;

export const CustomVariable = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 100 }),
  value: Type.Union([Type.String({ maxLength: 100_000 }), Type.Null()]),
});
export type CustomVariable = Static<typeof CustomVariable>;

export const ProspectInput = Type.Object({
  url: Type.String({ maxLength: 2048, description: 'LinkedIn profile URL' }),
  customProfile: Type.Optional(Type.Union([CustomProfile, Type.Null()])),
  customVariables: Type.Optional(Type.Union([Type.Array(CustomVariable, { maxItems: 50 }), Type.Null()])),
});
export type ProspectInput = Static<typeof ProspectInput>;

export const ImportRequest = Type.Object({
  prospects: Type.Array(ProspectInput, { minItems: 1, description: 'at most MAX_BATCH (default 1000)' }),
  prospectListId: Type.String({ minLength: 1, maxLength: 64 }),
  origin: Type.Object({ name: Type.String({ maxLength: 1000, description: '1-64 printable characters after trimming' }) }),
  campaignId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  canCreateDuplicates: Type.Optional(Type.Boolean({ default: false })),
  moveDuplicatesToOtherList: Type.Optional(Type.Boolean({ default: false })),
  shouldOverwriteCustomProfileData: Type.Optional(Type.Boolean({ default: false })),
  addExistingProspectInCampaign: Type.Optional(Type.Boolean({ default: false })),
  addDuplicateProspectsToCampaign: Type.Optional(Type.Boolean({ description: 'alias of addExistingProspectInCampaign' })),
}, {
  examples: [
    {
      prospectListId: '6b08edb8829f97ef98603975',
      origin: { name: 'n8n' },
      prospects: [{ url: 'https://www.linkedin.com/in/john-doe-123456', customProfile: { firstName: 'John', lastName: 'Doe' } }],
    },
  ],
});
export type ImportRequest = Static<typeof ImportRequest>;

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(
    Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')], {
      description: 'true: answer as if imported, write nothing',
    }),
  ),
});

export const IMPORT_CODES = [
  'success',
  'duplicated_prospect',
  'prospect_successfully_moved_to_another_list',
  'failed_to_change_prospect_list',
  'max_limit_crm',
  'custom_variable_exceeds_1000_chars',
  'profile_deleted',
  'server_error',
  'unknown_error',
] as const;
export type ImportCode = (typeof IMPORT_CODES)[number];

export const CAMPAIGN_CODES = [
  'success',
  'already_in_campaign',
  'cant_add_prospect_campaign_not_exist',
  'cant_add_prospect_campaign_is_archived',
  'prospect_does_not_match_preconditions',
  'unknown_error',
] as const;
export type AddToCampaignCode = (typeof CAMPAIGN_CODES)[number];

// The answer schemas also drive serialisation (fast-json-stringify). A union (anyOf) there makes the
// serialiser validate every value against each branch to pick one, which for a 1,000-prospect answer
// cost more than building it; JSON Schema's type arrays and enums describe the same JSON (OpenAPI
// 3.1) and serialise without that search (docs/benchmarks.md).
const NullableText = Type.Unsafe<string | null>({ type: ['string', 'null'] });

const codeOf = <T extends string>(codes: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...codes] });

// Waalaxy's published answer types these as strings and has every result item carry a prospect
// with a profile (test/support/waalaxy-shapes.ts): a string field that is not known is left out,
// never null. lastName is the exception Waalaxy's own schema allows to be null.
export const ProspectProfile = Type.Object({
  firstName: Type.Optional(Type.String()),
  lastName: NullableText,
  publicIdentifier: Type.Optional(Type.String()),
  memberId: Type.Optional(Type.String()),
  salesMemberId: Type.Optional(Type.String()),
  linkedinUrl: Type.String(),
  occupation: Type.Optional(NullableText),
  email: Type.Optional(NullableText),
  region: Type.Optional(NullableText),
  phoneNumbers: Type.Optional(Type.Array(PhoneNumber)),
  birthday: Type.Optional(Birthday),
  company: Type.Optional(
    Type.Object({ name: Type.Optional(NullableText), linkedinUrl: Type.Optional(NullableText), website: Type.Optional(NullableText) }),
  ),
});
export type ProspectProfile = Static<typeof ProspectProfile>;

/**
 * The prospect a result item is about. `_id`, `listId` and `customVariables` only when it is one of
 * the caller's (created, found, moved); otherwise (CRM full, a teammate's profile) the profile holds
 * what the request said: the identity read from the URL and the names sent, nothing stored.
 */
export const ResultProspect = Type.Object({
  _id: Type.Optional(Type.String()),
  listId: Type.Optional(Type.String()),
  profile: ProspectProfile,
  customVariables: Type.Optional(Type.Array(Type.Object({ label: Type.String(), value: Type.String() }))),
});
export type ResultProspect = Static<typeof ResultProspect>;

export const ImportResultItem = Type.Object({
  importCode: codeOf(IMPORT_CODES),
  addToCampaignCode: Type.Optional(codeOf(CAMPAIGN_CODES)),
  prospect: ResultProspect,
  message: NullableText,
});
export type ImportResultItem = Static<typeof ImportResultItem>;

export const Warning = Type.Object({ path: Type.String(), message: Type.String() });
export type Warning = Static<typeof Warning>;

export const ImportAnswer = Type.Object({
  result: Type.Array(ImportResultItem),
  warnings: Type.Array(Warning),
  dryRun: Type.Boolean(),
  activityId: NullableText,
}, {
  examples: [
    {
      result: [
        {
          importCode: 'success',
          message: null,
          prospect: {
            _id: '6b08edc0829f97ef9860397c',
            listId: '6b08edb8829f97ef98603975',
            profile: { firstName: 'John', lastName: 'Doe', publicIdentifier: 'john-doe-123456', linkedinUrl: 'https://www.linkedin.com/in/john-doe-123456' },
            customVariables: [],
          },
        },
      ],
      warnings: [],
      dryRun: false,
      activityId: '6b08edc0829f97ef9860397d',
    },
  ],
});
export type ImportAnswer = Static<typeof ImportAnswer>;
