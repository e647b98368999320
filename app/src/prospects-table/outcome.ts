import type { BulkAnswer } from '../api-types.js';
import { count } from '../format.js';
import type { Messages } from '../i18n/en.js';

// What a bulk action did, in words (never the API's codes), in the colour of how it went, with the
// campaigns that hold the prospects it could not enrol linked. Pure, unit-tested; the words are the
// catalogue's (prospectsTable.outcome), so each language builds its own sentence.

type Words = Messages['prospectsTable']['outcome'];

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

export function describeMove(answer: BulkAnswer, listName: string, w: Words): Outcome {
  const moved = n(answer, 'moved');
  const skipped = n(answer, 'skipped');
  const gone = n(answer, 'not_found');
  const segments: Segment[] = [moved > 0 ? w.moved(count(moved), moved, listName) : w.nothingMoved(listName)];
  if (skipped > 0) segments.push(w.stayed(count(skipped), skipped, listName));
  if (gone > 0) segments.push(w.gone(count(gone), gone));
  segments.push(w.end);
  return { tone: toneOf(moved, answer.selected, gone), segments };
}

export function describeDelete(answer: BulkAnswer, w: Words): Outcome {
  const deleted = n(answer, 'deleted');
  const gone = n(answer, 'not_found');
  const segments: Segment[] = [deleted > 0 ? w.deleted(count(deleted), deleted) : w.nothingDeleted];
  if (gone > 0) segments.push(w.alreadyGone(count(gone), gone));
  segments.push(w.end);
  return { tone: deleted > 0 || answer.selected === 0 ? 'success' : 'warning', segments };
}

export function describeTag(answer: BulkAnswer, tag: string, w: Words): Outcome {
  const tagged = n(answer, 'tagged');
  const unchanged = n(answer, 'unchanged');
  const gone = n(answer, 'not_found');
  const segments: Segment[] = [tagged > 0 ? w.tagged(count(tagged), tagged, tag) : w.nobodyTagged(tag)];
  if (unchanged > 0) segments.push(w.alreadyHad(count(unchanged), unchanged));
  if (gone > 0) segments.push(w.gone(count(gone), gone));
  segments.push(w.end);
  return { tone: toneOf(tagged, answer.selected, gone), segments };
}

export function describeUntag(answer: BulkAnswer, tag: string, w: Words): Outcome {
  const untagged = n(answer, 'untagged');
  const unchanged = n(answer, 'unchanged');
  const gone = n(answer, 'not_found');
  const segments: Segment[] = [untagged > 0 ? w.untagged(count(untagged), untagged, tag) : w.nobodyUntagged(tag)];
  if (unchanged > 0) segments.push(w.didNotHave(count(unchanged), unchanged));
  if (gone > 0) segments.push(w.gone(count(gone), gone));
  segments.push(w.end);
  return { tone: toneOf(untagged, answer.selected, gone), segments };
}

export function describeEnrol(answer: BulkAnswer, campaign: { id: string; name: string; requiresEmail?: boolean }, w: Words): Outcome {
  const enrolled = n(answer, 'success');
  const busy = n(answer, 'already_in_campaign');
  const refused = n(answer, 'prospect_does_not_match_preconditions');
  const gone = n(answer, 'not_found');
  const segments: Segment[] = [enrolled > 0 ? w.enrolled(count(enrolled), enrolled) : w.nobodyEnrolled, { text: w.quoted(campaign.name), to: `/campaigns/${campaign.id}` }];
  const holders = answer.alreadyIn ?? [];
  holders.forEach((holder, i) => {
    segments.push(i === 0 ? w.firstHolder(count(holder.count)) : w.nextHolder(count(holder.count)), { text: w.quoted(holder.campaign.name), to: `/campaigns/${holder.campaign.id}` });
  });
  const unnamed = busy - holders.reduce((sum, h) => sum + h.count, 0);
  if (unnamed > 0) segments.push(w.alreadyInOne(count(unnamed)));
  if (refused > 0) {
    // The server's reasons are its own sentences; without them, the catalogue's.
    const why = answer.reasons?.length ? answer.reasons.join('; ') : campaign.requiresEmail ? w.needsEmail : w.conditions;
    segments.push(w.notEnrolled(count(refused), refused, why));
  }
  if (gone > 0) segments.push(w.gone(count(gone), gone));
  segments.push(w.end);
  return { tone: toneOf(enrolled, answer.selected, refused + gone), segments };
}
