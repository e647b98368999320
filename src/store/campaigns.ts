import { newId } from '../ids.js';
import { holdExecutorMessages, releaseExecutorMessages, withdrawExecutorMessages } from './campaign-executors.js';
import type { Db } from './db.js';
import { recordEvent } from './events.js';
import type { CampaignRow, CampaignState } from './schema.js';
import { nowIso } from './time.js';

export const CAMPAIGN_STATES = ['draft', 'running', 'paused', 'archived'] as const satisfies readonly CampaignState[];

export interface NewCampaign {
  name: string;
  state?: CampaignState;
  requiresEmail?: boolean;
  /** The webhook endpoint its enrolments are handed to (docs/webhooks.md#executors); checked by the caller to be the user's. */
  executorEndpointId?: string | null;
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
      executor_endpoint_id: input.executorEndpointId ?? null,
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

/** One page of the user's campaigns, oldest first, strictly after `afterId`, optionally in one state. */
export function pageOfCampaigns(db: Db, userId: string, options: { state?: CampaignState; afterId?: string; limit: number }): Promise<CampaignRow[]> {
  let query = db.selectFrom('campaigns').selectAll().where('user_id', '=', userId);
  if (options.state !== undefined) query = query.where('state', '=', options.state);
  if (options.afterId !== undefined) query = query.where('id', '>', options.afterId);
  return query.orderBy('id').limit(options.limit).execute();
}

/** Renames a campaign of the user's or changes its precondition; undefined when it is not theirs. */
export async function updateCampaign(db: Db, userId: string, campaignId: string, changes: { name?: string; requiresEmail?: boolean }): Promise<CampaignRow | undefined> {
  await db
    .updateTable('campaigns')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.requiresEmail !== undefined ? { requires_email: changes.requiresEmail ? 1 : 0 } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', campaignId)
    .where('user_id', '=', userId)
    .execute();
  return findCampaign(db, userId, campaignId);
}

/** Deletes a draft campaign of the user's (a draft never enrolled anybody); answers whether it did. */
export async function deleteDraftCampaign(db: Db, userId: string, campaignId: string): Promise<boolean> {
  const result = await db.deleteFrom('campaigns').where('id', '=', campaignId).where('user_id', '=', userId).where('state', '=', 'draft').executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Why a campaign may not go from one state to another, or null when it may. Archiving ended its
 * enrolments for good, so an archived campaign stays archived (docs/v1.md#campaigns-and-enrolments).
 */
export function stateChangeRefusal(from: CampaignState, to: CampaignState): string | null {
  if (from === 'archived' && to !== 'archived') return 'an archived campaign stays archived; create a new one';
  return null;
}

/**
 * Changes a campaign's state. Archiving ends its enrolments, so their prospects are free to travel
 * another campaign (a prospect is active in one campaign at a time).
 */
/** Sets the state, ends the enrolments an archive ends and records the event: run it inside a unit (inTransaction). */
export async function setCampaignState(trx: Db, campaignId: string, state: CampaignState, userId?: string): Promise<CampaignRow | undefined> {
  const now = nowIso();
  let query = trx.updateTable('campaigns').set({ state, updated_at: now }).where('id', '=', campaignId);
  if (userId) query = query.where('user_id', '=', userId);
  const result = await query.executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  if (state === 'archived') {
    await trx.updateTable('enrolments').set({ active: 0, updated_at: now }).where('campaign_id', '=', campaignId).where('active', '=', 1).execute();
  }
  // Its executor's messages follow the campaign: held while paused, due again when it runs, never sent once archived.
  if (state === 'paused') await holdExecutorMessages(trx, campaignId);
  else if (state === 'running') await releaseExecutorMessages(trx, campaignId);
  else if (state === 'archived') await withdrawExecutorMessages(trx, { campaignId });
  const row = await findCampaignById(trx, campaignId);
  if (row) await recordEvent(trx, row.user_id, 'campaign.state_changed', { campaignId, state });
  return row;
}
