/**
 * The service's configuration, parsed once from the environment at start into a frozen object.
 * A bad variable stops the start with the list of every problem, not just the first.
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly production: boolean;
  /** Most prospects accepted in one import request (docs/api.md#import-request: default 1000). */
  readonly maxBatch: number;
  /** Largest accepted request body, in bytes. */
  readonly bodyLimit: number;
  /** PostgreSQL pool size and per-statement timeout (ignored on SQLite). */
  readonly dbPoolSize: number;
  readonly dbStatementTimeoutMs: number;
  readonly dbSsl: boolean;
  /** Redis for state shared across instances (rate limits); empty means in-process. */
  readonly redisUrl: string | undefined;
  /** An import can be undone this many days after it; its change journal is then deleted (docs/v1.md#undo-an-import). */
  readonly undoWindowDays: number;
  /** Idempotency-Key answers are kept this long. */
  readonly idempotencyTtlHours: number;
  /** Public base URL printed in examples (curl commands, docs). */
  readonly publicUrl: string | undefined;
  // The web app (docs/app.md).
  /** Trust X-Forwarded-* from a reverse proxy (so X-Forwarded-Proto: https marks session cookies Secure). */
  readonly trustProxy: boolean;
  /** Always mark the session cookie Secure, whatever the request looked like. */
  readonly sessionCookieSecure: boolean;
  /** A web-app session lasts this long after sign-in. */
  readonly sessionTtlHours: number;
  // --- hardening (docs/security.md, docs/limits.md) ---
  /** RATE_LIMIT=off disables every rate limit (benchmarks only). */
  readonly rateLimit: boolean;
  /** Failed authentications allowed per client IP per minute before 429. */
  readonly rateLimitUnauthenticatedPerMinute: number;
  /** Prefix of the rate-limit keys in Redis (one Redis can serve several deployments or tests). */
  readonly redisKeyPrefix: string;
  /** Deepest JSON nesting accepted in a request body. */
  readonly jsonMaxDepth: number;
  // --- events and webhooks (docs/webhooks.md#configuration) ---
  /** Events (and webhook delivery logs) are kept this many days. */
  readonly eventsRetentionDays: number;
  /** Deliver to loopback, private, link-local and metadata addresses too (self-hosting, tests). */
  readonly webhookAllowPrivate: boolean;
  /** One delivery attempt gives up after this long. */
  readonly webhookTimeoutMs: number;
  /** Delay before each attempt: the first is the first delivery, each next one a retry. */
  readonly webhookRetryScheduleMs: readonly number[];
  /** How often the delivery worker looks for due deliveries. */
  readonly webhookPollMs: number;
  /** An endpoint whose deliveries have failed for this long is disabled. */
  readonly webhookDisableAfterHours: number;
  /** A claimed delivery stays leased for its timeout plus this long; then another instance may take it over. */
  readonly webhookLeaseMarginMs: number;
  // --- import jobs (docs/v1.md#import-jobs) ---
  /** Largest file one import job takes, in bytes. */
  readonly importMaxBytes: number;
  /** Most rows one import job takes. */
  readonly importMaxRows: number;
  /** Jobs of one user running at once; the others wait, queued. */
  readonly importJobsPerUser: number;
  /** Jobs one instance runs at once. */
  readonly importRunnerSlots: number;
  /** A runner's lease on a job: renewed by its heartbeat, taken over by another instance once expired. */
  readonly importLeaseMs: number;
  /** How often an instance looks for a job to run. */
  readonly importPollMs: number;
  /** Days an ended import job, its results and failed rows are kept (never fewer than undoWindowDays): docs/v1.md#import-jobs, "Retention". */
  readonly importRetentionDays: number;
}

/** Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h: about three days in all. */
export const DEFAULT_WEBHOOK_SCHEDULE = '0,5s,5m,30m,2h,5h,10h,10h,10h,10h,10h,10h';

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "0,5s,5m,2h" → milliseconds; undefined when a part is not a duration. */
export function parseSchedule(text: string): number[] | undefined {
  const parts = text.split(',').map((p) => /^\s*(\d{1,9})(ms|s|m|h)?\s*$/.exec(p));
  if (parts.length === 0 || parts.some((p) => p === null)) return undefined;
  return parts.map((p) => Number(p![1]) * DURATION_UNITS[p![2] ?? 'ms']!);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n- ${problems.join('\n- ')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const DEFAULT_DATABASE_URL = './data/prospect-hub.sqlite';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${env[name]}")`);
    return fallback;
  };

  const logLevelRaw = (env.LOG_LEVEL ?? 'info').trim().toLowerCase();
  const logLevel = (LOG_LEVELS as readonly string[]).includes(logLevelRaw)
    ? (logLevelRaw as Config['logLevel'])
    : (problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`), 'info' as const);

  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push(`REDIS_URL must start with redis:// or rediss:// (got "${redisUrl}")`);

  const databaseUrl = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  // Anything with another scheme (mysql://, redis://, a typo like postgress://) would otherwise be
  // taken for a SQLite file path and silently create odd directories. Only the scheme is echoed:
  // the URL may carry a password.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(databaseUrl)?.[1];
  if (scheme && !/^(postgres|postgresql|sqlite|file)$/i.test(scheme)) {
    problems.push(`DATABASE_URL must be a postgres:// URL or a SQLite file path (got a ${scheme}:// URL)`);
  }

  const scheduleText = env.WEBHOOK_RETRY_SCHEDULE?.trim() || DEFAULT_WEBHOOK_SCHEDULE;
  const webhookRetryScheduleMs = parseSchedule(scheduleText) ?? (problems.push(`WEBHOOK_RETRY_SCHEDULE must be comma-separated durations such as 0,5s,5m,2h (got "${scheduleText}")`), []);

  const config: Config = {
    port: integer('PORT', 8080, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    logLevel,
    production: env.NODE_ENV === 'production',
    maxBatch: integer('MAX_BATCH', 1000, 1, 100_000),
    bodyLimit: integer('BODY_LIMIT_BYTES', 5 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    dbPoolSize: integer('DB_POOL_SIZE', 10, 1, 1000),
    dbStatementTimeoutMs: integer('DB_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
    dbSsl: boolean('DB_SSL', false),
    redisUrl,
    idempotencyTtlHours: integer('IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
    undoWindowDays: integer('UNDO_WINDOW_DAYS', 7, 1, 365),
    publicUrl: env.PUBLIC_URL?.trim() || undefined,
    trustProxy: boolean('TRUST_PROXY', false),
    sessionCookieSecure: boolean('SESSION_COOKIE_SECURE', false),
    sessionTtlHours: integer('SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
    rateLimit: boolean('RATE_LIMIT', true),
    rateLimitUnauthenticatedPerMinute: integer('RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE', 100, 1, 1_000_000),
    redisKeyPrefix: env.REDIS_KEY_PREFIX?.trim() || 'prospect-hub:rate-limit:',
    jsonMaxDepth: integer('JSON_MAX_DEPTH', 32, 4, 1000),
    eventsRetentionDays: integer('EVENTS_RETENTION_DAYS', 30, 1, 3650),
    webhookAllowPrivate: boolean('WEBHOOK_ALLOW_PRIVATE', false),
    webhookTimeoutMs: integer('WEBHOOK_TIMEOUT_MS', 15_000, 10, 300_000),
    webhookRetryScheduleMs: Object.freeze(webhookRetryScheduleMs),
    webhookPollMs: integer('WEBHOOK_POLL_MS', 250, 10, 3_600_000),
    webhookDisableAfterHours: integer('WEBHOOK_DISABLE_AFTER_HOURS', 120, 1, 24 * 365),
    webhookLeaseMarginMs: integer('WEBHOOK_LEASE_MARGIN_MS', 30_000, 100, 3_600_000),
    importMaxBytes: integer('IMPORT_MAX_BYTES', 1024 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024),
    importMaxRows: integer('IMPORT_MAX_ROWS', 1_000_000, 1, 100_000_000),
    importJobsPerUser: integer('IMPORT_JOBS_PER_USER', 2, 1, 1000),
    importRunnerSlots: integer('IMPORT_RUNNER_SLOTS', 2, 0, 1000),
    importLeaseMs: integer('IMPORT_LEASE_MS', 30_000, 200, 3_600_000),
    importPollMs: integer('IMPORT_POLL_MS', 500, 10, 3_600_000),
    importRetentionDays: integer('IMPORT_RETENTION_DAYS', 30, 1, 3650),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
