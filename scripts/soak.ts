#!/usr/bin/env node
/**
 * Soak test (NOT part of `npm test`; results in docs/security.md#soak): mixed traffic against one real server on loopback
 * for a bounded time, then a verdict. Usage: `npm run soak -- --seconds 60 [--workers 4] [--warmup S]`;
 * DATABASE_URL=postgres://…?schema=x runs it on PostgreSQL (default: a temporary SQLite file).
 * Passes (exit 0) when no 5xx occurred, every answer matched its expectation and the server's RSS
 * grew less than 10% between the end of warm-up and the end.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccount } from '../src/services/accounts.js';
import { createApiKey } from '../src/store/api-keys.js';
import { openDatabase } from '../src/store/database.js';
import { createList } from '../src/store/lists.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { send } from '../test/support/server.js';
import { spawnServer } from '../test/support/spawn-server.js';
import { importBody } from '../test/support/tenant.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const SECONDS = option('seconds', 60);
const WORKERS = option('workers', 4);
// Default 20% of the run, at most 10 s. SQLite's page cache (64 MB, see store/database.ts) fills as the
// database grows, so SQLite runs need a longer warm-up (--warmup) before RSS stops rising.
const WARMUP_MS = option('warmup', Math.min(10, SECONDS * 0.2)) * 1000;
const IMPORT = '/prospects/addProspectFromIntegration';

const dir = mkdtempSync(join(tmpdir(), 'prospect-hub-soak-'));
const databaseUrl = process.env.DATABASE_URL ?? join(dir, 'soak.sqlite');
const database = openDatabase(databaseUrl);
await migrateToLatest(database);
const user = await createAccount(database.db, { email: `soak-${Date.now()}@example.test`, plan: 'business', crmLimit: 100_000_000 });
const { secret: key } = await createApiKey(database.db, user.id, 'soak');
const lists = [await createList(database.db, user.id, { name: 'A' }), await createList(database.db, user.id, { name: 'B' })];
await database.close();

const server = await spawnServer(databaseUrl, { LOG_LEVEL: 'warn', RATE_LIMIT: 'off' });
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0);

const byStatus = new Map<number, number>();
const latencies: number[] = [];
const mismatches: string[] = [];
let requests = 0;
let counter = 0;

/** The parts of an answer the checks read: an import's codes, a problem's code. */
type AnswerBody = { result?: { importCode: string }[]; code?: string } | undefined;

async function call(path: string, init: Parameters<typeof send>[2], expect: (status: number, body: AnswerBody, headers: Headers) => string | null) {
  const started = performance.now();
  const answer = await send(server.baseUrl, path, { key, ...init });
  latencies.push(performance.now() - started);
  requests++;
  byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
  const problem = answer.status >= 500 ? `5xx: ${answer.text}` : expect(answer.status, answer.body, answer.headers);
  if (problem && mismatches.length < 20) mismatches.push(`${path}: ${problem}`);
  return answer;
}
const codes = (body: AnswerBody) => (body?.result ?? []).map((r) => r.importCode);
const all = (code: string, n: number) => (status: number, body: AnswerBody) =>
  status === 200 && codes(body).length === n && codes(body).every((c) => c === code) ? null : `expected ${n}×${code}, got ${status} ${JSON.stringify(codes(body))}`;

