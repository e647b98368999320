import { requireUser, UserFacingError } from '../../services/accounts.js';
import { EVENT_TYPES } from '../../schemas/events.js';
import { renderEndpoint } from '../../schemas/webhooks.js';
import { nowIso } from '../../store/time.js';
import { createEndpoint, deleteEndpoint, findEndpoint, listEndpoints } from '../../store/webhook-endpoints.js';
import { replayMessages } from '../../store/webhook-messages.js';
import { newWebhookSecret } from '../../webhooks/signature.js';
import { optionalString, positional, requireString, type Command } from '../command.js';

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
