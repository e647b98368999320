/**
 * What an executor's step does to an enrolment (docs/v1.md#executor-steps): pure decisions, no IO.
 *
 * The funnel counts the furthest stage an enrolment reached: contacted (an invitation, message or
 * e-mail went out), connected, replied. A stage counts every enrolment that reached it or a later
 * one, so the funnel never widens. `replied`, `finished` and `failed` end the enrolment and free the
 * prospect for another campaign; after an end only a `replied` that follows `finished` is accepted
 * (a reply to the last message may come after the sequence finished).
 */

export const STEP_TYPES = ['invitation_sent', 'connected', 'message_sent', 'email_sent', 'replied', 'bounced', 'finished', 'failed'] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const FUNNEL_STAGES = ['enrolled', 'contacted', 'connected', 'replied'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** The outcomes that end an enrolment, as stored in enrolments.outcome. */
export const ENDING_STEPS = ['replied', 'finished', 'failed'] as const satisfies readonly StepType[];
type EndingStep = (typeof ENDING_STEPS)[number];

/** Where an enrolment stands: travelling at a stage, or ended and how (`stopped`: unenrolled or archived). */
export const ENROLMENT_STATES = ['enrolled', 'contacted', 'connected', 'replied', 'finished', 'failed', 'stopped'] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];

const STAGE_OF_STEP: Record<StepType, number> = {
  invitation_sent: 1,
  message_sent: 1,
  email_sent: 1,
  connected: 2,
  replied: 3,
  // A bounce reached nobody; finishing or failing says nothing of how far it went.
  bounced: 0,
  finished: 0,
  failed: 0,
};

const isEnding = (type: string): type is EndingStep => (ENDING_STEPS as readonly string[]).includes(type);

export interface EnrolmentStanding {
  active: boolean;
  stage: number;
  outcome: string | null;
}

export function enrolmentState(standing: EnrolmentStanding): EnrolmentState {
  if (!standing.active) return standing.outcome !== null && isEnding(standing.outcome) ? standing.outcome : 'stopped';
  return FUNNEL_STAGES[Math.min(standing.stage, 2)] ?? 'enrolled';
}

export type StepDecision = { ok: true; next: EnrolmentStanding; ended: boolean } | { ok: false; reason: string };

/** The enrolment after `type`, or why the step is refused. */
export function decideStep(current: EnrolmentStanding, type: StepType): StepDecision {
  const lateReply = !current.active && current.outcome === 'finished' && type === 'replied';
  if (!current.active && !lateReply) {
    const state = enrolmentState(current);
    return { ok: false, reason: `the enrolment has ended (${state}); ${state === 'finished' ? 'only a reply can follow' : 'it takes no more steps'}` };
  }
  const stage = Math.max(current.stage, STAGE_OF_STEP[type]);
  if (isEnding(type)) return { ok: true, next: { active: false, stage, outcome: type }, ended: current.active };
  return { ok: true, next: { active: true, stage, outcome: null }, ended: false };
}

export interface FunnelRow {
  stage: number;
  count: number;
}

export interface FunnelStep {
  stage: FunnelStage;
  count: number;
  /** Of the enrolled, 0 to 1 (0 when nobody is enrolled). */
  rate: number;
  /** Of the stage before (1 for `enrolled`; 0 when the stage before is empty). */
  stepRate: number;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

/** The funnel from enrolment counts per furthest stage. */
export function funnelOf(rows: readonly FunnelRow[]): FunnelStep[] {
  const reached = FUNNEL_STAGES.map((_, index) => rows.filter((r) => r.stage >= index).reduce((sum, r) => sum + r.count, 0));
  const enrolled = reached[0] ?? 0;
  return FUNNEL_STAGES.map((stage, index) => {
    const count = reached[index] ?? 0;
    return { stage, count, rate: ratio(count, enrolled), stepRate: index === 0 ? (enrolled === 0 ? 0 : 1) : ratio(count, reached[index - 1] ?? 0) };
  });
}
