import { Type, type Static } from '@sinclair/typebox';
import type { ApiKeyRow, CampaignRow, ProspectListRow } from '../store/schema.js';
import { Scope, SCOPES, storedScopes } from './scopes.js';

// The web app's lists, campaigns and API keys . Keys never carry their secret, except the
// one answer that creates them.

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'a #rrggbb colour' });

export const AppList = Type.Object({
  id: Type.String(),
  name: Type.String(),
  iconColor: Type.String(),
  iconLabel: Type.String(),
  totalProspects: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type AppList = Static<typeof AppList>;

export const NewListRequest = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  iconColor: Type.Optional(Color),
  iconLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 2 })),
});

export const ListChanges = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  iconColor: Type.Optional(Color),
  iconLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 2 })),
});
export type NewListRequest = Static<typeof NewListRequest>;
export type ListChanges = Static<typeof ListChanges>;

export const ListDeleted = Type.Object({ deletedProspects: Type.Integer() });

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

const CampaignStateSchema = Type.Union([Type.Literal('draft'), Type.Literal('running'), Type.Literal('paused'), Type.Literal('archived')]);

export const AppCampaign = Type.Object({
  id: Type.String(),
  name: Type.String(),
  state: CampaignStateSchema,
  requiresEmail: Type.Boolean(),
  enrolled: Type.Integer({ description: 'prospects ever enrolled' }),
  active: Type.Integer({ description: 'prospects travelling it now' }),
  createdAt: Type.String(),
});
export type AppCampaign = Static<typeof AppCampaign>;

export const NewCampaignRequest = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  requiresEmail: Type.Optional(Type.Boolean()),
});

export const CampaignStateChange = Type.Object({
  state: Type.Union([Type.Literal('running'), Type.Literal('paused'), Type.Literal('archived')]),
});
export type NewCampaignRequest = Static<typeof NewCampaignRequest>;
export type CampaignStateChange = Static<typeof CampaignStateChange>;

/** The prospects a campaign enrolled, newest first, a page at a time. */
export const EnrolledPage = Type.Object({
  items: Type.Array(
    Type.Object({
      prospectId: Type.String(),
      name: Type.String(),
      linkedinUrl: Type.String(),
      company: Type.Union([Type.String(), Type.Null()]),
      list: Type.Object({ id: Type.String(), name: Type.String() }),
      active: Type.Boolean(),
      enrolledAt: Type.String(),
    }),
  ),
  nextAfter: Type.Union([Type.String(), Type.Null()]),
});
export type EnrolledPage = Static<typeof EnrolledPage>;

export function renderAppCampaign(row: CampaignRow, enrolled: number, active: number): AppCampaign {
  return { id: row.id, name: row.name, state: row.state, requiresEmail: row.requires_email === 1, enrolled, active, createdAt: row.created_at };
}

export const AppKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'the first characters of the secret, to recognise it' }),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Scope, { description: 'what the key may do (docs/v1.md#scopes)' }),
});
export type AppKey = Static<typeof AppKey>;

export const NewKeyRequest = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  scopes: Type.Optional(Type.Array(Scope, { uniqueItems: true, minItems: 1, maxItems: SCOPES.length, description: 'default ["import"]: the compatible endpoints only' })),
});
export type NewKeyRequest = Static<typeof NewKeyRequest>;

export const CreatedKeyAnswer = Type.Object({
  key: AppKey,
  secret: Type.String({ description: 'shown this once; only its SHA-256 is kept' }),
});
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
