import type { ExecutorEnrolmentData } from '../schemas/campaign-executors.js';
import type { Db } from './db.js';
import { insertRows } from './dialect.js';
import type { CampaignRow } from './schema.js';
import { chunk, nowIso } from './time.js';
import { messageBody, messageId } from './webhook-messages.js';

/**
 * Executors (docs/webhooks.md#executors): a campaign's enrolments handed to its webhook endpoint as
 * `campaign.prospect_enrolled` messages carrying the prospect's profile and variables. Every
 * function runs in the transaction of the change that calls it.
 *
 * An enrolment is handed over once (a unique index on webhook_messages.enrolment_id). A message of
 * a paused campaign waits with no next attempt (the worker claims only due messages); resuming makes
 * it due; archiving, unenrolling or changing the executor withdraws what was not delivered yet.
 */

const PART = 500;

const MESSAGE_COLUMNS = [
  ['id', 'text'],
  ['user_id', 'text'],
  ['endpoint_id', 'text'],
  ['enrolment_id', 'text'],
  ['event_type', 'text'],
  ['body', 'text'],
  ['state', 'text'],
  ['attempts', 'integer'],
  ['next_attempt_at', 'text'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
] as const;

type Campaign = Pick<CampaignRow, 'id' | 'user_id' | 'name' | 'state' | 'executor_endpoint_id'>;

/**
 * Hands these enrolments of `campaign` (all its active ones not handed over yet, when `enrolmentIds`
 * is absent) to its executor: due now when it runs, held when it is paused. Answers how many.
 */
export async function handOverEnrolments(trx: Db, campaign: Campaign, enrolmentIds?: readonly string[]): Promise<number> {
  const endpointId = campaign.executor_endpoint_id;
  if (endpointId === null || (campaign.state !== 'running' && campaign.state !== 'paused')) return 0;
  if (enrolmentIds?.length === 0) return 0;
  const at = nowIso();
  const due = campaign.state === 'running' ? at : null;
  let handed = 0;
  for (const part of enrolmentIds ? chunk(enrolmentIds, PART) : [undefined]) {
    let query = trx
      .selectFrom('enrolments as e')
      .innerJoin('prospects as p', 'p.id', 'e.prospect_id')
      .select(['e.id as enrolmentId', 'e.created_at as enrolledAt', 'p.id as prospectId', 'p.list_id as listId', 'p.linkedin_url as linkedinUrl', 'p.profile', 'p.custom_variables as customVariables'])
      .where('e.user_id', '=', campaign.user_id)
      .where('e.campaign_id', '=', campaign.id)
      .where('e.active', '=', 1)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('webhook_messages as m').select('m.id').whereRef('m.enrolment_id', '=', 'e.id'))));
    if (part) query = query.where('e.id', 'in', part);
    const rows = await query.orderBy('e.id').execute();
    const messages = rows.map((row) => {
      const data: ExecutorEnrolmentData = {
        campaignId: campaign.id,
        campaignName: campaign.name,
        enrolmentId: row.enrolmentId,
        prospectId: row.prospectId,
        enrolledAt: row.enrolledAt,
        prospect: {
          id: row.prospectId,
          listId: row.listId,
          linkedinUrl: row.linkedinUrl,
          profile: JSON.parse(row.profile) as Record<string, unknown>,
          customVariables: JSON.parse(row.customVariables) as { label: string; value: string }[],
        },
        reportTo: `/v1/enrolments/${row.enrolmentId}/events`,
      };
      return [messageId(), campaign.user_id, endpointId, row.enrolmentId, 'campaign.prospect_enrolled', messageBody('campaign.prospect_enrolled', row.enrolledAt, data), 'pending', 0, due, at, at];
    });
    await insertRows(trx, 'webhook_messages', MESSAGE_COLUMNS, messages);
    handed += messages.length;
  }
  return handed;
}

/** Hands freshly inserted enrolments of the user's campaign to its executor, if it has one (an import, an enrolment request). */
export async function handOverNewEnrolments(trx: Db, userId: string, campaignId: string, enrolmentIds: readonly string[]): Promise<void> {
  if (enrolmentIds.length === 0) return;
  const campaign = await trx.selectFrom('campaigns').select(['id', 'user_id', 'name', 'state', 'executor_endpoint_id']).where('id', '=', campaignId).where('user_id', '=', userId).executeTakeFirst();
  if (campaign?.executor_endpoint_id) await handOverEnrolments(trx, campaign, enrolmentIds);
}

function campaignEnrolments(trx: Db, campaignId: string) {
  return trx.selectFrom('enrolments').select('id').where('campaign_id', '=', campaignId);
}

/** Holds the campaign's undelivered executor messages (it is paused): no next attempt until released. */
export async function holdExecutorMessages(trx: Db, campaignId: string): Promise<void> {
  await trx
    .updateTable('webhook_messages')
    .set({ next_attempt_at: null, updated_at: nowIso() })
    .where('state', '=', 'pending')
    .where('enrolment_id', 'in', campaignEnrolments(trx, campaignId))
    .execute();
}

/** Makes the campaign's held executor messages due now (it runs again). */
export async function releaseExecutorMessages(trx: Db, campaignId: string): Promise<void> {
  const at = nowIso();
  await trx
    .updateTable('webhook_messages')
    .set({ next_attempt_at: at, updated_at: at })
    .where('state', '=', 'pending')
    .where('next_attempt_at', 'is', null)
    .where('enrolment_id', 'in', campaignEnrolments(trx, campaignId))
    .execute();
}

/**
 * Withdraws executor messages not delivered yet: of the whole campaign (archived, or its executor
 * changed), or of one enrolment (unenrolled). A failed message is withdrawn too: replaying it must
 * not reach the executor once the enrolment is over.
 */
export async function withdrawExecutorMessages(trx: Db, which: { campaignId: string } | { enrolmentId: string }): Promise<void> {
  let query = trx.deleteFrom('webhook_messages').where('state', '<>', 'delivered');
  query = 'enrolmentId' in which ? query.where('enrolment_id', '=', which.enrolmentId) : query.where('enrolment_id', 'in', campaignEnrolments(trx, which.campaignId));
  await query.execute();
}

export type ExecutorDelivery = 'none' | 'held' | 'pending' | 'delivered' | 'failed';

/** How an enrolment's executor message stands, from the message's state and next attempt (none: no message). */
export function executorDeliveryOf(state: string | null, nextAttemptAt: string | null): ExecutorDelivery {
  if (state === null) return 'none';
  if (state === 'pending') return nextAttemptAt === null ? 'held' : 'pending';
  return state === 'delivered' ? 'delivered' : 'failed';
}

/**
 * Names the campaign's executor (null: none). What the previous one had not received yet is
 * withdrawn, and every active enrolment not delivered to anyone goes to the new one: an enrolment
 * is delivered to one executor at most once.
 */
export async function setExecutor(trx: Db, campaign: Campaign, endpointId: string | null): Promise<void> {
  if (campaign.executor_endpoint_id === endpointId) return;
  await trx.updateTable('campaigns').set({ executor_endpoint_id: endpointId, updated_at: nowIso() }).where('id', '=', campaign.id).execute();
  await withdrawExecutorMessages(trx, { campaignId: campaign.id });
  await handOverEnrolments(trx, { ...campaign, executor_endpoint_id: endpointId });
}
