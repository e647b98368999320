import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../app/src/api-error.js';
import type { ImportAnswer, ProspectInput } from '../../app/src/api-types.js';
import { chunkBounds, sendInChunks, type Progress } from '../../app/src/import/send-in-chunks.js';

// The CSV import's chunking (app/src/import/send-in-chunks.ts). `post` stands in for POST /v1/prospects/import
// (which test/browser/app.test.ts drives for real) and answers "success" for every prospect.

const prospects = (n: number): ProspectInput[] => Array.from({ length: n }, (_, i) => ({ url: `https://www.linkedin.com/in/p${i}` }));

function answer(count: number): ImportAnswer {
  return { result: Array.from({ length: count }, () => ({ importCode: 'success', addToCampaignCode: 'success', prospect: { profile: { lastName: null, linkedinUrl: 'https://www.linkedin.com/in/p' } }, message: null })), warnings: [], dryRun: false, activityId: null };
}

test('chunks cover every item once, each at most the batch size', () => {
  assert.deepEqual(chunkBounds(0, 1000), []);
  assert.deepEqual(chunkBounds(7, 3), [[0, 3], [3, 6], [6, 7]]);
  assert.deepEqual(chunkBounds(1000, 1000), [[0, 1000]]);
  assert.throws(() => chunkBounds(5, 0), RangeError);
});

test("sends in chunks of the server's MAX_BATCH, below 1,000 too, and adds up the codes", async () => {
  const sizes: number[] = [];
  const progress: Progress[] = [];
  const outcome = await sendInChunks(prospects(23), 10, async (chunk) => (sizes.push(chunk.length), answer(chunk.length)), (p) => progress.push(p));
  assert.deepEqual(sizes, [10, 10, 3]);
  assert.deepEqual(outcome, { importCodes: { success: 23 }, addToCampaignCodes: { success: 23 }, invalid: [] });
  assert.deepEqual(progress, [{ done: 0, total: 23 }, { done: 10, total: 23 }, { done: 20, total: 23 }, { done: 23, total: 23 }]);
});

test('rows without a URL and rows the server refuses as not LinkedIn profiles are left out by file row; the rest is sent again', async () => {
  const input = prospects(5);
  input[1] = { url: '' };
  input[3] = { url: 'https://example.com/x' };
  const sent: string[][] = [];
  const outcome = await sendInChunks(input, 10, async (chunk) => {
    sent.push(chunk.map((p) => p.url));
    const bad = chunk.findIndex((p) => p.url.startsWith('https://example.com'));
    if (bad >= 0) throw new ApiError(400, 'R000401-003', '1 of 4 urls', { invalidUrls: [{ index: bad, url: chunk[bad]!.url, reason: 'not a LinkedIn profile URL' }] });
    return answer(chunk.length);
  });
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[1], [input[0]!.url, input[2]!.url, input[4]!.url]);
  assert.deepEqual(outcome.importCodes, { success: 3 });
  // Row 1 of the file is its header line.
  assert.deepEqual(outcome.invalid, [
    { row: 3, url: '', reason: 'no LinkedIn URL in this row' },
    { row: 5, url: 'https://example.com/x', reason: 'not a LinkedIn profile URL' },
  ]);
});

test('any other problem stops the import with it', async () => {
  const refusal = new ApiError(400, 'V000400-002', '11 prospects sent; at most 10 per request');
  await assert.rejects(
    sendInChunks(prospects(3), 10, async () => {
      throw refusal;
    }),
    (error) => error === refusal,
  );
});
