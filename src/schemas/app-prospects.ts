import { Type, type Static } from '@sinclair/typebox';
import { PROSPECT_SORTS } from '../store/app-prospects.js';
import { ImportRequest } from './import.js';

// The web app's prospect table, prospect page, bulk actions and CSV import .

export const ProspectPageQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(Type.Union(PROSPECT_SORTS.map((s) => Type.Literal(s)))),
  dir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  after: Type.Optional(Type.String({ maxLength: 2000, description: 'cursor of the last row seen' })),
  before: Type.Optional(Type.String({ maxLength: 2000, description: 'cursor of the first row seen' })),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
});
export type ProspectPageQuery = Static<typeof ProspectPageQuery>;

const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);

export const CampaignRef = Type.Object({ id: Type.String(), name: Type.String(), state: Type.String() });
export type CampaignRef = Static<typeof CampaignRef>;

export const ProspectRowSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  occupation: Nullable(Type.String()),
  company: Nullable(Type.String()),
  email: Nullable(Type.String()),
  originLabel: Type.String(),
  createdAt: Type.String(),
  linkedinUrl: Type.String(),
  campaign: Type.Union([CampaignRef, Type.Null()]),
});
export type ProspectRowSchema = Static<typeof ProspectRowSchema>;

export const ProspectPage = Type.Object({
  items: Type.Array(ProspectRowSchema),
  total: Type.Integer({ description: 'exact: the rows matching the search in this list' }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  prevCursor: Type.Union([Type.String(), Type.Null()]),
});
export type ProspectPage = Static<typeof ProspectPage>;

export const ProspectDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  linkedinUrl: Type.String(),
  profile: Type.Record(Type.String(), Type.Unknown()),
  customVariables: Type.Array(Type.Object({ label: Type.String(), value: Type.Union([Type.String(), Type.Null()]) })),
  list: Type.Object({ id: Type.String(), name: Type.String() }),
  originLabel: Type.String(),
  duplicateOf: Type.Union([Type.String(), Type.Null()]),
  campaign: Type.Union([CampaignRef, Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  history: Type.Array(
    Type.Object({
      at: Type.String(),
      kind: Type.Union([Type.Literal('import'), Type.Literal('move'), Type.Literal('enrolment')]),
      text: Type.String(),
      eventId: Type.Optional(Type.String()),
      campaignId: Type.Optional(Type.String()),
    }),
  ),
});
export type ProspectDetail = Static<typeof ProspectDetail>;

const Ids = Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 1000 });
export const MoveRequest = Type.Object({ ids: Ids, listId: Type.String({ maxLength: 64 }) });
export const DeleteRequest = Type.Object({ ids: Ids });
export const EnrolRequest = Type.Object({ ids: Ids, campaignId: Type.String({ maxLength: 64 }) });
export type MoveRequest = Static<typeof MoveRequest>;
export type DeleteRequest = Static<typeof DeleteRequest>;
export type EnrolRequest = Static<typeof EnrolRequest>;
export const MoveAnswer = Type.Object({
  moved: Type.Integer(),
  skipped: Type.Integer({ description: 'left where they were: the same profile is already in the target list' }),
});
export const DeleteAnswer = Type.Object({ deleted: Type.Integer() });
export const EnrolAnswer = Type.Object({
  counts: Type.Record(Type.String(), Type.Integer()),
  reasons: Type.Optional(Type.Array(Type.String(), { description: 'why, for refusals the code alone does not explain (do-not-contact)' })),
});
export type MoveAnswer = Static<typeof MoveAnswer>;
export type DeleteAnswer = Static<typeof DeleteAnswer>;
export type EnrolAnswer = Static<typeof EnrolAnswer>;

/** The app's CSV import: the API's request without origin (the app labels it "CSV"). */
export const AppImportRequest = Type.Omit(ImportRequest, ['origin']);
export type AppImportRequest = Static<typeof AppImportRequest>;
