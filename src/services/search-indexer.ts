import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { Database } from '../store/database.js';
import { indexBacklog, indexRound } from '../store/sqlite-search-index.js';
import { inTransaction } from '../store/transaction.js';

/**
 * Keeps SQLite's trigram index caught up (src/store/sqlite-search-index.ts, docs/v1.md#text-search)
 * off the import path: imports only insert their rows, and this catches up in rounds of its own.
 * While prospects are arriving (or other work keeps the event loop busy) it takes a small round
 * now and then, at most BUSY_DUTY of the time, so imports lose at most that much (docs/benchmarks.md);
 * once the server is quiet it runs rounds back to back until nothing is left, as at start-up after
 * an upgrade or a bulk load. Searches never wait for it: what it has not indexed yet is read and
 * tested row by row.
 */

export interface Logger {
  warn(details: object, message: string): void;
}

/** Rows per round when the server is quiet: large enough that a round's fixed cost (FTS5 writes its segment) is spread thin. */
const QUIET_ROUND = 2_000;
/** Rows per round while other work keeps the event loop busy, one round per tick. */
const BUSY_ROUND = 200;
const TICK_MS = 250;
/**
 * A round costs a fixed part (FTS5 writes a segment, the commit group commits) whatever its size:
 * rows trickling in are indexed once this many wait, or once the first of them waited MAX_WAIT_MS.
 * One round per new row cost a one-prospect import ~35% more CPU.
 */
const MIN_ROUND = 500;
const MAX_WAIT_MS = 2_000;
/** Share of the event loop that other work may take before the indexer steps back. */
const BUSY_SHARE = 0.3;
/** While busy, the indexer's share of the time at most: a round of d ms is followed by a pause of d / BUSY_DUTY. */
const BUSY_DUTY = 0.03;

export class SearchIndexer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private loop: EventLoopUtilization = performance.eventLoopUtilization();
  private ownMs = 0;
  private waitingSince: number | undefined;
  private lastTop = -1;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.database.engine !== 'sqlite') return;
    this.stopped = false;
    this.loop = performance.eventLoopUtilization();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round of up to `rows` rows in its own write unit; true when work remains. */
  async round(rows: number): Promise<boolean> {
    const started = performance.now();
    try {
      return (await inTransaction(this.database, (trx) => indexRound(trx, rows))).more;
    } finally {
      this.ownMs += performance.now() - started;
    }
  }

  /** Rounds until the index holds every prospect as it is (tests, bench). */
  async catchUp(): Promise<void> {
    while (await this.round(QUIET_ROUND));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((err: unknown) => {
          this.log.warn({ err }, 'search index round failed');
          return TICK_MS;
        })
        .then((next) => this.schedule(next));
    }, delayMs);
    this.timer.unref();
  }

  /** The share of the event loop other work took since the last tick (the indexer's own rounds left out). */
  private othersShare(): number {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, this.loop);
    this.loop = now;
    const total = since.active + since.idle;
    const others = Math.max(0, since.active - this.ownMs);
    this.ownMs = 0;
    return total > 0 ? others / total : 0;
  }

  private async tick(): Promise<number> {
    const backlog = await indexBacklog(this.database.readDb);
    const importing = this.lastTop !== -1 && backlog.top !== this.lastTop;
    this.lastTop = backlog.top;
    const busy = this.othersShare() > BUSY_SHARE || importing;
    if (backlog.rows === 0) {
      this.waitingSince = undefined;
      return TICK_MS;
    }
    this.waitingSince ??= performance.now();
    if (backlog.rows < MIN_ROUND && performance.now() - this.waitingSince < MAX_WAIT_MS) return TICK_MS;
    const started = performance.now();
    const more = await this.round(busy ? BUSY_ROUND : QUIET_ROUND);
    if (!more) this.waitingSince = undefined;
    if (busy) return Math.max(TICK_MS, (performance.now() - started) / BUSY_DUTY);
    return more ? 0 : TICK_MS;
  }
}
