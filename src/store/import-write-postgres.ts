import { prepared } from './postgres-prepared.js';
import { CompiledQuery } from 'kysely';
import type { ProspectState } from '../engine/decide-import.js';
import { ACTIVITY_COLUMNS, activityValues, type NewActivityEvent } from './activity.js';
import type { Db } from './db.js';
import { unnestOf } from './dialect.js';
import { eventArrays, type NewEvent } from './events.js';
import { CHANGED_COLUMNS, changedRowsOf, PROSPECT_COLUMNS, rowOfState } from './prospects.js';

/**
 * PostgreSQL: an import's writes in ONE statement, a data-modifying CTE (one round trip instead of
 * five, bench/notes.md): the new prospects, the changed ones, the lists' counts, the CRM count, the
 * activity event, the events with their feed positions, and the answer stored under the request's
 * Idempotency-Key. The same writes as insertProspects, updateProspects, adjustListCounts,
 * addProspectCount, insertActivityEvent, recordEvents and completeIdempotencyKey make one by one on SQLite. Each part is a no-op when it has nothing to write, so the text is one.
 *
 * The parts touch different rows (new prospects and existing ones; each list once; the user's row
 * once, for both of its counters), which is what one statement may do.
 */

export interface ImportWrites {
  userId: string;
  creates: readonly ProspectState[];
  changed: Iterable<ProspectState>;
  /** The origin name the new prospects are stored with. */
  origin: string;
  at: string;
  listDeltas: ReadonlyMap<string, number>;
  crmDelta: number;
  activity: NewActivityEvent;
  events: readonly NewEvent[];
  /** The answer to store under the request's Idempotency-Key (idempotency-keys.ts), if it has one. */
  answer?: { key: string; statusCode: number; body: string } | undefined;
}

const CREATED = unnestOf(PROSPECT_COLUMNS, [], 1);
const CHANGED = unnestOf(CHANGED_COLUMNS, [], PROSPECT_COLUMNS.length + 1);
// The parameters after the two unnests, by name.
const NAMES = ['userId', 'at', 'listIds', 'listDeltas', 'crmDelta', 'eventCount', 'eventIds', 'eventTypes', 'eventData', 'eventsAt', 'answerKey', 'answerStatus', 'answerBody'] as const;
const FIRST_NAMED = PROSPECT_COLUMNS.length + CHANGED_COLUMNS.length + 1;
const $ = Object.fromEntries(NAMES.map((name, i) => [name, `$${FIRST_NAMED + i}`])) as Record<(typeof NAMES)[number], string>;
const FIRST_ACTIVITY = FIRST_NAMED + NAMES.length;
const ACTIVITY_PLACEHOLDERS = ACTIVITY_COLUMNS.split(',').map((_, i) => `$${FIRST_ACTIVITY + i}`).join(', ');
const changedSets = CHANGED_COLUMNS.slice(1)
  .map(([name]) => `"${name}" = v."${name}"`)
  .join(', ');

const TEXT = prepared(
  `with created as (insert into prospects (${CREATED.names}) select * from unnest(${CREATED.casts})),
  changed as (update prospects as t set ${changedSets} from unnest(${CHANGED.casts}) as v(${CHANGED.names}) where t.id = v.id and t.user_id = ${$.userId}::text),
  listed as (update prospect_lists as l set total_prospects = l.total_prospects + v.delta, updated_at = ${$.at}::text from unnest(${$.listIds}::text[], ${$.listDeltas}::integer[]) as v(id, delta) where l.id = v.id),
  counted as (update users set prospect_count = prospect_count + ${$.crmDelta}::integer, event_seq = event_seq + ${$.eventCount}::integer
    where id = ${$.userId} and (${$.crmDelta}::integer <> 0 or ${$.eventCount}::integer <> 0) returning event_seq),
  activity as (insert into activity_events (${ACTIVITY_COLUMNS}) values (${ACTIVITY_PLACEHOLDERS})),
  recorded as (insert into events (id, user_id, position, type, data, created_at)
    select v.id, ${$.userId}::text, counted.event_seq - ${$.eventCount}::integer + v.n, v.type, v.data, ${$.eventsAt}::text
    from counted, unnest(${$.eventIds}::text[], ${$.eventTypes}::text[], ${$.eventData}::text[]) with ordinality as v(id, type, data, n)),
  answered as (update idempotency_keys set status_code = ${$.answerStatus}::integer, response_body = ${$.answerBody}::text where user_id = ${$.userId}::text and key = ${$.answerKey}::text)
  select 1`,
  // Its result is `select 1`, whatever the tables' columns.
  { starsOnlyInside: true },
);

export async function writeImport(trx: Db, writes: ImportWrites): Promise<void> {
  const created = unnestOf(PROSPECT_COLUMNS, writes.creates.map((p) => rowOfState(writes.userId, p, writes.origin, writes.at)));
  const changed = unnestOf(CHANGED_COLUMNS, changedRowsOf(writes.changed, writes.at));
  const lists = [...writes.listDeltas].filter(([, delta]) => delta !== 0);
  const events = eventArrays(writes.events);
  const named: Record<(typeof NAMES)[number], unknown> = {
    userId: writes.userId,
    at: writes.at,
    listIds: lists.map(([id]) => id),
    listDeltas: lists.map(([, delta]) => delta),
    crmDelta: writes.crmDelta,
    eventCount: writes.events.length,
    eventIds: events.ids,
    eventTypes: events.types,
    eventData: events.data,
    eventsAt: events.at,
    answerKey: writes.answer?.key ?? null,
    answerStatus: writes.answer?.statusCode ?? null,
    answerBody: writes.answer?.body ?? null,
  };
  const parameters = [...created.arrays, ...changed.arrays, ...NAMES.map((name) => named[name]), ...activityValues(writes.activity)];
  await trx.executeQuery(CompiledQuery.raw(TEXT, parameters));
}
