import { Type, type Static, type TObject } from '@sinclair/typebox';

/**
 * The event catalogue (docs/webhooks.md#events): each type with the schema of its `data`. Payloads
 * are thin — ids, what changed, the origin — never a prospect's personal data, so an erased person
 * leaves nothing behind in the feed or in a webhook log.
 */

const Id = Type.String({ description: 'a 24-hex id' });
const Counts = Type.Record(Type.String(), Type.Integer(), { description: 'how many prospects got each code' });

export const EVENT_DATA = {
  'prospect.created': Type.Object({ prospectId: Id, listId: Id, origin: Type.String() }),
  'prospect.updated': Type.Object({ prospectId: Id, listId: Id, origin: Type.String() }),
  'prospect.moved': Type.Object({ prospectId: Id, fromListId: Id, toListId: Id }),
  'prospect.deleted': Type.Object({ prospectId: Id, listId: Id }),
  'campaign.prospect_enrolled': Type.Object({ campaignId: Id, prospectId: Id }),
  /** An enrolment removed by the undo of the import that made it. */
  'campaign.prospect_unenrolled': Type.Object({ campaignId: Id, prospectId: Id }),
  'campaign.state_changed': Type.Object({ campaignId: Id, state: Type.String() }),
  'campaign.deleted': Type.Object({ campaignId: Id }),
  /** An executor reported a step (POST /v1/enrolments/:id/events); `state` is the enrolment's after it. The note stays out: it may name the person. */
  'campaign.enrolment_step': Type.Object({ campaignId: Id, enrolmentId: Id, prospectId: Id, type: Type.String(), state: Type.String(), occurredAt: Type.String() }),
  'list.created': Type.Object({ listId: Id, name: Type.String() }),
  'list.deleted': Type.Object({ listId: Id, deletedProspects: Type.Integer() }),
  'import.completed': Type.Object({
    activityId: Type.Union([Id, Type.Null()], { description: 'the import request; null for an import job (see jobId), whose chunks are requests of their own' }),
    jobId: Type.Optional(Id),
    listId: Id,
    campaignId: Type.Union([Id, Type.Null()]),
    origin: Type.String(),
    prospectCount: Type.Integer(),
    importCodes: Counts,
    addToCampaignCodes: Counts,
  }),
  'import.reverted': Type.Object({
    activityId: Id,
    removed: Type.Integer(),
    movedBack: Type.Integer(),
    restored: Type.Integer(),
    unenrolled: Type.Integer(),
    notUndone: Type.Integer(),
  }),
  /** An import job that stopped on an error of the whole job (docs/v1.md#import-jobs). */
  'import.failed': Type.Object({ jobId: Id, listId: Id, error: Type.String(), rowsDone: Type.Integer(), rowsTotal: Type.Integer(), importCodes: Counts, addToCampaignCodes: Counts }),
  /** An import job canceled: the rows done stay done. */
  'import.canceled': Type.Object({ jobId: Id, listId: Id, rowsDone: Type.Integer(), rowsTotal: Type.Integer(), importCodes: Counts, addToCampaignCodes: Counts }),
  'webhook_endpoint.disabled': Type.Object({ endpointId: Id, reason: Type.String() }),
  /** Sent by POST /v1/webhook-endpoints/:id/test only; never in the feed. */
  'webhook.test': Type.Object({ endpointId: Id, message: Type.String() }),
} satisfies Record<string, TObject>;

export type EventType = keyof typeof EVENT_DATA;
export type EventData<T extends EventType> = Static<(typeof EVENT_DATA)[T]>;
export const EVENT_TYPES = Object.keys(EVENT_DATA) as EventType[];

/** One event of the feed: `type` tells which schema `data` follows. */
export const FeedEvent = Type.Union(
  EVENT_TYPES.map((type) =>
    Type.Object(
      { id: Id, position: Type.Integer({ description: 'per user, in commit order' }), type: Type.Literal(type), timestamp: Type.String(), data: EVENT_DATA[type] },
      { title: type },
    ),
  ),
  {
    examples: [
      { id: '6b08edc0829f97ef9860397e', position: 42, type: 'list.created', timestamp: '2026-12-02T18:00:00.000Z', data: { listId: '6b08edb8829f97ef98603975', name: 'Webinar' } },
    ],
  },
);
export type FeedEvent = Static<typeof FeedEvent>;
