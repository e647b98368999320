import assert from 'node:assert/strict';
import { test } from 'node:test';
import { historyPage, type FeedPage, type HistoryFeeds } from '../../app/src/import/import-history.js';

// The import history's merge of two newest-first feeds (app/src/import/import-history.ts), over feeds
// paged as /v1 pages them: keyset cursors, at most `limit` a page.

interface Item {
  id: string;
  createdAt: string;
}

const at = (second: number) => new Date(Date.UTC(2026, 11, 3, 8, 0, second)).toISOString();
const idOf = (n: number) => n.toString(16).padStart(24, '0');

/** A /v1-like feed over `items` (newest first): the cursor is the id of the last item of the page before. */
function feed(items: Item[], calls: number[] = []): (cursor: string | null, limit: number) => Promise<FeedPage<Item>> {
  return async (cursor, limit) => {
    calls.push(limit);
    const rest = cursor === null ? items : items.filter((i) => i.id < cursor);
    const data = rest.slice(0, limit);
    return { data, nextCursor: rest.length > limit ? data.at(-1)!.id : null };
  };
}

async function readAll(feeds: HistoryFeeds<Item, Item>, size: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Awaited<ReturnType<typeof historyPage<Item, Item>>> = await historyPage(feeds, cursor, size);
    ids.push(...page.items.map((e) => `${e.kind}:${e.item.id}`));
    cursor = page.next;
    assert.ok(++pages < 1000, 'the pages end');
  } while (cursor !== null);
  return { ids, pages };
}

/** Two feeds from one timeline: `pattern` says, oldest first, which feed each moment's item is in. */
function timeline(pattern: string): { jobs: Item[]; requests: Item[]; expected: string[] } {
  const jobs: Item[] = [];
  const requests: Item[] = [];
  const expected: string[] = [];
  [...pattern].forEach((kind, n) => {
    const item = { id: idOf(n + 1), createdAt: at(n) };
    (kind === 'j' ? jobs : requests).unshift(item);
    expected.unshift(`${kind === 'j' ? 'job' : 'request'}:${item.id}`);
  });
  return { jobs, requests, expected };
}

test('the two feeds read as one, newest first, every entry once, whatever the page size and however they interleave', async () => {
  for (const pattern of ['jjjjrrrr', 'rrrrjjjj', 'jrjrjrjrjr', 'jjjrjjjrrrrrjr', 'j', 'r', '', 'rrrrrrrrrrrrrrrrrrrrrrrrj', 'jrrrrrrrrrrrrrrrrrrrrrrrrrrj']) {
    const { jobs, requests, expected } = timeline(pattern);
    for (const size of [1, 2, 3, 5, 50]) {
      const { ids } = await readAll({ jobs: feed(jobs), requests: feed(requests) }, size);
      assert.deepEqual(ids, expected, `${pattern || 'nothing'} in pages of ${size}`);
    }
  }
});

test('a page reads each feed a page of its size at a time, as the merge needs, and no feed that has ended', async () => {
  const { jobs, requests } = timeline('rrrrrrj');
  const jobCalls: number[] = [];
  const requestCalls: number[] = [];
  const first = await historyPage({ jobs: feed(jobs, jobCalls), requests: feed(requests, requestCalls) }, null, 3);
  assert.deepEqual(first.items.map((e) => e.kind), ['job', 'request', 'request']);
  assert.deepEqual([jobCalls, requestCalls], [[3], [3]]);
  const second = await historyPage({ jobs: feed(jobs, jobCalls), requests: feed(requests, requestCalls) }, first.next, 3);
  assert.deepEqual(second.items.map((e) => e.item.id), [idOf(4), idOf(3), idOf(2)], 'a full page: the next page of requests read once this one ran out');
  assert.deepEqual([jobCalls, requestCalls], [[3], [3, 3, 3]], 'the jobs feed had ended: not read again');
});

test('an entry that arrives on top of a feed while the history is read is not shown twice', async () => {
  const { jobs, requests } = timeline('jjjjrr');
  const feeds = { jobs: feed(jobs), requests: feed(requests) };
  const first = await historyPage(feeds, null, 2);
  assert.deepEqual(first.items.map((e) => e.item.id), [idOf(6), idOf(5)]);
  requests.unshift({ id: idOf(7), createdAt: at(6) });
  jobs.unshift({ id: idOf(8), createdAt: at(7) });
  const rest: string[] = [];
  for (let cursor = first.next; cursor !== null; ) {
    const page = await historyPage(feeds, cursor, 2);
    rest.push(...page.items.map((e) => e.item.id));
    cursor = page.next;
  }
  assert.deepEqual(rest, [idOf(4), idOf(3), idOf(2), idOf(1)]);
});
