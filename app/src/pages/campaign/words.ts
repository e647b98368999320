import type { Campaign, Enrolment, StepType } from '../../api-types.js';

// What the campaign pages show instead of the API's codes: words, with the code kept for a tooltip.

type EnrolmentState = Enrolment['state'];
type Delivery = Enrolment['executorDelivery'];

export const ENROLMENT_STATE_WORDS: Record<EnrolmentState, string> = {
  enrolled: 'Waiting for a first contact',
  contacted: 'Contacted',
  connected: 'Connected',
  replied: 'Replied',
  finished: 'Sequence finished',
  failed: 'Executor gave up',
  stopped: 'Removed from the campaign',
};

export const DELIVERY_WORDS: Record<Delivery, string> = {
  none: 'Not sent to an executor',
  held: 'Held while the campaign is paused',
  pending: 'Being sent to the executor',
  delivered: 'Sent to the executor',
  failed: 'The executor could not be reached',
};

export const STEP_WORDS: Record<StepType, string> = {
  invitation_sent: 'Invitation sent',
  connected: 'Connected',
  message_sent: 'Message sent',
  email_sent: 'E-mail sent',
  replied: 'Replied',
  bounced: 'E-mail bounced',
  finished: 'Sequence finished',
  failed: 'Executor gave up',
};

export const CAMPAIGN_STATE_WORDS: Record<Campaign['state'], string> = {
  draft: 'Draft',
  running: 'Running',
  paused: 'Paused',
  archived: 'Archived',
};

export const STAGE_WORDS: Record<string, string> = {
  enrolled: 'Enrolled',
  contacted: 'Contacted',
  connected: 'Connected',
  replied: 'Replied',
};

export function percent(rate: number): string {
  return `${(rate * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
}
