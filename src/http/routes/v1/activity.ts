import { ApiProblem } from '../../../problems.js';
import { ActivityItem, ActivityPage, ActivityQuery, FAILURE_CODES, OutcomePage, OutcomeQuery, type Outcome } from '../../../schemas/app-activity.js';
import { IdParams } from '../../../schemas/app-resources.js';
import { activityWithNames } from '../../../store/app-activity.js';
import { idAfterCursor, pageFromRows, positionAfterCursor } from '../../cursor.js';
import { problemResponses } from '../../problem-response.js';
import { callerOfRequest } from '../../plugins/api-key-auth.js';
import type { RoutePlugin } from '../index.js';

const tags = ['API v1'];

type Row = Awaited<ReturnType<typeof activityWithNames>>[number];

function renderItem(row: Row, undoWindowDays: number): ActivityItem {
  const until = new Date(Date.parse(row.created_at) + undoWindowDays * 86_400_000).toISOString();
  return {
    id: row.id,
    createdAt: row.created_at,
    origin: row.origin,
    originLabel: row.origin_label,
    integrationOrigin: row.integration_origin,
    keyName: row.key_name,
    list: row.list_name === null ? null : { id: row.list_id, name: row.list_name },
    campaign: row.campaign_id && row.campaign_name !== null ? { id: row.campaign_id, name: row.campaign_name } : null,
    prospectCount: Number(row.prospect_count),
    counts: JSON.parse(row.counts) as ActivityItem['counts'],
    revertedAt: row.reverted_at,
    undo: row.undo === null ? null : (JSON.parse(row.undo) as ActivityItem['undo']),
    // The journal is purged after the window: until then it may still be there, but no undo is taken.
    undoableUntil: row.reverted_at === null && Number(row.undoable) === 1 && until > new Date().toISOString() ? until : null,
  };
}

function renderOutcome(stored: Record<string, unknown>, position: number): Outcome {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    position,
    url: text(stored.url),
    importCode: String(stored.importCode),
    addToCampaignCode: text(stored.addToCampaignCode),
    prospectId: text(stored.prospectId),
    message: text(stored.message),
  };
}

function outcomeFilter({ importCode, addToCampaignCode, failed }: OutcomeQuery): (o: Outcome) => boolean {
  const failedOf = (o: Outcome) => FAILURE_CODES.has(o.importCode) || (o.addToCampaignCode !== null && FAILURE_CODES.has(o.addToCampaignCode));
  return (o) =>
    (importCode === undefined || o.importCode === importCode) &&
    (addToCampaignCode === undefined || o.addToCampaignCode === addToCampaignCode) &&
    (failed === undefined || failedOf(o) === failed);
}

/** The time as stored (toISOString), so a text comparison is a time comparison. */
const storedInstant = (value: string | undefined) => (value === undefined ? undefined : new Date(value).toISOString());

/** /v1/activity: every import, newest first, and one import's per-prospect outcomes (docs/v1.md#activity). */
const route: RoutePlugin = async (app, { database, config }) => {
  const render = (row: Row) => renderItem(row, config.undoWindowDays);
  app.get(
    '/v1/activity',
    { schema: { tags, summary: 'The imports, newest first, filtered by origin, list and time', querystring: ActivityQuery, response: { 200: ActivityPage, ...problemResponses(400) } } },
    async (request) => {
      const { origin, listId, after, before, job, cursor } = request.query;
      const limit = request.query.limit ?? 50;
      const rows = await activityWithNames(database.db, callerOfRequest(request).userId, {
        origin,
        listId,
        after: storedInstant(after),
        before: storedInstant(before),
        job,
        beforeId: idAfterCursor(cursor),
        limit: limit + 1,
      });
      return pageFromRows(rows, limit, render, (row) => [row.id]);
    },
  );

  app.get('/v1/activity/:id', { schema: { tags, summary: 'One import with its counts', params: IdParams, response: { 200: ActivityItem, ...problemResponses(400, 404) } } }, async (request) => {
    const [row] = await activityWithNames(database.db, callerOfRequest(request).userId, { eventId: request.params.id, limit: 1 });
    if (!row) throw new ApiProblem('R000404-001', `no import "${request.params.id}" in your activity`);
    return render(row);
  });

  app.get(
    '/v1/activity/:id/outcomes',
    {
      schema: {
        tags,
        summary: "One import's per-prospect outcomes, in the order it sent them",
        params: IdParams,
        querystring: OutcomeQuery,
        response: { 200: OutcomePage, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const [row] = await activityWithNames(database.db, callerOfRequest(request).userId, { eventId: request.params.id, limit: 1 });
      if (!row) throw new ApiProblem('R000404-001', `no import "${request.params.id}" in your activity`);
      const afterPosition = positionAfterCursor(request.query.cursor) ?? -1;
      const limit = request.query.limit ?? 50;
      const wanted = outcomeFilter(request.query);
      // An import's outcomes never change once recorded: a position is a stable keyset.
      const outcomes = (JSON.parse(row.outcomes) as Record<string, unknown>[])
        .map(renderOutcome)
        .filter((o) => o.position > afterPosition && wanted(o))
        .slice(0, limit + 1);
      return pageFromRows(outcomes, limit, (o) => o, (o) => [o.position]);
    },
  );
};
export default route;
