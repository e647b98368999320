import { Type, type Static } from '@sinclair/typebox';
import type { CampaignRow, ProspectListRow } from '../store/schema.js';

// The list and campaign shapes of docs/api.md#endpoints, in Waalaxy's field names.

export const ProspectList = Type.Object({
  _id: Type.String(),
  user: Type.String(),
  name: Type.String(),
  totalProspects: Type.Integer(),
  iconColor: Type.String(),
  iconLabel: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type ProspectList = Static<typeof ProspectList>;

export const ProspectListArray = Type.Array(ProspectList);

export const CampaignSummary = Type.Object({
  _id: Type.String(),
  name: Type.String(),
  state: Type.Union([Type.Literal('running'), Type.Literal('paused'), Type.Literal('draft'), Type.Literal('archived')]),
});

export const CampaignsAnswer = Type.Object({
  total: Type.Integer(),
  campaigns: Type.Array(CampaignSummary),
});
export type CampaignsAnswer = Static<typeof CampaignsAnswer>;

export function renderList(row: ProspectListRow): ProspectList {
  return {
    _id: row.id,
    user: row.user_id,
    name: row.name,
    totalProspects: Number(row.total_prospects),
    iconColor: row.icon_color,
    iconLabel: row.icon_label,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function renderCampaign(row: CampaignRow): Static<typeof CampaignSummary> {
  return { _id: row.id, name: row.name, state: row.state };
}
