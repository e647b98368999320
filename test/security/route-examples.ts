import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { CatalogRoute } from '../../src/http/plugins/route-catalog.js';
import { importBody, uniqueProfileUrl } from '../support/tenant.js';

/**
 * One valid request for every route of the route table, built from the route catalog: the path
 * comes from the route's URL (each `:id` filled with the id of the resource its folder names), the
 * body from BODIES below. The security matrix, the isolation tests and the app API's session and
 * CSRF tests all call every catalog route this way, so a new route is covered by each of them, or
 * (when it takes a body nobody wrote an example for) fails them all.
 */

/** The ids a request may name: the caller's own, another tenant's, or ones that exist nowhere. */
export interface Ids {
  list: string;
  prospect: string;
  campaign: string;
  key: string;
  activity: string;
  /** Absent: an id that exists nowhere. */
  webhookEndpoint?: string;
  /** A note on `prospect`; absent: an id that exists nowhere. */
  note?: string;
  /** Absent: an id that exists nowhere. */
  enrolment?: string;
  /** A saved view; absent: an id that exists nowhere. */
  view?: string;
  /** Absent: an id that exists nowhere. */
  importJob?: string;
}

export interface Call {
  method: string;
  path: string;
  body?: unknown;
}

/** A valid body for every route that takes one, by the catalog's "METHOD /url". */
const BODIES: Record<string, (ids: Ids) => unknown> = {
  'POST /prospects/addProspectFromIntegration': (ids) => importBody(ids.list, [uniqueProfileUrl()]),
  'POST /v1/session': () => ({ email: 'someone@example.com', password: 'a password' }),
  'POST /v1/lists': () => ({ name: 'A list' }),
  'PATCH /v1/lists/:id': () => ({ name: 'Renamed' }),
  'PATCH /v1/prospects/:id': () => ({ profile: { occupation: 'Engineer' } }),
  'POST /v1/prospects/bulk': (ids) => ({ action: 'move', ids: [ids.prospect], listId: ids.list }),
  'POST /v1/campaigns': () => ({ name: 'A campaign' }),
  'PATCH /v1/campaigns/:id': () => ({ name: 'Renamed' }),
  'POST /v1/campaigns/:id/state': () => ({ state: 'paused' }),
  'POST /v1/campaigns/:id/enrolments': (ids) => ({ prospectIds: [ids.prospect] }),
  'POST /v1/enrolments/:id/events': () => ({ type: 'invitation_sent', note: 'sent by the executor' }),
  'POST /v1/keys': () => ({ name: 'A key' }),
  'POST /v1/prospects/import': (ids) => ({ prospectListId: ids.list, prospects: [{ url: uniqueProfileUrl() }] }),
  'POST /v1/webhook-endpoints': () => ({ url: 'https://hooks.example.com/prospect-hub', eventTypes: ['list.created'] }),
  'PATCH /v1/webhook-endpoints/:id': () => ({ description: 'renamed' }),
  'POST /v1/webhook-endpoints/:id/replay': () => ({ since: '2026-12-01T00:00:00Z' }),
  'POST /v1/erasures': (ids) => ({ prospectId: ids.prospect }),
  'PUT /v1/prospects/:id/do-not-contact': () => ({ doNotContact: true }),
  'PUT /v1/lists/:id/do-not-contact': () => ({ doNotContact: true }),
  'PATCH /v1/account': () => ({ language: 'en' }),
  'POST /v1/account/password': () => ({ currentPassword: 'not the password', newPassword: 'a new passphrase' }),
  'PUT /v1/prospects/:id/tags': () => ({ tags: ['VIP'] }),
  'PATCH /v1/prospects/:id/tags': () => ({ add: ['VIP'], remove: ['Cold'] }),
  'POST /v1/prospects/:id/notes': () => ({ body: 'Met at the fair.' }),
  'PATCH /v1/prospects/:id/notes/:noteId': () => ({ body: 'Met at the fair; call in January.' }),
  'POST /v1/views': () => ({ name: `A view ${Math.random().toString(36).slice(2)}`, filter: { hasEmail: true } }),
  'PATCH /v1/views/:id': () => ({ name: `Renamed ${Math.random().toString(36).slice(2)}` }),
  'POST /v1/imports': (ids) => ({ prospectListId: ids.list, prospects: [{ url: uniqueProfileUrl() }] }),
};

const NOWHERE = 'ffffffffffffffffffffffff';

/** The resource an `:id` names, from the folder before it: /v1/lists/:id is a list. */
const RESOURCE_OF_FOLDER: Record<string, keyof Ids> = {
  lists: 'list',
  prospects: 'prospect',
  campaigns: 'campaign',
  enrolments: 'prospect',
  keys: 'key',
  activity: 'activity',
  'webhook-endpoints': 'webhookEndpoint',
  notes: 'note',
  views: 'view',
  imports: 'importJob',
};

/** The JSON schema of a body, also when the route takes several content types (`body.content`, as POST /v1/imports). */
function jsonBodySchema(schema: TSchema): TSchema {
  const content = (schema as { content?: Record<string, { schema: TSchema }> }).content;
  return content?.['application/json']?.schema ?? schema;
}

export function routeName(route: Pick<CatalogRoute, 'method' | 'url'>): string {
  return `${route.method} ${route.url}`;
}

/** The example request of `route` naming `ids`; throws when the route takes a body without an example. */
export function exampleCall(route: CatalogRoute, ids: Ids): Call {
  const segments = route.url.split('/').map((segment, at, all) => {
    if (!segment.startsWith(':')) return segment;
    // /v1/enrolments/:id is an enrolment; /v1/campaigns/:id/enrolments/:prospectId a prospect.
    const resource = all[at - 1] === 'enrolments' && all[at - 2] === 'v1' ? 'enrolment' : RESOURCE_OF_FOLDER[all[at - 1] ?? ''];
    if (!resource) throw new Error(`${routeName(route)}: no resource known for the parameter ${segment} (test/security/route-examples.ts)`);
    return encodeURIComponent(ids[resource] ?? NOWHERE);
  });
  const call: Call = { method: route.method, path: segments.join('/') };
  if (route.schema.body === undefined) return call;
  const body = BODIES[routeName(route)];
  if (!body) throw new Error(`${routeName(route)} takes a body: add an example to BODIES in test/security/route-examples.ts`);
  return { ...call, body: body(ids) };
}

/**
 * What is wrong with the examples: a route with a body but no example (or an invalid one), an
 * example for a route that does not exist. Empty when every example fits its route.
 */
export function exampleProblems(catalog: readonly CatalogRoute[], ids: Ids): string[] {
  const problems: string[] = [];
  for (const route of catalog) {
    if (route.schema.body === undefined) continue;
    const body = BODIES[routeName(route)];
    if (!body) problems.push(`${routeName(route)}: takes a body but has no example`);
    else if (!Value.Check(jsonBodySchema(route.schema.body), body(ids))) {
      problems.push(`${routeName(route)}: the example body is invalid: ${[...Value.Errors(jsonBodySchema(route.schema.body), body(ids))].map((e) => `${e.path} ${e.message}`).join('; ')}`);
    }
  }
  const names = new Set(catalog.map(routeName));
  for (const name of Object.keys(BODIES)) if (!names.has(name)) problems.push(`${name}: has an example but is not a route any more`);
  return problems;
}
