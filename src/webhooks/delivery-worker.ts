import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.js';
import type { Database } from '../store/database.js';
import { listEventsAfter, purgeEventsBefore, recordEvent } from '../store/events.js';
import { disableEndpoint, noteEndpointOutcome } from '../store/webhook-endpoints.js';
import { claimDueMessages, endpointsBehind, hasPendingAtLeast, fanOutEndpoint, purgeMessagesBefore, recordAttempt, type ClaimedMessage } from '../store/webhook-messages.js';
import { nowIso } from '../store/time.js';
import { inTransaction } from '../store/transaction.js';
import { disabledReasonText } from './disabled-reason.js';
import { sendWebhook, type AttemptResult } from './send.js';
import { webhookHeaders } from './signature.js';

/**
 * The delivery worker (docs/webhooks.md#deliveries), one per process: each tick turns new events into
 * messages for the endpoints that want them, leases the due messages (one instance each, retaken
 * when a lease runs out), signs and sends them, and records every attempt and the next one.
 */

type WorkerConfig = Pick<Config, 'webhookAllowPrivate' | 'webhookTimeoutMs' | 'webhookRetryScheduleMs' | 'webhookPollMs' | 'webhookDisableAfterHours' | 'webhookLeaseMarginMs' | 'eventsRetentionDays'>;

export interface Logger {
  warn(details: object, message: string): void;
}

/** Deliveries in flight at once per process, and how many are claimed in one statement. */
const MAX_IN_FLIGHT = 64;
const CLAIM_BATCH = 32;
/** Fewer free slots than this wait for more to free up: one claim statement per delivery would cost more than it saves. */
const CLAIM_AT_LEAST = 8;
const FAN_OUT_BATCH = 20;
const EVENTS_PER_FAN_OUT = 500;
const FAN_OUT_ROUNDS = 20;
/** Messages made ahead of delivery per endpoint; further events wait in the outbox (hasPendingAtLeast). */
const MAX_PENDING_PER_ENDPOINT = 1000;
const PURGE_EVERY_MS = 3_600_000;

/** When the attempt after `attempts` failed ones is due, or null when the schedule is spent. */
export function nextAttemptDelay(schedule: readonly number[], attempts: number, retryAfterMs: number | null, random = Math.random): number | null {
  const planned = schedule[attempts];
  if (planned === undefined) return null;
  // ±10% jitter, so endpoints that failed together do not all retry in the same instant.
  const jittered = Math.round(planned * (0.9 + 0.2 * random()));
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, 24 * 3_600_000));
}

export class DeliveryWorker {
  private readonly owner = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastPurge = 0;

