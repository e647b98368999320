import { Type, type Static } from '@sinclair/typebox';
import { PageOf } from './page.js';

/** The languages the web app speaks (app/src/i18n); a user's choice is kept on the user. */
export const Language = Type.Union([Type.Literal('en'), Type.Literal('fr')], { description: 'the web app\'s language for you: "en" (English) or "fr" (French)' });
export type Language = Static<typeof Language>;

/** A stored language as the API names it: anything the app does not speak reads as English. */
export function languageOf(stored: string): Language {
  return stored === 'fr' ? 'fr' : 'en';
}

/** GET /v1/account: who the caller is, what the plan allows, and what is left of it (docs/v1.md#account). */
export const AccountAnswer = Type.Object(
  {
    user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), language: Language }),
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
        user: { id: '6750a1c2e4b0f1a2b3c4d500', email: 'ada@example.com', name: 'Ada', language: 'en' },
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

/** PATCH /v1/account: your display name and the app's language for you (docs/v1.md#account). */
export const AccountChanges = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'trimmed; control and bidi characters refused' })),
    language: Type.Optional(Language),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ name: 'Ada Lovelace', language: 'fr' }] },
);
export type AccountChanges = Static<typeof AccountChanges>;

/** POST /v1/account/password: the web app's session only, never an API key (docs/v1.md#account). */
export const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1000 }),
    newPassword: Type.String({ minLength: 8, maxLength: 1000, description: 'at least 8 characters' }),
  },
  { additionalProperties: false, examples: [{ currentPassword: 'correct horse battery', newPassword: 'a longer passphrase of mine' }] },
);
export type PasswordChange = Static<typeof PasswordChange>;

export const PasswordChanged = Type.Object(
  { endedSessions: Type.Integer({ minimum: 0, description: 'your other sessions, signed out by the change' }) },
  { examples: [{ endedSessions: 2 }] },
);
export type PasswordChanged = Static<typeof PasswordChanged>;

/** One member of your team, you included (GET /v1/account/members). */
export const TeamMember = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    email: Type.String(),
    you: Type.Boolean({ description: 'this member is the caller' }),
  },
  { examples: [{ id: '6750a1c2e4b0f1a2b3c4d500', name: 'Ada', email: 'ada@example.com', you: true }] },
);
export type TeamMember = Static<typeof TeamMember>;
export const TeamMemberPage = PageOf(TeamMember);
export type TeamMemberPage = Static<typeof TeamMemberPage>;
