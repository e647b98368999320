import { countCodes, decideImport, type BatchItem, type CampaignInfo, type ImportDecision, type ProspectState } from '../engine/decide-import.js';
import { checkOriginName, originLabel } from '../engine/origin.js';
import { importFlags, readBatch } from '../engine/read-import-request.js';
import { withoutErasedPeople } from '../engine/redact-person.js';
import { newId } from '../ids.js';
import { ApiProblem, problemDocument, validationProblem, type ProblemOrigin } from '../problems.js';
import type { ImportAnswer, ImportRequest, Warning } from '../schemas/import.js';
import { renderImportAnswer } from '../schemas/import-answer.js';
import { insertActivityEvent, type NewActivityEvent } from '../store/activity.js';
import type { Database } from '../store/database.js';
import type { Db } from '../store/db.js';
import { handOverEnrolments } from '../store/campaign-executors.js';
import { insertEnrolments } from '../store/enrolments.js';
import { recordEvents, type NewEvent } from '../store/events.js';
import { claimIdempotencyKey, completeIdempotencyKey, findIdempotencyKey, storeIdempotentAnswer, type IdempotencyRow } from '../store/idempotency-keys.js';
import { readErasureSalt } from '../store/erased-identities.js';
import { journalText, type StoredJournal } from '../store/import-journal.js';
import { readImportSnapshot } from '../store/import-snapshot.js';
import { writeImport } from '../store/import-write-postgres.js';
import { isPostgres } from '../store/dialect.js';
import { adjustListCounts } from '../store/lists.js';
import { insertProspects, updateProspects } from '../store/prospects.js';
import type { TagName } from '../store/tags.js';
import { nowIso } from '../store/time.js';
import { inTransaction } from '../store/transaction.js';
import { addProspectCount } from '../store/users.js';
import { PERMISSION_IMPORT_DUPLICATES, type Caller } from './caller.js';
import { importEvents } from './import-events.js';
import { tagImported } from './prospect-tags.js';

/** The outcomes whose prospect gets the import's tags: stored, found or moved; not one refused. */
const TAGGED_CODES: ReadonlySet<string> = new Set(['success', 'duplicated_prospect', 'prospect_successfully_moved_to_another_list']);

/**
 * The import's tags on every prospect it stored, found or moved; a `prospect.updated` for each one whose tags
 * changed and that the import's own events do not already name (created or changed by it).
 */
async function importTagEvents(trx: Db, userId: string, decision: ImportDecision, tags: readonly TagName[], origin: string, at: string): Promise<NewEvent[]> {
  const answered = new Map<string, string>();
  for (const item of decision.items) if (item.prospect && TAGGED_CODES.has(item.importCode)) answered.set(item.prospect.id, item.prospect.listId);
  const changed = await tagImported(trx, userId, [...answered.keys()], tags, at);
  const named = new Set([...decision.writes.creates.map((p) => p.id), ...[...decision.writes.changed.values()].map((p) => p.id)]);
  return [...changed].filter((id) => !named.has(id)).map((id) => ({ type: 'prospect.updated', data: { prospectId: id, listId: answered.get(id)!, origin } }));
}

export interface ImportOptions {
  dryRun: boolean;
  /** The x-req-integration-origin header, recorded on the activity event. */
  integrationOrigin: string | null;
  /** Unknown fields found (and dropped) while reading the request. */
  warnings: Warning[];
  /** The feed's label when it is not derived from the origin (the web app's CSV import shows "CSV"). */
  originLabel?: string;
  /** The request's Idempotency-Key: its answer is stored, and a retry gets the stored one. */
  idempotency?: IdempotencyKey;
  /** Tags every prospect the import answers with gets (the /v1 import: docs/v1.md#tags-and-notes). */
  tags?: readonly TagName[];
  /** A chunk of an import job: the job tells subscribers once, at its end, instead of import.completed per chunk. */
  jobChunk?: boolean;
}

