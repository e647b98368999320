import { Type, type Static } from '@sinclair/typebox';

/** GET /v1/account: who the caller is, what the plan allows, and what is left of it (docs/v1.md#account). */
export const AccountAnswer = Type.Object(
  {
    user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }),
    plan: Type.Object({
      id: Type.String(),
      name: Type.String(),
      apiAccess: Type.Boolean(),
      crmLimit: Type.Integer({ description: "the plan's; crm.limit says the one that applies to you" }),
      rateLimitPerMinute: Type.Integer({ description: 'requests per minute per API key' }),
    }),
    permissions: Type.Array(Type.String(), { description: "the plan's and your own, e.g. import_duplicates" }),
    team: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), dedup: Type.Boolean({ description: 'imports deduplicate across the team' }) }), Type.Null()]),
    crm: Type.Object({
      used: Type.Integer({ description: 'your prospects, exact' }),
      limit: Type.Integer({ description: 'the most prospects you may hold (yours if set, else the plan’s)' }),
    }),
    rateLimit: Type.Union(
      [
        Type.Object({
          limit: Type.Integer(),
          remaining: Type.Integer({ description: 'after this request' }),
          resetSeconds: Type.Integer({ description: 'until the budget is whole again' }),
        }),
        Type.Null(),
      ],
      { description: "the calling key's budget this minute; null for the web app's session, or when the server runs without rate limits" },
    ),
  },
  {
    examples: [
      {
        user: { id: '6750a1c2e4b0f1a2b3c4d500', email: 'ada@example.com', name: 'Ada' },
        plan: { id: 'business', name: 'Business', apiAccess: true, crmLimit: 100000, rateLimitPerMinute: 600 },
        permissions: ['import_duplicates'],
        team: { id: '6750a1c2e4b0f1a2b3c4d501', name: 'Growth', dedup: true },
        crm: { used: 1234, limit: 100000 },
        rateLimit: { limit: 600, remaining: 598, resetSeconds: 41 },
      },
    ],
  },
);
export type AccountAnswer = Static<typeof AccountAnswer>;
