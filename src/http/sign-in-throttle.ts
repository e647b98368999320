import { ApiProblem } from '../problems.js';

/**
 * Slows down password guessing at sign-in: after MAX_FAILURES wrong passwords for one email (from
 * anywhere) or from one address (for any email) within WINDOW_MS, sign-in answers 429 until the window
 * has passed. Kept in memory: per instance, reset on restart — a brake, not an account lock-out.
 */
const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 100_000;

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws 429 L000429-001 when either key has failed too often lately. */
  check(email: string, ip: string): void {
    for (const key of [`e:${email.trim().toLowerCase()}`, `i:${ip}`]) {
      const recent = this.recent(key);
      if (recent.length >= MAX_FAILURES) {
        const retryAfter = Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - this.now()) / 1000));
        throw new ApiProblem('L000429-001', `too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minutes`, {}, { 'retry-after': String(retryAfter) });
      }
    }
  }

  fail(email: string, ip: string): void {
    if (this.failures.size > MAX_TRACKED) this.failures.clear();
    for (const key of [`e:${email.trim().toLowerCase()}`, `i:${ip}`]) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeed(email: string): void {
    this.failures.delete(`e:${email.trim().toLowerCase()}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }
}