  constructor(
    private readonly database: Database,
    private readonly config: WorkerConfig,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((err: unknown) => this.log.warn({ err }, 'webhook delivery tick failed'))
        .finally(() => this.schedule(this.config.webhookPollMs));
    }, delayMs);
    this.timer.unref();
  }

  /**
   * One pass: fan out, deliver what is due, purge now and then; resolves when nothing is due or in
   * flight any more (tests await it). Deliveries are a pipeline, not batches: up to MAX_IN_FLIGHT at
   * once, and freed slots are claimed again while others are still waiting for their answers, so a
   * slow receiver holds one slot, not the whole worker (docs/benchmarks.md#webhooks).
   */
  async tick(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    let lastFanOut = -Infinity;
    let drained = true;
    for (;;) {
      // New events become messages each poll interval, or at once when the due ones are all claimed.
      if (drained || performance.now() - lastFanOut >= this.config.webhookPollMs) {
        await this.fanOut();
        lastFanOut = performance.now();
      }
      drained = false;
      while (!this.stopped && MAX_IN_FLIGHT - inFlight.size >= CLAIM_AT_LEAST) {
        const room = MAX_IN_FLIGHT - inFlight.size;
        const claimed = await this.claim(Math.min(room, CLAIM_BATCH));
        for (const message of claimed) {
          const delivery: Promise<void> = this.deliver(message)
            .catch((err: unknown) => this.log.warn({ err, messageId: message.id }, 'webhook delivery failed to settle'))
            .finally(() => inFlight.delete(delivery));
          inFlight.add(delivery);
        }
        if (claimed.length < Math.min(room, CLAIM_BATCH)) {
          drained = true;
          break;
        }
      }
      if (inFlight.size === 0 && (drained || this.stopped)) break;
      if (this.stopped) {
        await Promise.all(inFlight);
        break;
      }
      // Claim again when a slot frees, or after a poll interval for what became due meanwhile.
      await Promise.race([...inFlight, sleep(this.config.webhookPollMs, undefined, { ref: false })]);
    }
    if (Date.now() - this.lastPurge > PURGE_EVERY_MS) await this.purge();
  }

  private claim(limit: number): Promise<ClaimedMessage[]> {
    const now = Date.now();
    const leaseUntil = nowIso(now + this.config.webhookTimeoutMs + this.config.webhookLeaseMarginMs);
    return claimDueMessages(this.database.db, this.owner, nowIso(now), leaseUntil, limit);
  }

  private async fanOut(): Promise<void> {
    const endpoints = await endpointsBehind(this.database.db, FAN_OUT_BATCH);
    for (const endpoint of endpoints) {
      // A big import writes an event per prospect: keep going while full batches come (bounded per tick).
      let position = Number(endpoint.event_position);
      for (let round = 0; round < FAN_OUT_ROUNDS && !this.stopped; round++) {
        if (await hasPendingAtLeast(this.database.db, endpoint.id, MAX_PENDING_PER_ENDPOINT)) break;
        const read = await inTransaction(this.database, async (trx) => {
          const events = await listEventsAfter(trx, endpoint.user_id, position, EVENTS_PER_FAN_OUT);
          await fanOutEndpoint(trx, { ...endpoint, event_position: position }, events, nowIso());
          return events;
        });
        if (read.length < EVENTS_PER_FAN_OUT) break;
        position = Number(read.at(-1)!.position);
      }
    }
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const secrets = [message.secret];
    if (message.previous_secret && message.previous_secret_until && message.previous_secret_until > nowIso()) secrets.push(message.previous_secret);
    const result = await sendWebhook(message.url, webhookHeaders(secrets, message.id, timestamp, message.body), message.body, {
      timeoutMs: this.config.webhookTimeoutMs,
      allowPrivate: this.config.webhookAllowPrivate,
    });
    // On PostgreSQL this worker's settlements share commits (commit-group.ts); SQLite's writes always do.
    await inTransaction(this.database, (trx) => this.settle(trx, message, result), { commitGroup: `webhook-settle:${this.owner}` });
  }

  private async settle(trx: Database['db'], message: ClaimedMessage, result: AttemptResult): Promise<void> {
    const at = nowIso();
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const gone = result.statusCode === 410;
    const delay = ok || gone ? null : nextAttemptDelay(this.config.webhookRetryScheduleMs, Number(message.attempts) + 1, result.retryAfterMs);
    const state = ok ? 'delivered' : delay === null ? 'failed' : 'pending';
    const nextAttemptAt = delay === null ? null : nowIso(Date.now() + delay);
    if (!(await recordAttempt(trx, message, this.owner, { ...result, at }, { state, nextAttemptAt }))) return;
    // A success of an endpoint that was not failing changes nothing on it: no statement.
    const failingSince = ok && message.failing_since === null ? null : await noteEndpointOutcome(trx, message.endpoint_id, ok, at);
    const longFailing = failingSince !== null && Date.parse(at) - Date.parse(failingSince) >= this.config.webhookDisableAfterHours * 3_600_000;
    const reason = gone ? disabledReasonText({ kind: 'gone' }) : longFailing ? disabledReasonText({ kind: 'failing', hours: this.config.webhookDisableAfterHours }) : null;
    if (reason && (await disableEndpoint(trx, message.endpoint_id, reason))) {
      await recordEvent(trx, message.user_id, 'webhook_endpoint.disabled', { endpointId: message.endpoint_id, reason });
    }
  }

  private async purge(): Promise<void> {
    this.lastPurge = Date.now();
    const before = Date.now() - this.config.eventsRetentionDays * 86_400_000;
    await purgeEventsBefore(this.database.db, before);
    await purgeMessagesBefore(this.database.db, nowIso(before));
  }
}
