import { newId } from '../ids.js';
import type { Db } from './db.js';
import { recordEvent } from './events.js';
import type { CampaignRow, CampaignState } from './schema.js';
import { nowIso } from './time.js';

export const CAMPAIGN_STATES = ['draft', 'running', 'paused', 'archived'] as const satisfies readonly CampaignState[];

export interface NewCampaign {
  name: string;
  state?: CampaignState;
  requiresEmail?: boolean;
}

export async function createCampaign(db: Db, userId: string, input: NewCampaign): Promise<CampaignRow> {
  const now = nowIso();
  return db
    .insertInto('campaigns')
    .values({
      id: newId(),
      user_id: userId,
      name: input.name,
      state: input.state ?? 'running',
      requires_email: input.requiresEmail ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findCampaign(db: Db, userId: string, campaignId: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('id', '=', campaignId).where('user_id', '=', userId).executeTakeFirst();
}

export function findCampaignById(db: Db, campaignId: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('id', '=', campaignId).executeTakeFirst();
}

export function listCampaigns(db: Db, userId: string, states?: readonly CampaignState[]): Promise<CampaignRow[]> {
  let query = db.selectFrom('campaigns').selectAll().where('user_id', '=', userId);
  if (states) query = query.where('state', 'in', [...states]);
  return query.orderBy('id').execute();
}

/**
 * Changes a campaign's state. Archiving ends its enrolments, so their prospects are free to travel
 * another campaign (a prospect is active in one campaign at a time).
 */
export async function setCampaignState(db: Db, campaignId: string, state: CampaignState, userId?: string): Promise<CampaignRow | undefined> {
  const now = nowIso();
  let query = db.updateTable('campaigns').set({ state, updated_at: now }).where('id', '=', campaignId);
  if (userId) query = query.where('user_id', '=', userId);
  const result = await query.executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  if (state === 'archived') {
    await db.updateTable('enrolments').set({ active: 0, updated_at: now }).where('campaign_id', '=', campaignId).where('active', '=', 1).execute();
  }
  const row = await findCampaignById(db, campaignId);
  if (row) await recordEvent(db, row.user_id, 'campaign.state_changed', { campaignId, state });
  return row;
}
