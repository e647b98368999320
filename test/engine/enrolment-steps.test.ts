import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideStep, enrolmentState, funnelOf, STEP_TYPES, type StepType } from '../../src/engine/enrolment-steps.js';

// The rules of an executor's steps (docs/v1.md#executor-steps), without a database.

const fresh = { active: true, stage: 0, outcome: null };

function after(steps: StepType[]) {
  let standing: { active: boolean; stage: number; outcome: string | null } = fresh;
  for (const type of steps) {
    const decision = decideStep(standing, type);
    if (!decision.ok) return { refused: decision.reason, standing };
    standing = decision.next;
  }
  return { refused: null, standing };
}

test('the stage only goes forward; replied, finished and failed end the enrolment', () => {
  assert.equal(enrolmentState(after(['invitation_sent']).standing), 'contacted');
  assert.equal(enrolmentState(after(['connected', 'message_sent']).standing), 'connected', 'a later contact does not take it back');
  assert.equal(enrolmentState(after(['email_sent', 'bounced']).standing), 'contacted');
  for (const end of ['replied', 'finished', 'failed'] as const) {
    const { standing } = after(['invitation_sent', end]);
    assert.deepEqual([standing.active, enrolmentState(standing)], [false, end]);
  }
  assert.equal(after(['replied']).standing.stage, 3);
});

test('after an end every step is refused, except a reply after finished', () => {
  for (const end of ['replied', 'failed'] as const) {
    for (const type of STEP_TYPES) assert.ok(after([end, type]).refused, `${type} after ${end}`);
  }
  for (const type of STEP_TYPES.filter((t) => t !== 'replied')) assert.ok(after(['finished', type]).refused, `${type} after finished`);
  assert.equal(enrolmentState(after(['finished', 'replied']).standing), 'replied');
  const stopped = { active: false, stage: 1, outcome: null };
  assert.equal(enrolmentState(stopped), 'stopped');
  for (const type of STEP_TYPES) assert.equal(decideStep(stopped, type).ok, false, `${type} after the campaign let it go`);
});

test('the funnel counts each stage and every later one, so it never widens', () => {
  const funnel = funnelOf([
    { stage: 0, count: 5 },
    { stage: 1, count: 3 },
    { stage: 2, count: 1 },
    { stage: 3, count: 1 },
  ]);
  assert.deepEqual(funnel.map((s) => [s.stage, s.count, s.rate, s.stepRate]), [
    ['enrolled', 10, 1, 1],
    ['contacted', 5, 0.5, 0.5],
    ['connected', 2, 0.2, 0.4],
    ['replied', 1, 0.1, 0.5],
  ]);
  assert.deepEqual(funnelOf([]).map((s) => [s.count, s.rate, s.stepRate]), [[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
});
