import { requireUser, UserFacingError } from '../../services/accounts.js';
import { EVENT_TYPES } from '../../schemas/events.js';
import { renderAttempt, renderEndpoint, type WebhookAttempt } from '../../schemas/webhooks.js';
import type { Db } from '../../store/db.js';
import { nowIso } from '../../store/time.js';
import { createEndpoint, deleteEndpoint, findEndpoint, listEndpoints, rotateEndpointSecret, updateEndpoint } from '../../store/webhook-endpoints.js';
import { insertTestMessage, listAttempts, replayMessages } from '../../store/webhook-messages.js';
import { newWebhookSecret, ROTATION_OVERLAP_MS } from '../../webhooks/signature.js';
import { optionalInteger, optionalString, positional, requireString, type Command, type CommandContext } from '../command.js';

// Webhook endpoints from the command line (docs/webhooks.md#endpoints): the same store as /v1/webhook-endpoints.

const SUBSCRIBABLE = EVENT_TYPES.filter((t) => t !== 'webhook.test');

export const webhookCreate: Command = {
  name: 'webhook create',
  summary: 'Create a webhook endpoint (its signing secret is shown once)',
  usage: `webhook create --user EMAIL --url URL --events ${SUBSCRIBABLE.slice(0, 2).join(',')},… [--description D]`,
  options: { user: { type: 'string' }, url: { type: 'string' }, events: { type: 'string' }, description: { type: 'string' } },
  async run({ database, values }) {
    const url = requireString(values, 'url');
    if (!/^https?:\/\/\S+$/.test(url)) throw new UserFacingError('--url: must be an http:// or https:// URL');
    const events = requireString(values, 'events').split(',').map((e) => e.trim());
    const unknown = events.filter((e) => !(SUBSCRIBABLE as string[]).includes(e));
    if (unknown.length > 0) throw new UserFacingError(`--events: "${unknown[0]}" is not an event type; use ${SUBSCRIBABLE.join(', ')}`);
    const db = (await database()).db;
    const user = await requireUser(db, requireString(values, 'user'));
    const secret = newWebhookSecret();
    const row = await createEndpoint(db, user.id, { url, eventTypes: [...new Set(events)], description: optionalString(values, 'description'), secret });
    return { ...renderEndpoint(row), secret };
  },
  human: (e) => `created webhook endpoint ${e.id} for ${e.url}. Its signing secret is shown only now, keep it safe:\n${e.secret}`,
};

export const webhookList: Command = {
  name: 'webhook list',
  summary: "List a user's webhook endpoints (never their secrets)",
  usage: 'webhook list --user EMAIL',
  options: { user: { type: 'string' } },
  async run({ database, values }) {
    const db = (await database()).db;
    const user = await requireUser(db, requireString(values, 'user'));
    return (await listEndpoints(db, user.id)).map(renderEndpoint);
  },
  human: (endpoints: ReturnType<typeof renderEndpoint>[]) =>
    endpoints.length === 0
      ? 'no webhook endpoints'
      : endpoints.map((e) => `${e.id}  ${e.url}  [${e.eventTypes.join(',')}]  ${e.enabled ? 'enabled' : `disabled: ${e.disabledReason ?? 'by its owner'}`}`).join('\n'),
};

export const webhookDelete: Command = {
  name: 'webhook delete',
  positionals: 1,
  summary: 'Delete a webhook endpoint and its delivery log',
  usage: 'webhook delete ID --user EMAIL',
  options: { user: { type: 'string' } },
  async run(context) {
    const db = (await context.database()).db;
    const user = await requireUser(db, requireString(context.values, 'user'));
    const id = positional(context, 0, 'endpoint id');
    if (!(await deleteEndpoint(db, user.id, id))) throw new UserFacingError(`no webhook endpoint ${id} of ${user.email}`);
    return { id, deleted: true };
  },
  human: (r) => `deleted webhook endpoint ${r.id}`,
};

