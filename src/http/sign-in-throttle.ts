import { ApiProblem } from '../problems.js';

/**
 * Slows down password guessing at sign-in: within WINDOW_MS, sign-in answers 429 once an account has
 * failed 10 times from one address, or 100 times from anywhere (guessing spread over many
 * addresses), or one address has failed 100 times for any accounts (guessing across accounts). Ten
 * typos in an office behind one NAT lock out that one account from that office, not everyone there.
 * Kept in memory: per instance, reset on restart — a brake, not an account lock-out.
 */
const WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 100_000;

/** The counters a failure adds to, each with the failures it allows. */
function countersOf(email: string, ip: string): [key: string, max: number][] {
  const account = email.trim().toLowerCase();
  return [
    [`a+i:${account} ${ip}`, 10],
    [`a:${account}`, 100],
    [`i:${ip}`, 100],
  ];
}

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws 429 L000429-001 when any counter of this account and address has failed too often lately. */
  check(email: string, ip: string): void {
    for (const [key, max] of countersOf(email, ip)) {
      const recent = this.recent(key);
      if (recent.length >= max) {
        const retryAfter = Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - this.now()) / 1000));
        throw new ApiProblem('L000429-001', `too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minutes`, {}, { 'retry-after': String(retryAfter) });
      }
    }
  }

  fail(email: string, ip: string): void {
    if (this.failures.size > MAX_TRACKED) this.failures.clear();
    for (const [key] of countersOf(email, ip)) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  /** A right password clears what this account and address had failed together. */
  succeed(email: string, ip: string): void {
    this.failures.delete(countersOf(email, ip)[0]![0]);
  }

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }
}
