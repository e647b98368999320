/**
 * Why the service disabled an endpoint by itself. The API carries it as an English sentence
 * (`disabledReason`, and the `webhook_endpoint.disabled` event's `reason`); a client that speaks
 * another language reads the sentence back into its kind and says it in its own words.
 */
export type DisabledReason = { kind: 'gone' } | { kind: 'failing'; hours: number };

export function disabledReasonText(reason: DisabledReason): string {
  return reason.kind === 'gone' ? 'the endpoint answered 410 Gone' : `every delivery failed for ${reason.hours} hours`;
}

/** The kind of a sentence disabledReasonText wrote; null for any other text. */
export function readDisabledReason(text: string): DisabledReason | null {
  if (text === disabledReasonText({ kind: 'gone' })) return { kind: 'gone' };
  const failing = /^every delivery failed for (\d+(?:\.\d+)?) hours$/.exec(text);
  return failing ? { kind: 'failing', hours: Number(failing[1]) } : null;
}
