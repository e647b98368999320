import { Type, type Static } from '@sinclair/typebox';
import { ImportRequest } from './import.js';

// The web app's prospect table, prospect page, bulk actions and CSV import .


export const CampaignRef = Type.Object({ id: Type.String(), name: Type.String(), state: Type.String() });
export type CampaignRef = Static<typeof CampaignRef>;

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

/** The app's CSV import: the API's request without origin (the app labels it "CSV"). */
export const AppImportRequest = Type.Omit(ImportRequest, ['origin']);
export type AppImportRequest = Static<typeof AppImportRequest>;
