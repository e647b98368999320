import { Type, type Static } from '@sinclair/typebox';
import { ENROLMENT_STATES, FUNNEL_STAGES, STEP_TYPES } from '../engine/enrolment-steps.js';

// Campaigns that hand their work to executors (docs/webhooks.md#executors): the message an executor
// receives, the steps it reports (POST /v1/enrolments/:id/events), an enrolment with its timeline,
// and a campaign's funnel.

const literals = <T extends string>(values: readonly T[], options: { description?: string } = {}) => Type.Union(values.map((v) => Type.Literal(v)), options);

export const StepTypeSchema = literals(STEP_TYPES, { description: 'what the executor did or saw' });
export type StepType = Static<typeof StepTypeSchema>;
export const EnrolmentStateSchema = literals(ENROLMENT_STATES, {
  description: 'travelling: enrolled, contacted or connected; ended: replied, finished, failed, or stopped (unenrolled, or the campaign archived)',
});
export const ExecutorDeliverySchema = Type.Union([Type.Literal('none'), Type.Literal('held'), Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')], {
  description:
    "the enrolment's message to the campaign's executor: none (no executor, or withdrawn), held (the campaign is paused), pending (being delivered or retried), delivered, failed (retries spent)",
});

/** The `data` of the `campaign.prospect_enrolled` message an executor receives: unlike the feed's event, it carries the prospect. */
export const ExecutorEnrolmentData = Type.Object(
  {
    campaignId: Type.String(),
    campaignName: Type.String(),
    enrolmentId: Type.String({ description: 'report steps to POST /v1/enrolments/{enrolmentId}/events' }),
    prospectId: Type.String(),
    enrolledAt: Type.String(),
    prospect: Type.Object({
      id: Type.String(),
      listId: Type.String(),
      linkedinUrl: Type.String(),
      profile: Type.Record(Type.String(), Type.Unknown(), { description: 'the customProfile as stored: firstName, lastName, email, company, …' }),
      customVariables: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
    }),
    reportTo: Type.String({ description: 'the path to report steps to' }),
  },
  { additionalProperties: false },
);
export type ExecutorEnrolmentData = Static<typeof ExecutorEnrolmentData>;

/** The whole body an executor receives, for the OpenAPI document's `webhooks` (src/http/plugins/openapi.ts). */
export const ExecutorMessage = Type.Object(
  { type: Type.Literal('campaign.prospect_enrolled'), timestamp: Type.String(), data: ExecutorEnrolmentData },
  {
    examples: [
      {
        type: 'campaign.prospect_enrolled',
        timestamp: '2026-12-03T09:00:00.000Z',
        data: {
          campaignId: '6750a1c2e4b0f1a2b3c4d5f0',
          campaignName: 'Q1 outreach',
          enrolmentId: '6750a1c2e4b0f1a2b3c4d700',
          prospectId: '6750a1c2e4b0f1a2b3c4d600',
          enrolledAt: '2026-12-03T09:00:00.000Z',
          prospect: {
            id: '6750a1c2e4b0f1a2b3c4d600',
            listId: '6750a1c2e4b0f1a2b3c4d5e6',
            linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
            profile: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
            customVariables: [{ label: 'source', value: 'webinar' }],
          },
          reportTo: '/v1/enrolments/6750a1c2e4b0f1a2b3c4d700/events',
        },
      },
    ],
  },
);

export const StepRequest = Type.Object(
  {
    type: StepTypeSchema,
    note: Type.Optional(Type.String({ maxLength: 1000, description: 'free text shown in the timeline' })),
    occurredAt: Type.Optional(Type.String({ maxLength: 40, description: 'when it happened, ISO-8601; now when absent; at most 5 minutes ahead of the server' })),
  },
  { additionalProperties: false, examples: [{ type: 'invitation_sent', note: 'LinkedIn invitation with a note', occurredAt: '2026-12-03T09:15:00.000Z' }] },
);
export type StepRequest = Static<typeof StepRequest>;

export const EnrolmentStep = Type.Object({
  type: StepTypeSchema,
  note: Type.Union([Type.String(), Type.Null()]),
  occurredAt: Type.String(),
  recordedAt: Type.String(),
});
export type EnrolmentStep = Static<typeof EnrolmentStep>;

const DETAIL_EXAMPLE = {
  id: '6750a1c2e4b0f1a2b3c4d700',
  campaign: { id: '6750a1c2e4b0f1a2b3c4d5f0', name: 'Q1 outreach', state: 'running' },
  prospect: { id: '6750a1c2e4b0f1a2b3c4d600', name: 'Ada Lovelace', linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace' },
  state: 'connected',
  active: true,
  enrolledAt: '2026-12-03T09:00:00.000Z',
  updatedAt: '2026-12-03T11:00:00.000Z',
  executorDelivery: 'delivered',
  steps: [
    { type: 'invitation_sent', note: null, occurredAt: '2026-12-03T09:15:00.000Z', recordedAt: '2026-12-03T09:15:01.000Z' },
    { type: 'connected', note: null, occurredAt: '2026-12-03T11:00:00.000Z', recordedAt: '2026-12-03T11:00:02.000Z' },
  ],
};

/** One enrolment with its timeline of steps, oldest first. */
export const EnrolmentDetail = Type.Object(
  {
    id: Type.String(),
    campaign: Type.Object({ id: Type.String(), name: Type.String(), state: Type.String() }),
    prospect: Type.Object({ id: Type.String(), name: Type.String(), linkedinUrl: Type.String() }),
    state: EnrolmentStateSchema,
    active: Type.Boolean(),
    enrolledAt: Type.String(),
    updatedAt: Type.String(),
    executorDelivery: ExecutorDeliverySchema,
    steps: Type.Array(EnrolmentStep, { description: 'in the order they occurred' }),
  },
  { examples: [DETAIL_EXAMPLE] },
);
export type EnrolmentDetail = Static<typeof EnrolmentDetail>;

export const FunnelStepSchema = Type.Object({
  stage: literals(FUNNEL_STAGES),
  count: Type.Integer({ description: 'enrolments that reached this stage or a later one' }),
  rate: Type.Number({ description: 'of the enrolled, 0 to 1' }),
  stepRate: Type.Number({ description: 'of the stage before, 0 to 1' }),
});

export const CampaignStats = Type.Object(
  {
    campaignId: Type.String(),
    enrolled: Type.Integer(),
    active: Type.Integer({ description: 'travelling it now' }),
    funnel: Type.Array(FunnelStepSchema, { description: 'enrolled → contacted → connected → replied' }),
    ended: Type.Object(
      { replied: Type.Integer(), finished: Type.Integer(), failed: Type.Integer(), stopped: Type.Integer() },
      { description: 'ended enrolments by how they ended' },
    ),
  },
  {
    examples: [
      {
        campaignId: '6750a1c2e4b0f1a2b3c4d5f0',
        enrolled: 200,
        active: 120,
        funnel: [
          { stage: 'enrolled', count: 200, rate: 1, stepRate: 1 },
          { stage: 'contacted', count: 150, rate: 0.75, stepRate: 0.75 },
          { stage: 'connected', count: 60, rate: 0.3, stepRate: 0.4 },
          { stage: 'replied', count: 18, rate: 0.09, stepRate: 0.3 },
        ],
        ended: { replied: 18, finished: 40, failed: 12, stopped: 10 },
      },
    ],
  },
);
export type CampaignStats = Static<typeof CampaignStats>;
