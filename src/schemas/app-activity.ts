import { Type, type Static } from '@sinclair/typebox';

// The web app's activity feed: every import, labelled by its origin.

const Counts = Type.Object({
  importCodes: Type.Record(Type.String(), Type.Integer()),
  addToCampaignCodes: Type.Record(Type.String(), Type.Integer()),
});

export const ActivityItem = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  origin: Type.String(),
  originLabel: Type.String({ description: 'Make, Zapier, n8n, API-<name>, or CSV for the app' }),
  integrationOrigin: Type.Union([Type.String(), Type.Null()]),
  keyName: Type.Union([Type.String(), Type.Null()]),
  list: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  campaign: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  prospectCount: Type.Integer(),
  counts: Counts,
});
export type ActivityItem = Static<typeof ActivityItem>;

export const ActivityPage = Type.Object({
  items: Type.Array(ActivityItem),
  nextBefore: Type.Union([Type.String(), Type.Null()]),
});
export type ActivityPage = Static<typeof ActivityPage>;

export const ActivityQuery = Type.Object({ before: Type.Optional(Type.String({ maxLength: 64 })) });

export const ActivityDetail = Type.Composite([
  ActivityItem,
  Type.Object({
    outcomes: Type.Array(
      Type.Object({
        url: Type.Union([Type.String(), Type.Null()]),
        importCode: Type.String(),
        addToCampaignCode: Type.Union([Type.String(), Type.Null()]),
        prospectId: Type.Union([Type.String(), Type.Null()]),
        message: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  }),
]);
export type ActivityDetail = Static<typeof ActivityDetail>;
