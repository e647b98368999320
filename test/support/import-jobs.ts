import assert from 'node:assert/strict';
import type { TestServer, TestResponse } from './server.js';

/** Helpers of the import-job tests (test/import-jobs/): start a job, wait for its end, read every result. */

export const ENDED = new Set(['completed', 'completed_with_errors', 'failed', 'canceled', 'reverted']);

/** POST /v1/imports with a raw body of `contentType` and options in the query string. */
export function postRaw(server: TestServer, key: string, contentType: string, body: string, query: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<TestResponse> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const v of [value].flat()) params.append(name, v);
  return server.request(`/v1/imports?${params}`, { method: 'POST', key, rawBody: body, headers: { 'content-type': contentType, ...headers } });
}

/** Polls GET /v1/imports/:id until the job has ended (the runner works in the background). */
export async function waitForJob(server: TestServer, key: string, id: string): Promise<any> {
  for (;;) {
    const answer = await server.request(`/v1/imports/${id}`, { key });
    assert.equal(answer.status, 200, answer.text);
    if (ENDED.has(answer.body.state)) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every result of a job, page after page. */
export async function allResults(server: TestServer, key: string, id: string, query = ''): Promise<any[]> {
  const results: any[] = [];
  let cursor: string | null = null;
  do {
    const answer = await server.request(`/v1/imports/${id}/results?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`, { key });
    assert.equal(answer.status, 200, answer.text);
    results.push(...answer.body.data);
    cursor = answer.body.nextCursor;
  } while (cursor);
  return results;
}

/** The counters a job's results add up to. */
export function countsOf(results: readonly any[]): { importCodes: Record<string, number>; addToCampaignCodes: Record<string, number> } {
  const importCodes: Record<string, number> = {};
  const addToCampaignCodes: Record<string, number> = {};
  for (const r of results) {
    importCodes[r.importCode] = (importCodes[r.importCode] ?? 0) + 1;
    if (r.addToCampaignCode) addToCampaignCodes[r.addToCampaignCode] = (addToCampaignCodes[r.addToCampaignCode] ?? 0) + 1;
  }
  return { importCodes, addToCampaignCodes };
}
