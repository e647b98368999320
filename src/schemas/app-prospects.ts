import { Type, type Static } from '@sinclair/typebox';
import { ImportRequest } from './import.js';

// One prospect as GET /v1/prospects/:id shows it, and the app's CSV import.

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
  tags: Type.Array(Type.String(), { description: 'its tags, in name order (docs/v1.md#tags-and-notes)' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  history: Type.Array(
    Type.Object({
      at: Type.String(),
      kind: Type.Union([Type.Literal('import'), Type.Literal('move'), Type.Literal('enrolment')]),
      text: Type.String({ description: 'what happened, in words' }),
      codes: Type.Optional(Type.Array(Type.String(), { description: "an import's codes (docs/api.md#import-codes, #campaign-codes) behind the words" })),
      eventId: Type.Optional(Type.String()),
      campaignId: Type.Optional(Type.String()),
      // The parts of `text`, for a client that writes the line in its own language (the web app).
      origin: Type.Optional(Type.String({ description: "import: the origin's label" })),
      listName: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'import: the list it came into; null once that list is deleted' })),
      fromListName: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'move: the list it left; null once deleted' })),
      toListName: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'move: the list it went to; null once deleted' })),
      campaignName: Type.Optional(Type.String({ description: 'enrolment: the campaign' })),
      ended: Type.Optional(Type.Boolean({ description: 'enrolment: it has ended' })),
    }),
  ),
}, {
  examples: [
    {
      id: '6750a1f2c3d4e5f6a7b8c9d0',
      name: 'Ada Lovelace',
      linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
      profile: { firstName: 'Ada', lastName: 'Lovelace', company: { name: 'Analytical Engines' } },
      customVariables: [{ label: 'source', value: 'fair' }],
      list: { id: '6750a1f2c3d4e5f6a7b8c9aa', name: 'Founders' },
      originLabel: 'API-n8n',
      duplicateOf: null,
      campaign: null,
      tags: ['VIP'],
      createdAt: '2026-12-02T10:00:00.000Z',
      updatedAt: '2026-12-02T10:00:00.000Z',
      history: [{ at: '2026-12-02T10:00:00.000Z', kind: 'import', text: 'Imported via API-n8n into Founders', codes: ['success'], eventId: '6750a1f2c3d4e5f6a7b8c9ee' }],
    },
  ],
});
export type ProspectDetail = Static<typeof ProspectDetail>;

/**
 * The app's CSV import: the API's request without origin (the app labels it "CSV"), and `tags` that
 * every prospect the import answers with gets (docs/v1.md#tags-and-notes).
 */
export const AppImportRequest = Type.Object(
  {
    ...Type.Omit(ImportRequest, ['origin']).properties,
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50, description: 'tag names given to every prospect the import stores or finds' })),
  },
  {
    examples: [
      {
        prospectListId: '6b08edb8829f97ef98603975',
        prospects: [{ url: 'https://www.linkedin.com/in/john-doe-123456', customProfile: { firstName: 'John', lastName: 'Doe' } }],
        tags: ['Fair 2026'],
      },
    ],
  },
);
export type AppImportRequest = Static<typeof AppImportRequest>;
