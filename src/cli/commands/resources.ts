import { requireUser, UserFacingError } from '../../services/accounts.js';
import { listActivityEvents } from '../../store/activity.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../store/api-keys.js';
import { CAMPAIGN_STATES, createCampaign, findCampaignById, setCampaignState, stateChangeRefusal } from '../../store/campaigns.js';
import { createList } from '../../store/lists.js';
import { requireExecutor } from './campaign-executors.js';
import { inTransaction } from '../../store/transaction.js';
import { parseScopeList, SCOPES, storedScopes, type Scope } from '../../schemas/scopes.js';
import { oneOf, optionalInteger, optionalString, positional, requireString, type Command } from '../command.js';

export const keyCreate: Command = {
  name: 'key create',
  summary: 'Create an API key (the key is shown once)',
  usage: `key create --user EMAIL [--name N] [--scopes ${SCOPES.join(',')}] (default: import)`,
  options: { user: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'string' } },
  async run({ database, values }) {
    const scopes = scopesOption(values);
    const db = (await database()).db;
    const user = await requireUser(db, requireString(values, 'user'));
    const { row, secret } = await createApiKey(db, user.id, optionalString(values, 'name') ?? 'API key', scopes);
    return { id: row.id, key: secret, name: row.name, prefix: row.prefix, scopes: storedScopes(row.scopes), userId: user.id, createdAt: row.created_at };
  },
  human: (k) => `created key ${k.id} (${k.name}, scopes ${k.scopes.join(',')}). It is shown only now, keep it safe:\n${k.key}`,
};

/** --scopes import,read: every name must be a scope; absent, the key gets the default (import). */
function scopesOption(values: Parameters<typeof optionalString>[0]): Scope[] | undefined {
  const raw = optionalString(values, 'scopes');
  if (raw === undefined) return undefined;
  const parsed = parseScopeList(raw);
  if (!parsed.ok) throw new UserFacingError(`--scopes: "${parsed.unknown}" is not a scope; use ${SCOPES.join(', ')}`);
  if (parsed.scopes.length === 0) throw new UserFacingError(`--scopes: name at least one of ${SCOPES.join(', ')}`);
  return parsed.scopes;
}

