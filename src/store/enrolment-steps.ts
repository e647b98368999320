import { newId } from '../ids.js';
import type { Db } from './db.js';

/** Enrolments as an executor sees them: one with its campaign, prospect and delivery; its steps; a campaign's funnel counts. */

/** One enrolment of the user's, with what its detail shows; undefined when it is not theirs. */
export function findEnrolment(db: Db, userId: string, enrolmentId: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .innerJoin('prospects as p', 'p.id', 'e.prospect_id')
    .leftJoin('webhook_messages as m', 'm.enrolment_id', 'e.id')
    .select([
      'e.id',
      'e.active',
      'e.stage',
      'e.outcome',
      'e.created_at as enrolledAt',
      'e.updated_at as updatedAt',
      'e.prospect_id as prospectId',
      'c.id as campaignId',
      'c.name as campaignName',
      'c.state as campaignState',
      'p.first_name as firstName',
      'p.last_name as lastName',
      'p.linkedin_url as linkedinUrl',
      'm.state as messageState',
      'm.next_attempt_at as messageNextAttemptAt',
    ])
    .where('e.user_id', '=', userId)
    .where('e.id', '=', enrolmentId)
    .executeTakeFirst();
}

export type FoundEnrolment = NonNullable<Awaited<ReturnType<typeof findEnrolment>>>;

/** At most this many steps per enrolment: a timeline, not a log of everything an executor does. */
export const MAX_STEPS_PER_ENROLMENT = 200;

export function stepsOf(db: Db, enrolmentId: string, limit = MAX_STEPS_PER_ENROLMENT) {
  return db.selectFrom('enrolment_steps').select(['type', 'note', 'occurred_at', 'created_at']).where('enrolment_id', '=', enrolmentId).orderBy('occurred_at').orderBy('id').limit(limit).execute();
}

export async function countSteps(db: Db, enrolmentId: string): Promise<number> {
  const { n } = await db.selectFrom('enrolment_steps').select((eb) => eb.fn.countAll<number | string>().as('n')).where('enrolment_id', '=', enrolmentId).executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertStep(trx: Db, step: { userId: string; enrolmentId: string; type: string; note: string | null; occurredAt: string; at: string }): Promise<void> {
  await trx
    .insertInto('enrolment_steps')
    .values({ id: newId(), user_id: step.userId, enrolment_id: step.enrolmentId, type: step.type, note: step.note, occurred_at: step.occurredAt, created_at: step.at })
    .execute();
}

export async function setEnrolmentStanding(trx: Db, enrolmentId: string, standing: { active: boolean; stage: number; outcome: string | null }, at: string): Promise<void> {
  await trx.updateTable('enrolments').set({ active: standing.active ? 1 : 0, stage: standing.stage, outcome: standing.outcome, updated_at: at }).where('id', '=', enrolmentId).execute();
}

/** The campaign's enrolments counted by furthest stage, whether active, and how they ended. */
export async function standingCounts(db: Db, userId: string, campaignId: string): Promise<{ stage: number; active: boolean; outcome: string | null; count: number }[]> {
  const rows = await db
    .selectFrom('enrolments')
    .select((eb) => ['stage', 'active', 'outcome', eb.fn.countAll<number | string>().as('n')])
    .where('user_id', '=', userId)
    .where('campaign_id', '=', campaignId)
    .groupBy(['stage', 'active', 'outcome'])
    .execute();
  return rows.map((r) => ({ stage: Number(r.stage), active: Number(r.active) === 1, outcome: r.outcome, count: Number(r.n) }));
}