export interface IdempotencyKey {
  key: string;
  /** What the key was first sent with (http/idempotent-import.ts): another request under the key is refused. */
  requestHash: string;
  ttlHours: number;
  /** Named by a stored problem document, so its replay is the same bytes. */
  origin: ProblemOrigin;
}

/** The import's answer, or the answer stored under its Idempotency-Key (a status and the document as sent). */
export type ImportOutcome = { kind: 'imported'; answer: ImportAnswer } | { kind: 'replayed'; statusCode: number; body: string };

/**
 * The import use case (docs/api.md): checks the whole request first, then in one transaction
 * claims the Idempotency-Key, locks the CRM, reads a snapshot, decides, writes, and stores the
 * answer under the key, so an import and its stored answer commit together or not at all.
 */
export async function importProspects(database: Database, caller: Caller, request: ImportRequest, options: ImportOptions): Promise<ImportOutcome> {
  const { idempotency } = options;
  const now = Date.now();
  if (idempotency) {
    // A retry is answered without a transaction or the CRM lock.
    const stored = await findIdempotencyKey(database.db, caller.userId, idempotency.key);
    if (stored && stored.expires_at > nowIso(now)) return replayOf(stored, idempotency.requestHash);
  }
  let result: { kind: 'imported'; answer: ImportAnswer } | { kind: 'taken'; row: IdempotencyRow };
  try {
    result = await importOnce(database, caller, request, options, now);
  } catch (error) {
    // A refusal the import decided (bad URLs, unknown list, missing permission) is the answer to a
    // retry too; 5xx and 429 are not, so the key stays free for a retry.
    if (idempotency && error instanceof ApiProblem && error.status < 500 && error.status !== 429) {
      const body = JSON.stringify(problemDocument(error, idempotency.origin));
      await storeIdempotentAnswer(database.db, { ...keyRow(caller, idempotency, now), statusCode: error.status, responseBody: body });
    }
    throw error;
  }
  return result.kind === 'taken' ? replayOf(result.row, idempotency!.requestHash) : result;
}

async function importOnce(database: Database, caller: Caller, request: ImportRequest, options: ImportOptions, now: number) {
  const { batch, origin } = checkRequest(caller, request);
  const { idempotency, dryRun } = options;
  const run = async (trx: Db) => {
    if (idempotency && !(await claimIdempotencyKey(trx, keyRow(caller, idempotency, now)))) {
      // Claimed by a request that committed meanwhile (a concurrent claim waits on the row until then).
      const row = await findIdempotencyKey(trx, caller.userId, idempotency.key);
      if (!row) throw new Error('idempotency key neither claimable nor found');
      return { kind: 'taken' as const, row };
    }
    let answer: ImportAnswer | undefined;
    const answerOf = (decision: ImportDecision, activityId: string | null) => (answer ??= renderImportAnswer(decision, batch, { warnings: options.warnings, dryRun, activityId }));
    const storedAnswer = idempotency && { key: idempotency.key, bodyOf: (decision: ImportDecision, activityId: string | null) => JSON.stringify(withoutErasedPeople(answerOf(decision, activityId))) };
    const { decision, activityId } = await importBatchIn(trx, database, caller, { request, batch, origin, options, storedAnswer });
    return { kind: 'imported' as const, answer: answerOf(decision, activityId) };
  };
  // Imports of one CRM wait for its lock anyway: they may share a commit. A dry run takes no lock.
  const commitGroup = dryRun ? undefined : caller.dedupTeamId ? `team:${caller.dedupTeamId}` : `user:${caller.userId}`;
  return inTransaction(database, run, { commitGroup });
}

/** The answer a request stores under its Idempotency-Key (200), written with the import's own writes. */
interface StoredAnswer {
  key: string;
  bodyOf(decision: ImportDecision, activityId: string | null): string;
}

/**
 * The import of a checked batch inside the caller's transaction: lock the CRM, read the snapshot,
 * decide, write. An import job runs each chunk of its file through this very function
 * (services/import-jobs/run-chunk.ts), so a row gets exactly the codes a request would give it.
 */
