import { Type, type Static } from '@sinclair/typebox';
import { validationProblem } from '../../../problems.js';
import { EVENT_TYPES, FeedEvent, type EventType } from '../../../schemas/events.js';
import { PageOf } from '../../../schemas/page.js';
import { listEventsAfter } from '../../../store/events.js';
import type { EventRow } from '../../../store/schema.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

export const EventsQuery = Type.Object({
  after: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$', description: 'the nextCursor of the previous page; 0 (the default) for the oldest event kept' })),
  types: Type.Optional(Type.String({ maxLength: 1000, description: `comma-separated event types: ${EVENT_TYPES.join(', ')}` })),
  // A query string carries text (no type coercion here: src/http/app.ts), so the number is a pattern.
  limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: 'events per page, 1 to 100 (default 50)' })),
});
export type EventsQuery = Static<typeof EventsQuery>;

export const EventsPage = PageOf(FeedEvent);
export type EventsPage = Static<typeof EventsPage>;

export function renderEvent(row: EventRow): FeedEvent {
  return { id: row.id, position: Number(row.position), type: row.type as EventType, timestamp: row.created_at, data: JSON.parse(row.data) } as FeedEvent;
}

function typesOf(text: string | undefined): EventType[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const types = text.split(',').map((t) => t.trim());
  const unknown = types.filter((t) => !(EVENT_TYPES as string[]).includes(t));
  if (unknown.length > 0) throw validationProblem([{ path: 'querystring/types', message: `unknown event type(s): ${unknown.join(', ')}` }]);
  return types as EventType[];
}

/**
 * /v1/events: the feed an integration polls (docs/webhooks.md#the-feed). Positions are per user and
 * commit in order (store/events.ts), so `after` never skips an event that commits later, nor repeats one.
 * `nextCursor` is always where to poll next: the position of the page's last event, or `after` itself
 * when nothing new has committed.
 */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/v1/events',
    { schema: { tags: ['API v1'], summary: 'The events feed, oldest first, after a cursor', querystring: EventsQuery, response: { 200: EventsPage, ...problemResponses(400) } } },
    async (request): Promise<EventsPage> => {
      const after = Number(request.query.after ?? 0);
      const rows = await listEventsAfter(database.db, callerOfRequest(request).userId, after, Number(request.query.limit ?? 50), typesOf(request.query.types));
      const last = rows.at(-1);
      return { data: rows.map(renderEvent), nextCursor: String(last ? Number(last.position) : after) };
    },
  );
};
export default route;