export const webhookReplay: Command = {
  name: 'webhook replay',
  positionals: 1,
  summary: 'Send again one message (--message) or every failed message since a time (--since)',
  usage: 'webhook replay ID --user EMAIL (--message MSG_ID | --since 2026-12-01T00:00:00Z)',
  options: { user: { type: 'string' }, message: { type: 'string' }, since: { type: 'string' } },
  async run(context) {
    const { values } = context;
    const message = optionalString(values, 'message');
    const since = optionalString(values, 'since');
    if ((message === undefined) === (since === undefined)) throw new UserFacingError('give exactly one of --message and --since');
    if (since !== undefined && Number.isNaN(Date.parse(since))) throw new UserFacingError(`--since: "${since}" is not a date-time`);
    const db = (await context.database()).db;
    const user = await requireUser(db, requireString(values, 'user'));
    const id = positional(context, 0, 'endpoint id');
    if (!(await findEndpoint(db, user.id, id))) throw new UserFacingError(`no webhook endpoint ${id} of ${user.email}`);
    const which = message !== undefined ? { messageId: message } : { since: nowIso(Date.parse(since!)) };
    return { id, replayed: await replayMessages(db, user.id, id, which, nowIso()) };
  },
  human: (r) => `${r.replayed} message(s) of ${r.id} will be sent again`,
};

/** The user named by --user and the id of one of their endpoints (a foreign id is refused like a missing one). */
async function ownedEndpoint(context: CommandContext): Promise<{ db: Db; userId: string; id: string }> {
  const db = (await context.database()).db;
  const user = await requireUser(db, requireString(context.values, 'user'));
  const id = positional(context, 0, 'endpoint id');
  if (!(await findEndpoint(db, user.id, id))) throw new UserFacingError(`no webhook endpoint ${id} of ${user.email}`);
  return { db, userId: user.id, id };
}

function setEnabled(enabled: boolean): Command {
  return {
    name: enabled ? 'webhook enable' : 'webhook disable',
    positionals: 1,
    summary: enabled ? 'Enable a webhook endpoint again (clears its failure streak)' : 'Stop deliveries to a webhook endpoint (they wait until it is enabled)',
    usage: `webhook ${enabled ? 'enable' : 'disable'} ID --user EMAIL`,
    options: { user: { type: 'string' } },
    async run(context) {
      const { db, userId, id } = await ownedEndpoint(context);
      return renderEndpoint((await updateEndpoint(db, userId, id, { enabled }))!);
    },
    human: (e: ReturnType<typeof renderEndpoint>) => `webhook endpoint ${e.id} is ${e.enabled ? 'enabled' : 'disabled'}`,
  };
}
export const webhookEnable = setEnabled(true);
export const webhookDisable = setEnabled(false);

export const webhookRotateSecret: Command = {
  name: 'webhook rotate-secret',
  positionals: 1,
  summary: 'A new signing secret, shown once; the previous one also signs for 24 hours',
  usage: 'webhook rotate-secret ID --user EMAIL',
  options: { user: { type: 'string' } },
  async run(context) {
    const { db, userId, id } = await ownedEndpoint(context);
    const secret = newWebhookSecret();
    const row = await rotateEndpointSecret(db, userId, id, secret, nowIso(Date.now() + ROTATION_OVERLAP_MS));
    return { ...renderEndpoint(row!), secret };
  },
  human: (e) => `new signing secret of ${e.id}, shown only now (the previous one also signs until ${e.previousSecretUntil}):\n${e.secret}`,
};

export const webhookTest: Command = {
  name: 'webhook test',
  positionals: 1,
  summary: 'Send a webhook.test event to an endpoint now',
  usage: 'webhook test ID --user EMAIL',
  options: { user: { type: 'string' } },
  async run(context) {
    const { db, userId, id } = await ownedEndpoint(context);
    return { id, messageId: await insertTestMessage(db, userId, id, nowIso()) };
  },
  human: (r) => `test message ${r.messageId} queued for ${r.id} (a running server delivers it)`,
};

export const webhookDeliveries: Command = {
  name: 'webhook deliveries',
  positionals: 1,
  summary: "An endpoint's latest delivery attempts, newest first",
  usage: 'webhook deliveries ID --user EMAIL [--limit 20]',
  options: { user: { type: 'string' }, limit: { type: 'string' } },
  async run(context) {
    const { db, userId, id } = await ownedEndpoint(context);
    return (await listAttempts(db, userId, id, optionalInteger(context.values, 'limit', 1) ?? 20)).map(renderAttempt);
  },
  human: (attempts: WebhookAttempt[]) =>
    attempts.length === 0
      ? 'no delivery attempts'
      : attempts.map((a) => `${a.createdAt}  ${a.messageId}  ${a.eventType}  attempt ${a.attempt}  ${a.statusCode ?? a.error}  ${a.durationMs} ms  (${a.messageState})`).join('\n'),
};
