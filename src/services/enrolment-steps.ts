import { decideStep, enrolmentState } from '../engine/enrolment-steps.js';
import { ApiProblem, validationProblem } from '../problems.js';
import type { EnrolmentDetail, StepRequest } from '../schemas/campaign-executors.js';
import { executorDeliveryOf } from '../store/campaign-executors.js';
import type { Database } from '../store/database.js';
import type { Db } from '../store/db.js';
import { countSteps, findEnrolment, insertStep, MAX_STEPS_PER_ENROLMENT, setEnrolmentStanding, stepsOf, type FoundEnrolment } from '../store/enrolment-steps.js';
import { recordEvent } from '../store/events.js';
import { nowIso } from '../store/time.js';
import { inTransaction } from '../store/transaction.js';
import { lockCrm } from '../store/users.js';

/** A step reported ahead of the server's clock by more than this is refused: clocks drift, the future does not happen. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function enrolmentNotFound(id: string): ApiProblem {
  return new ApiProblem('R000404-001', `no enrolment "${id}" among yours`);
}

const standingOf = (row: Pick<FoundEnrolment, 'active' | 'stage' | 'outcome'>) => ({ active: Number(row.active) === 1, stage: Number(row.stage), outcome: row.outcome });

/** One enrolment with its timeline, read with `db`; undefined when it is not the user's. */
export async function enrolmentDetail(db: Db, userId: string, enrolmentId: string): Promise<EnrolmentDetail | undefined> {
  const row = await findEnrolment(db, userId, enrolmentId);
  if (!row) return undefined;
  const steps = await stepsOf(db, row.id);
  return {
    id: row.id,
    campaign: { id: row.campaignId, name: row.campaignName, state: row.campaignState },
    prospect: { id: row.prospectId, name: [row.firstName, row.lastName].filter(Boolean).join(' ') || row.linkedinUrl, linkedinUrl: row.linkedinUrl },
    state: enrolmentState(standingOf(row)),
    active: Number(row.active) === 1,
    enrolledAt: row.enrolledAt,
    updatedAt: row.updatedAt,
    executorDelivery: executorDeliveryOf(row.messageState, row.messageNextAttemptAt),
    steps: steps.map((s) => ({ type: s.type as EnrolmentDetail['steps'][number]['type'], note: s.note, occurredAt: s.occurred_at, recordedAt: s.created_at })),
  };
}

function occurredAtOf(text: string | undefined, now: number): string {
  if (text === undefined) return nowIso(now);
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw validationProblem([{ path: '/occurredAt', message: 'is not an ISO-8601 date-time' }]);
  if (at > now + CLOCK_SKEW_MS) throw validationProblem([{ path: '/occurredAt', message: 'is in the future' }]);
  return nowIso(at);
}

/**
 * Records what an executor did (docs/v1.md#executor-steps): the step joins the enrolment's timeline,
 * the enrolment's stage and state follow, and `campaign.enrolment_step` is written, all in one
 * transaction under the CRM lock (an ending step frees the prospect, which imports decide against).
 */
export async function reportStep(database: Database, userId: string, enrolmentId: string, step: StepRequest): Promise<EnrolmentDetail> {
  const now = Date.now();
  const occurredAt = occurredAtOf(step.occurredAt, now);
  return inTransaction(database, async (trx) => {
    await lockCrm(trx, userId, null);
    const row = await findEnrolment(trx, userId, enrolmentId);
    if (!row) throw enrolmentNotFound(enrolmentId);
    const decision = decideStep(standingOf(row), step.type);
    if (!decision.ok) throw new ApiProblem('R000409-030', decision.reason, { state: enrolmentState(standingOf(row)), type: step.type });
    if ((await countSteps(trx, row.id)) >= MAX_STEPS_PER_ENROLMENT) {
      throw new ApiProblem('R000409-031', `an enrolment keeps at most ${MAX_STEPS_PER_ENROLMENT} steps; this one is full`, { limit: MAX_STEPS_PER_ENROLMENT });
    }
    const at = nowIso(now);
    await insertStep(trx, { userId, enrolmentId: row.id, type: step.type, note: step.note ?? null, occurredAt, at });
    await setEnrolmentStanding(trx, row.id, decision.next, at);
    const state = enrolmentState(decision.next);
    await recordEvent(trx, userId, 'campaign.enrolment_step', { campaignId: row.campaignId, enrolmentId: row.id, prospectId: row.prospectId, type: step.type, state, occurredAt });
    const detail = await enrolmentDetail(trx, userId, row.id);
    if (!detail) throw enrolmentNotFound(enrolmentId);
    return detail;
  });
}
