import { ApiError } from '../api-error.js';
import type { ImportAnswer, ProspectInput } from '../api-types.js';

// Sends a CSV's prospects in chunks of at most the server's MAX_BATCH (the session answer's
// maxBatch) and adds up the answers. Rows without a URL, and rows the server refuses as not a
// LinkedIn profile (R000401-003, which refuses the whole chunk), are left out and reported by row.

export interface LeftOut {
  /** The row in the file: 1 is the header line, so the first prospect is row 2. */
  row: number;
  url: string;
  reason: string;
}

export interface Outcome {
  importCodes: Record<string, number>;
  addToCampaignCodes: Record<string, number>;
  invalid: LeftOut[];
}

export interface Progress {
  done: number;
  total: number;
}

/** Posts one chunk; throws ApiError on a problem answer (as api() does). */
export type PostChunk = (prospects: ProspectInput[]) => Promise<ImportAnswer>;

interface Numbered {
  prospect: ProspectInput;
  row: number;
}

const FIRST_DATA_ROW = 2;

/** [start, end) of each chunk of `total` items, at most `size` each. */
export function chunkBounds(total: number, size: number): [number, number][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, not ${size}`);
  const bounds: [number, number][] = [];
  for (let start = 0; start < total; start += size) bounds.push([start, Math.min(start + size, total)]);
  return bounds;
}

export function emptyOutcome(): Outcome {
  return { importCodes: {}, addToCampaignCodes: {}, invalid: [] };
}

function add(counts: Record<string, number>, code: string): void {
  counts[code] = (counts[code] ?? 0) + 1;
}

export function countAnswer(outcome: Outcome, answer: ImportAnswer): void {
  for (const item of answer.result) {
    add(outcome.importCodes, item.importCode);
    if (item.addToCampaignCode) add(outcome.addToCampaignCodes, item.addToCampaignCode);
  }
}

function invalidUrlsOf(error: unknown): { index: number; url: string; reason: string }[] | null {
  if (!(error instanceof ApiError) || error.code !== 'R000401-003') return null;
  return Array.isArray(error.problem.invalidUrls) ? (error.problem.invalidUrls as { index: number; url: string; reason: string }[]) : null;
}

/** One chunk: sent once, and once more without the rows the server named as not LinkedIn profiles. */
async function sendChunk(chunk: Numbered[], post: PostChunk, outcome: Outcome): Promise<void> {
  let batch = chunk.filter((n) => {
    if (!n.prospect.url) outcome.invalid.push({ row: n.row, url: '', reason: 'no LinkedIn URL in this row' });
    return Boolean(n.prospect.url);
  });
  for (let attempt = 0; batch.length > 0; attempt++) {
    try {
      countAnswer(outcome, await post(batch.map((n) => n.prospect)));
      return;
    } catch (error) {
      const invalid = invalidUrlsOf(error);
      if (!invalid || attempt > 0) throw error;
      const bad = new Set(invalid.map((u) => u.index));
      for (const u of invalid) outcome.invalid.push({ row: batch[u.index]!.row, url: u.url, reason: u.reason });
      batch = batch.filter((_, i) => !bad.has(i));
    }
  }
}

/** Sends every prospect in chunks of at most `maxBatch`, one after the other; stops at the first other problem. */
export async function sendInChunks(prospects: readonly ProspectInput[], maxBatch: number, post: PostChunk, onProgress: (progress: Progress) => void = () => undefined): Promise<Outcome> {
  const outcome = emptyOutcome();
  const total = prospects.length;
  onProgress({ done: 0, total });
  for (const [start, end] of chunkBounds(total, maxBatch)) {
    const chunk = prospects.slice(start, end).map((prospect, i) => ({ prospect, row: start + i + FIRST_DATA_ROW }));
    await sendChunk(chunk, post, outcome);
    onProgress({ done: end, total });
  }
  return outcome;
}