export async function importBatchIn(
  trx: Db,
  database: Database,
  caller: Caller,
  input: { request: ImportRequest; batch: BatchItem[]; origin: string; options: ImportOptions; storedAnswer?: StoredAnswer | undefined },
): Promise<{ decision: ImportDecision; activityId: string | null }> {
  const { request, batch, origin, options, storedAnswer } = input;
  const campaignId = request.campaignId?.trim() || null;
  const read = await readImportSnapshot(trx, caller, batch, {
    requestedListId: request.prospectListId,
    campaignId,
    lock: !options.dryRun,
    readErasureSalt: () => readErasureSalt(trx, database),
  });
  if (!read) throw new ApiProblem('R000404-002', `no prospect list "${request.prospectListId}" among your lists`);
  const { listId, snapshot } = read;
  const decision = decideImport(batch, importFlags(request), snapshot, newId);
  if (options.dryRun) {
    if (storedAnswer) await completeIdempotencyKey(trx, caller.userId, storedAnswer.key, 200, storedAnswer.bodyOf(decision, null));
    return { decision, activityId: null };
  }
  const activityId = await writeDecision(trx, caller, decision, { request, origin, listId, campaignId, options, before: snapshot.prospects, campaign: snapshot.campaign, storedAnswer });
  return { decision, activityId };
}

/** Everything that refuses the whole request before any read: origin, URLs, permission. */
function checkRequest(caller: Caller, request: ImportRequest): { batch: BatchItem[]; origin: string } {
  const origin = checkOriginName(request.origin.name);
  if (!origin.ok) throw validationProblem([{ path: '/origin/name', message: origin.reason }]);
  const reading = readBatch(request.prospects);
  if (!reading.ok) {
    const { invalidUrls } = reading;
    throw new ApiProblem('R000401-003', `${invalidUrls.length} of ${request.prospects.length} urls are not LinkedIn profile URLs; nothing was imported`, {
      invalidUrls,
      errors: invalidUrls.map((u) => ({ path: `/prospects/${u.index}/url`, message: u.reason })),
    });
  }
  if (request.canCreateDuplicates && !caller.permissions.has(PERMISSION_IMPORT_DUPLICATES)) {
    throw new ApiProblem('M000401-001', 'canCreateDuplicates needs the import_duplicates permission, which your plan does not include');
  }
  return { batch: reading.batch, origin: origin.name };
}

function keyRow(caller: Caller, idempotency: IdempotencyKey, now: number) {
  return { userId: caller.userId, key: idempotency.key, requestHash: idempotency.requestHash, now: nowIso(now), expiresAt: nowIso(now + idempotency.ttlHours * 3_600_000) };
}

function replayOf(row: IdempotencyRow, requestHash: string): ImportOutcome {
  if (row.request_hash !== requestHash) {
    throw new ApiProblem('I000422-001', 'this Idempotency-Key was already used with a different request; use a new key for a new request');
  }
  if (row.status_code === null || row.response_body === null) {
    throw new ApiProblem('I000409-001', 'a request with this Idempotency-Key is still in progress; retry shortly', {}, { 'retry-after': '1' });
  }
  return { kind: 'replayed', statusCode: row.status_code, body: row.response_body };
}

interface WriteContext {
  request: ImportRequest;
  /** The origin name as checked (trimmed). */
  origin: string;
  listId: string;
  campaignId: string | null;
  options: ImportOptions;
  /** The snapshot's prospects, as they were before the import (decideImport changes copies only). */
  before: readonly ProspectState[];
  /** The campaign asked for, as the snapshot read it (its executor included: no second read). */
  campaign: CampaignInfo | null | undefined;
  storedAnswer: StoredAnswer | undefined;
}

