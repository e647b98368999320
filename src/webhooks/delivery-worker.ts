import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Database } from '../store/database.js';
import { listEventsAfter, purgeEventsBefore, recordEvent } from '../store/events.js';
import { disableEndpoint, noteEndpointOutcome } from '../store/webhook-endpoints.js';
import { claimDueMessages, endpointsBehind, fanOutEndpoint, purgeMessagesBefore, recordAttempt, type ClaimedMessage } from '../store/webhook-messages.js';
import { nowIso } from '../store/time.js';
import { inTransaction } from '../store/transaction.js';
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

const CLAIM_BATCH = 16;
const FAN_OUT_BATCH = 20;
const EVENTS_PER_FAN_OUT = 500;
const FAN_OUT_ROUNDS = 20;
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

  /** One pass: fan out, deliver what is due, purge now and then. Exposed for tests. */
  async tick(): Promise<void> {
    await this.fanOut();
    let claimed: ClaimedMessage[];
    do {
      const now = Date.now();
      const leaseUntil = nowIso(now + this.config.webhookTimeoutMs + this.config.webhookLeaseMarginMs);
      claimed = await claimDueMessages(this.database.db, this.owner, nowIso(now), leaseUntil, CLAIM_BATCH);
      await Promise.all(claimed.map((message) => this.deliver(message)));
    } while (claimed.length === CLAIM_BATCH && !this.stopped);
    if (Date.now() - this.lastPurge > PURGE_EVERY_MS) await this.purge();
  }

  private async fanOut(): Promise<void> {
    const endpoints = await endpointsBehind(this.database.db, FAN_OUT_BATCH);
    for (const endpoint of endpoints) {
      // A big import writes an event per prospect: keep going while full batches come (bounded per tick).
      let position = Number(endpoint.event_position);
      for (let round = 0; round < FAN_OUT_ROUNDS && !this.stopped; round++) {
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
    await inTransaction(this.database, (trx) => this.settle(trx, message, result));
  }

  private async settle(trx: Database['db'], message: ClaimedMessage, result: AttemptResult): Promise<void> {
    const at = nowIso();
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const gone = result.statusCode === 410;
    const delay = ok || gone ? null : nextAttemptDelay(this.config.webhookRetryScheduleMs, Number(message.attempts) + 1, result.retryAfterMs);
    const state = ok ? 'delivered' : delay === null ? 'failed' : 'pending';
    const nextAttemptAt = delay === null ? null : nowIso(Date.now() + delay);
    if (!(await recordAttempt(trx, message, this.owner, { ...result, at }, { state, nextAttemptAt }))) return;
    const failingSince = await noteEndpointOutcome(trx, message.endpoint_id, ok, at);
    const longFailing = failingSince !== null && Date.parse(at) - Date.parse(failingSince) >= this.config.webhookDisableAfterHours * 3_600_000;
    const reason = gone ? 'the endpoint answered 410 Gone' : longFailing ? `every delivery failed for ${this.config.webhookDisableAfterHours} hours` : null;
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
