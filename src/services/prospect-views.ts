import type { Static } from '@sinclair/typebox';
import { prospectOriginLabel } from '../engine/app-origin.js';
import { CAMPAIGN_CODE_WORDS, IMPORT_CODE_WORDS } from '../engine/code-words.js';
import type { AddToCampaignCode, ImportCode } from '../schemas/import.js';
import { ApiProblem } from '../problems.js';
import type { ProspectDetail } from '../schemas/app-prospects.js';
import type { ProspectItem } from '../schemas/prospects.js';
import { enrolmentsOfProspect, findProspect, importsOfProspect } from '../store/app-prospects.js';
import type { Database } from '../store/database.js';
import { listNames } from '../store/lists.js';
import { movesOfProspect } from '../store/prospect-moves.js';
import type { ProspectItemRow } from '../store/prospect-items.js';
import { tagNamesOf } from '../store/tags.js';
import type { ProspectRow } from '../store/schema.js';

// How prospects read in /v1 answers (docs/v1.md#prospects): the item of a page or a look-up, and the
// detail of one prospect with its history.

export function displayName(row: Pick<ProspectRow, 'first_name' | 'last_name' | 'public_identifier' | 'member_id' | 'sales_member_id'>): string {
  const name = [row.first_name, row.last_name].filter(Boolean).join(' ').trim();
  return name || row.public_identifier || row.member_id || row.sales_member_id || '(no name)';
}

interface ItemCampaign {
  id: string;
  name: string;
  state: string;
}

/** Page or look-up items, from rows read with their tags and campaign (src/store/prospect-items.ts). */
export function prospectItems(rows: readonly ProspectItemRow[]): ProspectItem[] {
  return rows.map((row) => {
    const campaign = row.item_campaign === null ? null : (JSON.parse(row.item_campaign) as ItemCampaign);
    return {
      id: row.id,
      name: displayName(row),
      firstName: row.first_name,
      lastName: row.last_name,
      linkedinUrl: row.linkedin_url,
      listId: row.list_id,
      occupation: row.occupation,
      company: row.company_name,
      email: row.email,
      origin: row.origin,
      originLabel: prospectOriginLabel(row.origin),
      duplicateOf: row.duplicate_of,
      campaign: campaign ? { id: campaign.id, name: campaign.name, state: campaign.state } : null,
      tags: JSON.parse(row.item_tags) as string[],
      customVariables: JSON.parse(row.custom_variables) as { label: string; value: string | null }[],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

/** One prospect with its list, active campaign and history (imports, app moves, enrolments) in time order. */
export async function prospectDetail(database: Database, userId: string, id: string): Promise<Static<typeof ProspectDetail>> {
  const row = await findProspect(database.db, userId, id);
  if (!row) throw new ApiProblem('R000404-001', `no prospect "${id}" in your CRM`);
  const [names, enrolments, imports, moves, tags] = await Promise.all([
    listNames(database.db, userId, [row.list_id]),
    enrolmentsOfProspect(database.db, userId, row.id),
    importsOfProspect(database.db, userId, row.id),
    movesOfProspect(database.db, userId, row.id),
    tagNamesOf(database.db, userId, [row.id]),
  ]);
  const importNames = await listNames(database.db, userId, [
    ...new Set([...imports.map((i) => i.listId), ...moves.flatMap((m) => [m.from_list_id, m.to_list_id])]),
  ]);
  const nameOf = (listId: string) => importNames.get(listId) ?? null;
  const listName = (listId: string) => nameOf(listId) ?? 'a deleted list';
  const active = enrolments.find((e) => Number(e.active) === 1);
  const history = [
    ...imports.map((i) => ({
      at: i.createdAt,
      kind: 'import' as const,
      text: `${IMPORT_CODE_WORDS[i.importCode as ImportCode] ?? i.importCode} via ${i.originLabel} into ${listName(i.listId)}${
        i.addToCampaignCode ? `; ${CAMPAIGN_CODE_WORDS[i.addToCampaignCode as AddToCampaignCode] ?? i.addToCampaignCode}` : ''
      }`,
      codes: [i.importCode, ...(i.addToCampaignCode ? [i.addToCampaignCode] : [])],
      eventId: i.eventId,
      origin: i.originLabel,
      listName: nameOf(i.listId),
    })),
    ...moves.map((m) => ({
      at: m.created_at,
      kind: 'move' as const,
      text: `moved in the app from ${listName(m.from_list_id)} to ${listName(m.to_list_id)}`,
      fromListName: nameOf(m.from_list_id),
      toListName: nameOf(m.to_list_id),
    })),
    ...enrolments.map((e) => ({
      at: e.createdAt,
      kind: 'enrolment' as const,
      text: `enrolled in ${e.campaignName}${Number(e.active) === 1 ? '' : ' (ended)'}`,
      campaignId: e.campaignId,
      campaignName: e.campaignName,
      ended: Number(e.active) !== 1,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    id: row.id,
    name: displayName(row),
    linkedinUrl: row.linkedin_url,
    profile: JSON.parse(row.profile) as Record<string, unknown>,
    customVariables: JSON.parse(row.custom_variables) as { label: string; value: string | null }[],
    list: { id: row.list_id, name: names.get(row.list_id) ?? '' },
    originLabel: prospectOriginLabel(row.origin),
    duplicateOf: row.duplicate_of,
    campaign: active ? { id: active.campaignId, name: active.campaignName, state: active.campaignState } : null,
    tags: tags.get(row.id) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    history,
  };
}

