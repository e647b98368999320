// The import history (docs/app.md#imports): the import jobs (GET /v1/imports) and the imports made in
// one request (GET /v1/activity?job=false), two feeds each newest first, merged here by time into one
// feed read a page at a time. Kept free of React: test/app-unit/import-history.test.ts reads it.

interface Dated {
  id: string;
  createdAt: string;
}

export type HistoryEntry<J extends Dated, R extends Dated> = { kind: 'job'; item: J } | { kind: 'request'; item: R };

export interface FeedPage<T> {
  data: T[];
  nextCursor: string | null;
}

export interface HistoryFeeds<J extends Dated, R extends Dated> {
  jobs: (cursor: string | null, limit: number) => Promise<FeedPage<J>>;
  requests: (cursor: string | null, limit: number) => Promise<FeedPage<R>>;
}

/** Where the history left a feed: the page it was reading, and whether the feed has ended. */
interface Place {
  cursor: string | null;
  ended: boolean;
}

/** The history's cursor: each feed's place, and the last entry shown (the pages go on from there). */
interface HistoryCursor {
  jobs: Place;
  requests: Place;
  last: Dated | null;
}

const START: Place = { cursor: null, ended: false };

const newer = (a: Dated, b: Dated) => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);

/**
 * One feed as the merge reads it: the page where the history left it, then the next ones as needed;
 * of each page only the entries older than the last one shown. A page read again holds the entries
 * already shown, and one that arrived since on top would come out of order: neither is new to the reader.
 */
class FeedReader<T extends Dated> {
  private page: T[] = [];
  private at = 0;
  private pageCursor: string | null;
  private next: string | null = null;
  private loaded = false;

  constructor(
    private readonly place: Place,
    private readonly last: Dated | null,
    private readonly load: (cursor: string | null) => Promise<FeedPage<T>>,
  ) {
    this.pageCursor = place.cursor;
  }

  /** The feed's next entry, reading its pages as needed; undefined once it has ended. */
  async head(): Promise<T | undefined> {
    if (this.place.ended) return undefined;
    while (!this.loaded || (this.at >= this.page.length && this.next !== null)) {
      if (this.loaded) this.pageCursor = this.next;
      const read = await this.load(this.pageCursor);
      const last = this.last;
      this.page = last === null ? read.data : read.data.filter((item) => newer(last, item));
      this.at = 0;
      this.next = read.nextCursor;
      this.loaded = true;
    }
    return this.page[this.at];
  }

  take(): void {
    this.at++;
  }

  /** Where the next history page reads it from: this page again while entries of it are left, else the next one. */
  placeNow(): Place {
    if (this.place.ended || !this.loaded) return this.place;
    if (this.at < this.page.length) return { cursor: this.pageCursor, ended: false };
    return { cursor: this.next, ended: this.next === null };
  }
}

/**
 * One page of the history, from `cursor` (null: the newest): `size` entries, or fewer once both feeds
 * have ended, each feed read a page of `size` at a time as the merge needs it. The next cursor is the
 * two feeds' places and the last entry shown, as text; null once both have ended.
 */
export async function historyPage<J extends Dated, R extends Dated>(
  feeds: HistoryFeeds<J, R>,
  cursor: string | null,
  size: number,
): Promise<{ items: HistoryEntry<J, R>[]; next: string | null }> {
  const at: HistoryCursor = cursor === null ? { jobs: START, requests: START, last: null } : (JSON.parse(cursor) as HistoryCursor);
  const jobs = new FeedReader(at.jobs, at.last, (c) => feeds.jobs(c, size));
  const requests = new FeedReader(at.requests, at.last, (c) => feeds.requests(c, size));
  const items: HistoryEntry<J, R>[] = [];
  while (items.length < size) {
    const [job, request] = await Promise.all([jobs.head(), requests.head()]);
    if (job === undefined && request === undefined) break;
    if (job !== undefined && (request === undefined || newer(job, request))) {
      items.push({ kind: 'job', item: job });
      jobs.take();
    } else {
      items.push({ kind: 'request', item: request! });
      requests.take();
    }
  }
  const shown = items.at(-1)?.item;
  const next: HistoryCursor = { jobs: jobs.placeNow(), requests: requests.placeNow(), last: shown ? { id: shown.id, createdAt: shown.createdAt } : at.last };
  return { items, next: next.jobs.ended && next.requests.ended ? null : JSON.stringify(next) };
}