export const keyList: Command = {
  name: 'key list',
  summary: "List a user's API keys (never their secrets)",
  usage: 'key list --user EMAIL',
  options: { user: { type: 'string' } },
  async run({ database, values }) {
    const db = (await database()).db;
    const user = await requireUser(db, requireString(values, 'user'));
    return (await listApiKeys(db, user.id)).map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      createdAt: k.created_at,
      lastUsedAt: k.last_used_at,
      revokedAt: k.revoked_at,
      scopes: storedScopes(k.scopes),
    }));
  },
  human: (keys: { id: string; name: string; prefix: string; lastUsedAt: string | null; revokedAt: string | null; scopes: string[] }[]) =>
    keys.length === 0
      ? 'no keys'
      : keys
          .map((k) => `${k.id}  ${k.prefix}…  ${k.name}  [${k.scopes.join(',')}]  ${k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? 'never'}`}`)
          .join('\n'),
};

export const keyRevoke: Command = {
  name: 'key revoke',
  positionals: 1,
  summary: 'Revoke an API key; it is refused from the next request on',
  usage: 'key revoke ID',
  options: {},
  async run(context) {
    const db = (await context.database()).db;
    const id = positional(context, 0, 'key id');
    const key = await revokeApiKey(db, id);
    if (!key) throw new UserFacingError(`no API key ${id}`);
    return { id: key.id, revokedAt: key.revoked_at };
  },
  human: (k) => `revoked key ${k.id}`,
};

export const listCreate: Command = {
  name: 'list create',
  summary: 'Create a prospect list',
  usage: 'list create --user EMAIL --name N [--icon-color C] [--icon-label L]',
  options: { user: { type: 'string' }, name: { type: 'string' }, 'icon-color': { type: 'string' }, 'icon-label': { type: 'string' } },
  async run({ database, values }) {
    const db = (await database()).db;
    const user = await requireUser(db, requireString(values, 'user'));
    const list = await createList(db, user.id, {
      name: requireString(values, 'name'),
      iconColor: optionalString(values, 'icon-color'),
      iconLabel: optionalString(values, 'icon-label'),
    });
    return { id: list.id, name: list.name, iconColor: list.icon_color, iconLabel: list.icon_label, userId: user.id };
  },
  human: (l) => `created list "${l.name}" (${l.id})`,
};

export const campaignCreate: Command = {
  name: 'campaign create',
  summary: 'Create a campaign',
  usage: 'campaign create --user EMAIL --name N [--state draft|running|paused|archived] [--requires-email] [--executor WEBHOOK_ENDPOINT_ID]',
  options: { user: { type: 'string' }, name: { type: 'string' }, state: { type: 'string' }, 'requires-email': { type: 'boolean' }, executor: { type: 'string' } },
  async run({ database, values }) {
    const db = (await database()).db;
    const user = await requireUser(db, requireString(values, 'user'));
    const executor = optionalString(values, 'executor');
    const campaign = await createCampaign(db, user.id, {
      name: requireString(values, 'name'),
      state: oneOf(values, 'state', CAMPAIGN_STATES, 'running'),
      requiresEmail: values['requires-email'] === true,
      executorEndpointId: executor === undefined ? null : await requireExecutor(db, user.id, user.email, executor),
    });
    return { id: campaign.id, name: campaign.name, state: campaign.state, requiresEmail: campaign.requires_email === 1, executorId: campaign.executor_endpoint_id, userId: user.id };
  },
  human: (c) => `created campaign "${c.name}" (${c.id}), ${c.state}`,
};

export const campaignSetState: Command = {
  name: 'campaign set-state',
  positionals: 2,
  summary: "Change a campaign's state (archiving ends its enrolments)",
  usage: 'campaign set-state ID draft|running|paused|archived',
  options: {},
  async run(context) {
    const database = await context.database();
    const db = database.db;
    const id = positional(context, 0, 'campaign id');
    const state = positional(context, 1, 'state');
    if (!(CAMPAIGN_STATES as readonly string[]).includes(state)) throw new UserFacingError(`state must be one of ${CAMPAIGN_STATES.join(', ')}`);
    const current = await findCampaignById(db, id);
    if (!current) throw new UserFacingError(`no campaign ${id}`);
    // The app's and /v1's rule too (docs/v1.md#campaigns-and-enrolments).
    const refusal = stateChangeRefusal(current.state, state as (typeof CAMPAIGN_STATES)[number]);
    if (refusal) throw new UserFacingError(refusal);
    const campaign = await inTransaction(database, (trx) => setCampaignState(trx, id, state as (typeof CAMPAIGN_STATES)[number]));
    if (!campaign) throw new UserFacingError(`no campaign ${id}`);
    return { id: campaign.id, name: campaign.name, state: campaign.state };
  },
  human: (c) => `campaign ${c.id} is now ${c.state}`,
};

export const activity: Command = {
  name: 'activity',
  summary: "A user's recent imports, newest first",
  usage: 'activity --user EMAIL [--limit N]',
  options: { user: { type: 'string' }, limit: { type: 'string' } },
  async run({ database, values }) {
    const db = (await database()).db;
    const user = await requireUser(db, requireString(values, 'user'));
    const events = await listActivityEvents(db, user.id, optionalInteger(values, 'limit', 1) ?? 20);
    return events.map((e) => ({
      id: e.id,
      createdAt: e.created_at,
      origin: e.origin,
      // The label stored with the event, as the app shows it: the app's CSV imports are "CSV", not API-CSV.
      originLabel: e.origin_label,
      integrationOrigin: e.integration_origin,
      apiKeyId: e.api_key_id,
      listId: e.list_id,
      campaignId: e.campaign_id,
      prospectCount: Number(e.prospect_count),
      counts: JSON.parse(e.counts),
    }));
  },
  human: (events: { createdAt: string; originLabel: string; prospectCount: number; counts: { importCodes: Record<string, number> } }[]) =>
    events.length === 0
      ? 'no activity yet'
      : events
          .map((e) => `${e.createdAt}  ${e.originLabel.padEnd(16)} ${String(e.prospectCount).padStart(5)} prospects  ${Object.entries(e.counts.importCodes).map(([c, n]) => `${c}:${n}`).join(' ')}`)
          .join('\n'),
};
