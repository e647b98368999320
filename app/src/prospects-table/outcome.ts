import type { BulkAnswer } from '../api-types.js';
import { count } from '../format.js';
import { prospects } from './strings.js';

// What a bulk action did, in words (never the API's codes), in the colour of how it went, with the
// campaigns that hold the prospects it could not enrol linked. Pure, unit-tested.

export type Tone = 'success' | 'warning' | 'error';
export type Segment = string | { text: string; to: string };
export interface Outcome {
  tone: Tone;
  segments: Segment[];
}

/** success: all did what was asked; warning: some did, or the rest needed nothing; error: none did and something failed. */
function toneOf(done: number, selected: number, failed: number): Tone {
  if (done === selected) return 'success';
  if (done > 0 || failed === 0) return 'warning';
  return 'error';
}

const n = (answer: BulkAnswer, key: string) => answer.counts[key] ?? 0;

export function describeMove(answer: BulkAnswer, listName: string): Outcome {
  const moved = n(answer, 'moved');
  const skipped = n(answer, 'skipped');
  const gone = n(answer, 'not_found');
  const segments: Segment[] = [moved > 0 ? `Moved ${prospects(moved)} to “${listName}”` : `Nothing moved to “${listName}”`];
  if (skipped > 0) segments.push(`; ${count(skipped)} stayed where they were: already in “${listName}”, or the same person is there`);
  if (gone > 0) segments.push(`; ${count(gone)} no longer exist`);
  segments.push('.');
  return { tone: toneOf(moved, answer.selected, gone), segments };
}

export function describeDelete(answer: BulkAnswer): Outcome {
  const deleted = n(answer, 'deleted');
  const gone = n(answer, 'not_found');
  const segments: Segment[] = [deleted > 0 ? `Deleted ${prospects(deleted)}` : 'Nothing deleted'];
  if (gone > 0) segments.push(`; ${count(gone)} were already gone`);
  segments.push('.');
  return { tone: deleted > 0 || answer.selected === 0 ? 'success' : 'warning', segments };
}

export function describeTag(answer: BulkAnswer, tag: string): Outcome {
  const tagged = n(answer, 'tagged');
  const unchanged = n(answer, 'unchanged');
  const gone = n(answer, 'not_found');
  const segments: Segment[] = [tagged > 0 ? `Tagged ${prospects(tagged)} “${tag}”` : `Nobody newly tagged “${tag}”`];
  if (unchanged > 0) segments.push(`; ${count(unchanged)} already had it`);
  if (gone > 0) segments.push(`; ${count(gone)} no longer exist`);
  segments.push('.');
  return { tone: toneOf(tagged, answer.selected, gone), segments };
}

export function describeUntag(answer: BulkAnswer, tag: string): Outcome {
  const untagged = n(answer, 'untagged');
  const unchanged = n(answer, 'unchanged');
  const gone = n(answer, 'not_found');
  const segments: Segment[] = [untagged > 0 ? `Removed “${tag}” from ${prospects(untagged)}` : `Nobody lost “${tag}”`];
  if (unchanged > 0) segments.push(`; ${count(unchanged)} did not have it`);
  if (gone > 0) segments.push(`; ${count(gone)} no longer exist`);
  segments.push('.');
  return { tone: toneOf(untagged, answer.selected, gone), segments };
}

export function describeEnrol(answer: BulkAnswer, campaign: { id: string; name: string; requiresEmail?: boolean }): Outcome {
  const enrolled = n(answer, 'success');
  const busy = n(answer, 'already_in_campaign');
  const refused = n(answer, 'prospect_does_not_match_preconditions');
  const gone = n(answer, 'not_found');
  const segments: Segment[] = [
    enrolled > 0 ? `Enrolled ${prospects(enrolled)} in ` : 'Nobody was enrolled in ',
    { text: `“${campaign.name}”`, to: `/campaigns/${campaign.id}` },
  ];
  const holders = answer.alreadyIn ?? [];
  holders.forEach((holder, i) => {
    segments.push(i === 0 ? `; ${count(holder.count)} already in campaign ` : `, ${count(holder.count)} in `, { text: `“${holder.campaign.name}”`, to: `/campaigns/${holder.campaign.id}` });
  });
  const unnamed = busy - holders.reduce((sum, h) => sum + h.count, 0);
  if (unnamed > 0) segments.push(`; ${count(unnamed)} already in a campaign`);
  if (refused > 0) {
    const why = answer.reasons?.length ? answer.reasons.join('; ') : campaign.requiresEmail ? 'the campaign needs an e-mail address and they have none' : 'they do not meet the campaign’s conditions';
    segments.push(`; ${count(refused)} not enrolled: ${why}`);
  }
  if (gone > 0) segments.push(`; ${count(gone)} no longer exist`);
  segments.push('.');
  return { tone: toneOf(enrolled, answer.selected, refused + gone), segments };
}