async function writeDecision(trx: Db, caller: Caller, decision: ImportDecision, context: WriteContext): Promise<string> {
  const { writes } = decision;
  const { origin } = context;
  const at = nowIso();
  // PostgreSQL writes the common import in one statement; enrolments (handed to an executor) and
  // tags (whose events depend on what the tagging changed) take the statements below.
  if (isPostgres(trx) && writes.enrolments.length === 0 && !context.options.tags) {
    const activityId = newId();
    await writeImport(trx, {
      userId: caller.userId,
      creates: writes.creates,
      changed: writes.changed.values(),
      origin,
      at,
      listDeltas: writes.listDeltas,
      crmDelta: writes.crmDelta,
      activity: activityOf(caller, decision, context, activityId, at),
      events: eventsOf(decision, context, activityId),
      answer: context.storedAnswer && { key: context.storedAnswer.key, statusCode: 200, body: context.storedAnswer.bodyOf(decision, activityId) },
    });
    return activityId;
  }
  if (writes.creates.length > 0) await insertProspects(trx, caller.userId, writes.creates, origin, at);
  if (writes.changed.size > 0) await updateProspects(trx, caller.userId, writes.changed.values(), at);
  await adjustListCounts(trx, writes.listDeltas, at);
  await addProspectCount(trx, caller.userId, writes.crmDelta);
  if (writes.enrolments.length > 0) {
    const enrolmentIds = await insertEnrolments(trx, caller.userId, writes.enrolments, at);
    const campaign = context.campaign;
    if (campaign?.executor) {
      const { endpointId, campaignName } = campaign.executor;
      await handOverEnrolments(trx, { id: campaign.id, user_id: caller.userId, name: campaignName, state: campaign.state, executor_endpoint_id: endpointId }, enrolmentIds);
    }
  }

  const activityId = newId();
  await insertActivityEvent(trx, activityOf(caller, decision, context, activityId, at));
  const events = eventsOf(decision, context, activityId);
  if (context.options.tags) events.push(...(await importTagEvents(trx, caller.userId, decision, context.options.tags, origin, at)));
  await recordEvents(trx, caller.userId, events);
  if (context.storedAnswer) await completeIdempotencyKey(trx, caller.userId, context.storedAnswer.key, 200, context.storedAnswer.bodyOf(decision, activityId));
  return activityId;
}

/** The import's entry in the activity feed, with its journal for the undo. */
function activityOf(caller: Caller, decision: ImportDecision, context: WriteContext, activityId: string, at: string): NewActivityEvent {
  const { items } = decision;
  const { origin } = context;
  return {
    id: activityId,
    user_id: caller.userId,
    api_key_id: caller.keyId,
    origin,
    origin_label: context.options.originLabel ?? originLabel(origin),
    integration_origin: context.options.integrationOrigin,
    list_id: context.listId,
    campaign_id: context.campaignId,
    prospect_count: items.length,
    counts: JSON.stringify(countCodes(items)),
    outcomes: JSON.stringify(
      items.map((item, index) => ({
        // An erased person's URL is not stored again (docs/v1.md#privacy-erasure-do-not-contact-access).
        url: item.importCode === 'profile_deleted' ? null : context.request.prospects[index]?.url,
        importCode: item.importCode,
        addToCampaignCode: item.addToCampaignCode ?? null,
        prospectId: item.prospect?.id ?? null,
        message: item.message,
      })),
    ),
    journal: journalText(journalOf(decision, context.before, at)),
    created_at: at,
  };
}

/** The import's events, without import.completed for a job's chunk (its job tells subscribers once). */
function eventsOf(decision: ImportDecision, context: WriteContext, activityId: string): NewEvent[] {
  const events = importEvents(decision, { activityId, listId: context.listId, campaignId: context.campaignId, origin: context.origin });
  return context.options.jobChunk ? events.filter((e) => e.type !== 'import.completed') : events;
}

/** What the import changed, for its undo (services/undo-import.ts): the state before of each prospect. */
function journalOf({ writes }: ImportDecision, before: readonly ProspectState[], at: string): StoredJournal {
  const changed: StoredJournal['changed'] = [];
  if (writes.changed.size > 0) {
    for (const p of before) if (writes.changed.has(p.id)) changed.push({ id: p.id, listId: p.listId, profile: p.profile, variables: p.variables, updatedAt: p.updatedAt ?? '' });
  }
  return { writtenAt: at, changed };
}