/** One worker owns its profiles, so it always knows the right answer. */
async function worker(id: number, until: number) {
  const where = new Map<string, number>(); // url -> list index
  const fresh = () => `https://www.linkedin.com/in/soak-${id}-${++counter}-${Date.now().toString(36)}`;
  const body = (listIndex: number, urls: string[], extra: object = {}) => importBody(lists[listIndex]!.id, urls, { origin: { name: 'soak' }, ...extra });
  while (Date.now() < until) {
    const roll = Math.random();
    const known = [...where.keys()];
    if (roll < 0.25 || known.length < 5) {
      const url = fresh();
      await call(IMPORT, { body: body(0, [url]) }, all('success', 1));
      where.set(url, 0);
    } else if (roll < 0.4) {
      const urls = Array.from({ length: 50 }, fresh);
      const idempotencyKey = `soak-${id}-${counter}`;
      const first = await call(IMPORT, { body: body(1, urls), headers: { 'idempotency-key': idempotencyKey } }, all('success', 50));
      urls.forEach((u) => where.set(u, 1));
      if (Math.random() < 0.3) {
        await call(IMPORT, { body: body(1, urls), headers: { 'idempotency-key': idempotencyKey } }, (status, _b, headers) =>
          status === 200 && headers.get('idempotent-replayed') === 'true' ? null : `expected a replay, got ${status}`,
        ).then((retry) => retry.text !== first.text && mismatches.push('replay differs from the first answer'));
      }
    } else if (roll < 0.55) {
      const url = known[Math.floor(Math.random() * known.length)]!;
      await call(IMPORT, { body: body(where.get(url)!, [url]) }, all('duplicated_prospect', 1));
    } else if (roll < 0.7) {
      const url = known[Math.floor(Math.random() * known.length)]!;
      const target = 1 - where.get(url)!;
      await call(IMPORT, { body: body(target, [url], { moveDuplicatesToOtherList: true }) }, all('prospect_successfully_moved_to_another_list', 1));
      where.set(url, target);
    } else if (roll < 0.8) {
      await call(IMPORT, { body: body(0, ['https://evil.example/in/x']) }, (s, b) => (s === 400 && b?.code === 'R000401-003' ? null : `expected R000401-003, got ${s}`));
    } else if (roll < 0.85) {
      await call(IMPORT, { body: { prospects: [] } }, (s, b) => (s === 400 && b?.code === 'V000400-001' ? null : `expected V000400-001, got ${s}`));
    } else {
      await call('/prospectLists/getProspectLists', {}, (s, b) => (s === 200 && Array.isArray(b) && b.length === 2 ? null : `expected 2 lists, got ${s}`));
    }
  }
}

const start = Date.now();
const rssStart = rssKb();
let rssAfterWarmup = 0;
const warmupTimer = setTimeout(() => (rssAfterWarmup = rssKb()), WARMUP_MS);
await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i, start + SECONDS * 1000)));
clearTimeout(warmupTimer);
const rssEnd = rssKb();
server.child.kill('SIGTERM');
await server.exited;
rmSync(dir, { recursive: true, force: true });

latencies.sort((a, b) => a - b);
const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(1);
const growth = rssAfterWarmup > 0 ? (rssEnd - rssAfterWarmup) / rssAfterWarmup : 0;
const fiveXx = [...byStatus].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
const passed = fiveXx === 0 && mismatches.length === 0 && growth < 0.1;
console.log(
  [
    `soak: ${SECONDS} s, ${WORKERS} workers, ${requests} requests (${(requests / SECONDS).toFixed(0)}/s)`,
    `by status: ${[...byStatus].sort().map(([s, c]) => `${s}: ${c}`).join(', ')}`,
    `latency ms: p50 ${p(0.5)}, p99 ${p(0.99)}, max ${latencies.at(-1)?.toFixed(1)}`,
    `server RSS: start ${(rssStart / 1024).toFixed(1)} MB, after warm-up (${WARMUP_MS / 1000} s) ${(rssAfterWarmup / 1024).toFixed(1)} MB, end ${(rssEnd / 1024).toFixed(1)} MB (${(growth * 100).toFixed(1)}% after warm-up)`,
    `5xx: ${fiveXx}; unexpected answers: ${mismatches.length}${mismatches.length ? `\n  ${mismatches.join('\n  ')}` : ''}`,
    passed ? 'PASS' : 'FAIL',
  ].join('\n'),
);
process.exit(passed ? 0 : 1);
