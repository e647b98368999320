import assert from 'node:assert/strict';
import { assertProblem } from './compatible-api.js';
import type { TestResponse, TestServer } from './server.js';

/**
 * Reads every page of a /v1 list (`path` may carry a query already), calling `between` after each
 * page but the last, and checks the envelope: `data` never longer than `limit`, `nextCursor` a
 * string until the last page. Answers the items in the order the pages gave them.
 */
export async function readAllPages<T = any>(server: TestServer, path: string, key: string, limit: number, between: (page: number) => Promise<void> = async () => {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; ; page++) {
    const join = path.includes('?') ? '&' : '?';
    const answer = await server.request(`${path}${join}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(Object.keys(answer.body).sort(), ['data', 'nextCursor']);
    assert.ok(answer.body.data.length <= limit, 'no page is longer than the limit');
    items.push(...(answer.body.data as T[]));
    cursor = answer.body.nextCursor as string | null;
    if (cursor === null) return items;
    assert.equal(typeof cursor, 'string');
    assert.ok(page < 1000, 'the pages end');
    await between(page);
  }
}

/** Every id of `expected` read exactly once, and no id twice. */
export function assertEachOnce(read: readonly string[], expected: readonly string[], what: string): void {
  assert.equal(new Set(read).size, read.length, `${what}: no row repeated`);
  const missing = expected.filter((id) => !read.includes(id));
  assert.deepEqual(missing, [], `${what}: no row skipped`);
}

/** A foreign id answers exactly as a missing one: same status, code, title and detail but for the id. */
export function assertSameAsMissing(foreign: TestResponse, foreignId: string, missing: TestResponse, missingId: string): void {
  assertProblem(missing, 404, 'R000404-001');
  assert.equal(foreign.status, missing.status, foreign.text);
  assert.equal(foreign.body.code, missing.body.code);
  assert.equal(foreign.body.title, missing.body.title);
  assert.equal(foreign.body.detail.replaceAll(foreignId, '<id>'), missing.body.detail.replaceAll(missingId, '<id>'));
}

/** The limits every page query refuses (docs/v1.md#pagination). */
export async function assertPageQueryRefusals(server: TestServer, path: string, key: string): Promise<void> {
  const join = path.includes('?') ? '&' : '?';
  for (const query of ['limit=0', 'limit=101', 'limit=many']) assertProblem(await server.request(`${path}${join}${query}`, { key }), 400, 'V000400-001');
  const bad = await server.request(`${path}${join}cursor=not-a-cursor`, { key });
  assertProblem(bad, 400, 'V000400-001');
  assert.ok(bad.body.errors.some((e: { path: string }) => e.path === 'querystring/cursor'), bad.text);
}
