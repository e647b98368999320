import { requireUser, UserFacingError } from '../../services/accounts.js';
import { setExecutor } from '../../store/campaign-executors.js';
import { findCampaign } from '../../store/campaigns.js';
import type { Db } from '../../store/db.js';
import { inTransaction } from '../../store/transaction.js';
import { findEndpoint } from '../../store/webhook-endpoints.js';
import { positional, requireString, type Command } from '../command.js';

/** The user's webhook endpoint named as an executor, or a one-line refusal. */
export async function requireExecutor(db: Db, userId: string, email: string, endpointId: string): Promise<string> {
  if (!(await findEndpoint(db, userId, endpointId))) throw new UserFacingError(`--executor: no webhook endpoint ${endpointId} of ${email}`);
  return endpointId;
}

export const campaignSetExecutor: Command = {
  name: 'campaign set-executor',
  positionals: 1,
  summary: "Name the webhook endpoint a campaign's enrolments are handed to (docs/webhooks.md#executors)",
  usage: 'campaign set-executor CAMPAIGN_ID --user EMAIL (--executor ENDPOINT_ID | --none)',
  options: { user: { type: 'string' }, executor: { type: 'string' }, none: { type: 'boolean' } },
  async run(context) {
    const { values } = context;
    const executor = typeof values.executor === 'string' ? values.executor : undefined;
    if ((executor === undefined) === (values.none !== true)) throw new UserFacingError('give exactly one of --executor and --none');
    const database = await context.database();
    const user = await requireUser(database.db, requireString(values, 'user'));
    const id = positional(context, 0, 'campaign id');
    return inTransaction(database, async (trx) => {
      const campaign = await findCampaign(trx, user.id, id);
      if (!campaign) throw new UserFacingError(`no campaign ${id} of ${user.email}`);
      const endpointId = executor === undefined ? null : await requireExecutor(trx, user.id, user.email, executor);
      await setExecutor(trx, campaign, endpointId);
      return { id: campaign.id, name: campaign.name, state: campaign.state, executorId: endpointId };
    });
  },
  human: (c) => (c.executorId ? `campaign ${c.id} hands its enrolments to ${c.executorId}` : `campaign ${c.id} has no executor`),
};
