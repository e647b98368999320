import type { Engine } from '../src/store/database.js';
import type { CeilingResult } from './db-ceiling.js';
import type { LoadResult } from './load.js';
import type { Machine } from './machine.js';
import { renderReadsConsole, renderReadsMarkdown } from './read-report.js';
import type { ReadsRun } from './reads.js';
import { BATCH_CONNECTIONS, type Scenario, type Sizes } from './scenarios.js';

export interface ScenarioResult {
  engine: Engine;
  scenario: Pick<Scenario, 'id' | 'title' | 'group' | 'batch' | 'connections' | 'crmSize'>;
  load: LoadResult;
  /** Prospects sent per second (batch × requests/s). */
  itemsPerSecond: number;
  /** New prospects written per second. */
  createdPerSecond: number;
  peakRssMb: number;
  /** What the after-run check found wrong (counts, doubles, non-2xx); empty when all is exact. */
  problems: string[];
}

export interface HttpCeilingResult {
  id: string;
  batch: number;
  connections: number;
  load: LoadResult;
  peakRssMb: number;
}

export interface RawCeiling {
  engine: Engine;
  crmSize: number;
  result: CeilingResult;
}

export interface RunData {
  machine: Machine;
  quick: boolean;
  sizes: Sizes;
  command: string;
  loadAtEnd: string;
  minutes: number;
  profileBytes: number;
  httpCeiling: HttpCeilingResult[];
  rawCeilings: RawCeiling[];
  results: ScenarioResult[];
  reads: ReadsRun[];
  /** The app's table at 100,000 prospects, with the bulk move of all. */
  appReads: ReadsRun[];
}

interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean | null;
}

const BATCH1000 = `batch1000-c${BATCH_CONNECTIONS}`;

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '—');
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '—');
const pct = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(0)}%` : '—');
const mb = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');

function find(data: RunData, engine: Engine, id: string): ScenarioResult | undefined {
  return data.results.find((r) => r.engine === engine && r.scenario.id === id);
}

function rawCeiling(data: RunData, engine: Engine, crmSize: number): RawCeiling | undefined {
  return data.rawCeilings.find((c) => c.engine === engine && c.crmSize === crmSize);
}

function httpCeiling(data: RunData, id: string): HttpCeilingResult | undefined {
  return data.httpCeiling.find((c) => c.id === id);
}

/** Our 1,000-batch rate at a CRM size, over the raw insert ceiling at that size. */
function scaleRatio(data: RunData, engine: Engine, crmSize: number): { ours?: ScenarioResult; ceiling?: RawCeiling; ratio: number } {
  const ours = crmSize === 0 ? find(data, engine, BATCH1000) : find(data, engine, `batch1000-crm${crmSize}`);
  const ceiling = rawCeiling(data, engine, crmSize);
  return { ours, ceiling, ratio: ours && ceiling ? ours.createdPerSecond / ceiling.result.rowsPerSecond : NaN };
}

function costRatio(data: RunData, engine: Engine): { ratio: number; single?: ScenarioResult; batch?: ScenarioResult } {
  const batch = find(data, engine, BATCH1000);
  const singles = ['batch1-c10', 'batch1-c50'].map((id) => find(data, engine, id)).filter((r): r is ScenarioResult => r !== undefined);
  // The best single-prospect rate, so the ratio is the conservative one.
  const single = singles.sort((a, b) => b.createdPerSecond - a.createdPerSecond)[0];
  return { ratio: batch && single ? batch.createdPerSecond / single.createdPerSecond : NaN, single, batch };
}

const judge = (value: number, ok: (v: number) => boolean): boolean | null => (Number.isFinite(value) ? ok(value) : null);

export function targets(data: RunData): Target[] {
  const rows: Target[] = [];
  const engines = new Set(data.results.map((r) => r.engine));
  if (engines.has('sqlite')) {
    const empty = scaleRatio(data, 'sqlite', 0);
    const rate = empty.ours?.createdPerSecond ?? NaN;
    rows.push({
      what: '1,000-prospect batches, SQLite, empty CRM',
      target: '≥ 50,000 prospects/s and ≥ 35% of the raw-insert ceiling',
      measured: `${int(rate)} prospects/s, ${pct(empty.ratio)} of ${int(empty.ceiling?.result.rowsPerSecond ?? NaN)} rows/s`,
      met: judge(rate, (r) => r >= 50_000 && empty.ratio >= 0.35),
    });
    const million = scaleRatio(data, 'sqlite', 1_000_000);
    rows.push({
      what: 'the same with 1,000,000 prospects already in the CRM',
      target: '≥ 35% of the raw-insert ceiling at that size',
      measured: million.ours
        ? `${int(million.ours.createdPerSecond)} prospects/s, ${pct(million.ratio)} of ${int(million.ceiling?.result.rowsPerSecond ?? NaN)} rows/s`
        : 'not measured (--quick)',
      met: judge(million.ratio, (r) => r >= 0.35),
    });
  }
  if (engines.has('postgres')) {
    const empty = scaleRatio(data, 'postgres', 0);
    const rate = empty.ours?.createdPerSecond ?? NaN;
    rows.push({
      what: '1,000-prospect batches, PostgreSQL',
      target: '≥ 15,000 prospects/s and ≥ 30% of its raw-insert ceiling',
      measured: `${int(rate)} prospects/s, ${pct(empty.ratio)} of ${int(empty.ceiling?.result.rowsPerSecond ?? NaN)} rows/s`,
      met: judge(rate, (r) => r >= 15_000 && empty.ratio >= 0.3),
    });
  }
  if (engines.has('sqlite')) {
    const single = find(data, 'sqlite', 'batch1-c50');
    const ceiling = httpCeiling(data, 'batch1-c50');
    const ratio = single && ceiling ? single.load.requestsPerSecond / ceiling.load.requestsPerSecond : NaN;
    rows.push({
      what: 'single-prospect requests, SQLite, 50 connections',
      target: "≥ 30% of the HTTP ceiling's requests/s; p99 ≤ 10 ms",
      measured: `${int(single?.load.requestsPerSecond ?? NaN)} req/s = ${pct(ratio)} of ${int(ceiling?.load.requestsPerSecond ?? NaN)}; p99 ${ms(single?.load.p99 ?? NaN)} ms`,
      met: judge(ratio, (r) => r >= 0.3 && (single?.load.p99 ?? Infinity) <= 10),
    });
    const hundred = find(data, 'sqlite', 'batch100-c10');
    rows.push({
      what: '100-prospect batches, SQLite, 10 connections',
      target: 'p99 ≤ 15 ms',
      measured: `p99 ${ms(hundred?.load.p99 ?? NaN)} ms`,
      met: judge(hundred?.load.p99 ?? NaN, (p) => p <= 15),
    });
  }
  const peak = Math.max(...data.results.map((r) => r.peakRssMb));
  const worst = data.results.find((r) => r.peakRssMb === peak);
  rows.push({
    what: 'peak RSS under any scenario',
    target: '≤ 250 MB',
    measured: worst ? `${mb(peak)} MB (${worst.engine}, ${worst.scenario.id})` : '—',
    met: judge(peak, (p) => p <= 250),
  });
  for (const engine of engines) {
    const cost = costRatio(data, engine);
    rows.push({
      what: `cost per prospect, 1,000-batch vs 1-prospect requests (${engine})`,
      target: 'at least 8× cheaper',
      measured: `${cost.ratio.toFixed(1)}× (${int(cost.batch?.createdPerSecond ?? NaN)} vs ${int(cost.single?.createdPerSecond ?? NaN)} prospects/s, ${cost.single?.scenario.id ?? '—'})`,
      met: judge(cost.ratio, (r) => r >= 8),
    });
  }
  return rows;
}

function table(headers: string[], rows: string[][], markdown: boolean): string {
  if (markdown) {
    return [
      `| ${headers.join(' | ')} |`,
      `|${headers.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function scenarioRows(data: RunData, engine: Engine): string[][] {
  return data.results
    .filter((r) => r.engine === engine)
    .map((r) => [
      r.scenario.id,
      String(r.scenario.batch),
      String(r.scenario.connections),
      int(r.scenario.crmSize),
      int(r.load.requests),
      int(r.load.requestsPerSecond),
      int(r.itemsPerSecond),
      int(r.createdPerSecond),
      ms(r.load.p50),
      ms(r.load.p99),
      mb(r.peakRssMb),
      r.problems.length === 0 ? 'exact' : `FAILED: ${r.problems.join('; ')}`,
    ]);
}

const SCENARIO_HEADERS = ['scenario', 'batch', 'conn', 'CRM before', 'requests', 'req/s', 'prospects/s', 'new/s', 'p50 ms', 'p99 ms', 'peak RSS MB', 'check'];

function ratioRows(data: RunData, engine: Engine): string[][] {
  const rows: string[][] = [];
  for (const size of [0, ...data.sizes.crmSizes]) {
    const { ours, ceiling, ratio } = scaleRatio(data, engine, size);
    rows.push([`1,000-batch new/s vs raw insert at CRM ${int(size)}`, int(ours?.createdPerSecond ?? NaN), int(ceiling?.result.rowsPerSecond ?? NaN), pct(ratio)]);
  }
  for (const id of ['batch1-c10', 'batch1-c50', 'batch100-c10', BATCH1000]) {
    const ours = find(data, engine, id);
    const ceiling = httpCeiling(data, id);
    if (!ours || !ceiling) continue;
    const perItem = ours.scenario.batch > 1;
    const a = perItem ? ours.itemsPerSecond : ours.load.requestsPerSecond;
    const b = perItem ? ceiling.load.requestsPerSecond * ceiling.batch : ceiling.load.requestsPerSecond;
    rows.push([`${id} ${perItem ? 'prospects/s' : 'req/s'} vs HTTP ceiling`, int(a), int(b), pct(a / b)]);
  }
  const cost = costRatio(data, engine);
  rows.push([`cost per prospect: 1,000-batch vs best single (${cost.single?.scenario.id ?? '—'})`, int(cost.batch?.createdPerSecond ?? NaN), int(cost.single?.createdPerSecond ?? NaN), `${cost.ratio.toFixed(1)}×`]);
  return rows;
}

/**
 * What the same run's ceilings allow at best: a prospect in a batch must at least be parsed and
 * answered (the HTTP ceiling, per prospect) and inserted (the raw ceiling), so no server can take a
 * batch faster than 1 / (1/raw + 1/http). From it follow the best possible cost ratio against the
 * singles measured, and (Little's law, latency = connections / throughput) the least mean latency
 * a closed loop of connections can see.
 */
function boundRows(data: RunData, engine: Engine): string[][] {
  const raw = rawCeiling(data, engine, 0)?.result.rowsPerSecond ?? NaN;
  const combined = (id: string) => {
    const http = httpCeiling(data, id);
    return http ? 1 / (1 / raw + 1 / (http.load.requestsPerSecond * http.batch)) : NaN;
  };
  const rows: string[][] = [];
  const batch = find(data, engine, BATCH1000);
  const batchBound = combined(BATCH1000);
  if (batch) rows.push(['1,000-batch prospects/s: raw insert and bare HTTP together', int(batchBound), int(batch.createdPerSecond), pct(batch.createdPerSecond / batchBound)]);
  const cost = costRatio(data, engine);
  if (batch && cost.single) rows.push([`cost ratio vs ${cost.single.scenario.id} (${int(cost.single.createdPerSecond)}/s) if batches reached that bound`, `${(batchBound / cost.single.createdPerSecond).toFixed(1)}×`, `${cost.ratio.toFixed(1)}×`, '']);
  const hundred = find(data, engine, 'batch100-c10');
  if (hundred) {
    const leastMean = hundred.scenario.connections / (combined('batch100-c10') / hundred.scenario.batch) * 1000;
    rows.push(['100-batch, 10 connections: least possible mean latency (ms)', ms(leastMean), `mean ${ms((hundred.scenario.connections / hundred.load.requestsPerSecond) * 1000)}, p99 ${ms(hundred.load.p99)}`, '']);
  }
  return rows;
}

const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT MET');

export function renderConsole(data: RunData): string {
  const engines = [...new Set(data.results.map((r) => r.engine))];
  const parts: string[] = [];
  for (const engine of engines) {
    parts.push(`\n== ${engine} ==`, table(SCENARIO_HEADERS, scenarioRows(data, engine), false));
    parts.push('', table(['ratio', 'ours', 'ceiling', 'ratio'], ratioRows(data, engine), false));
    parts.push('', table(['bound', 'best possible', 'ours', 'share'], boundRows(data, engine), false));
  }
  if (data.httpCeiling.length > 0) {
    parts.push('\n== HTTP ceiling (bare Fastify, no database) ==');
    parts.push(table(['case', 'req/s', 'prospects/s', 'p50 ms', 'p99 ms'], httpRows(data), false));
  }
  if (data.reads.length > 0) parts.push(renderReadsConsole([...data.reads, ...data.appReads]));
  if (data.results.length > 0) {
    parts.push('\n== targets ==');
    parts.push(table(['what', 'target', 'measured', 'verdict'], targets(data).map((t) => [t.what, t.target, t.measured, verdict(t.met)]), false));
  }
  return parts.join('\n');
}

function httpRows(data: RunData): string[][] {
  return data.httpCeiling.map((c) => [
    `${c.id}`,
    int(c.load.requestsPerSecond),
    int(c.load.requestsPerSecond * c.batch),
    ms(c.load.p50),
    ms(c.load.p99),
  ]);
}

export function renderMarkdown(data: RunData, notes: string): string {
  const m = data.machine;
  const engines = [...new Set(data.results.map((r) => r.engine))];
  const out: string[] = [
    '# Benchmarks',
    '',
    `Generated by \`${data.command}\` (bench/run.ts) — do not edit the measured sections by hand; rerun instead.`,
    '',
    `- **Date**: ${m.date}${data.quick ? ' — **quick run** (short, smaller sizes; not the reference figures)' : ''}`,
    `- **Machine**: ${m.cores} cores, ${m.cpuModel}, ${m.memoryGb} GB RAM; shared with other engineers' work during the run (load average ${m.loadAtStart} at the start, ${data.loadAtEnd} at the end)`,
    `- **Software**: Node ${m.node}, SQLite ${m.sqlite}${m.postgres ? `, PostgreSQL ${m.postgres}` : ''}; commit ${m.commit}`,
    `- **Engines**: ${engines.join(', ')}; the run took ${data.minutes.toFixed(1)} minutes`,
  ];
  out.push(
    `- **Method**: every scenario starts its own server process (\`node bin/prospect-hub.js serve\`, built dist, LOG_LEVEL=warn, RATE_LIMIT=off) on a fresh database and drives it from the bench process with autocannon over loopback: a ${data.sizes.warmupSeconds} s warm-up, then a fixed number of requests sized to last about ${data.sizes.seconds} s, so the rows written are known exactly and checked afterwards (prospect count, users.prospect_count, every list's totalProspects against a count(*), enrolments, no two originals for one profile). Latencies are per request as seen by the client, at full precision. Peak RSS is the server's VmHWM. Each customProfile is ~${data.profileBytes} bytes of JSON.`,
    '',
    '## Targets',
    '',
    table(['what', 'target', 'measured', 'verdict'], targets(data).map((t) => [t.what, t.target, t.measured, verdict(t.met)]), true),
    '',
  );
  for (const engine of engines) {
    out.push(`## ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, '', table(SCENARIO_HEADERS, scenarioRows(data, engine), true), '');
    out.push('Ratios (same run, same machine):', '', table(['what', 'ours', 'ceiling', 'ratio'], ratioRows(data, engine), true), '');
    const bounds = boundRows(data, engine);
    if (bounds.length > 0) {
      out.push('Best possible from this run\'s ceilings (a batched prospect must at least be parsed, answered and inserted: 1 / (1/raw + 1/HTTP); latency by Little\'s law, connections / throughput):', '');
      out.push(table(['what', 'best possible', 'ours', 'share'], bounds, true), '');
    }
    const ceilings = data.rawCeilings.filter((c) => c.engine === engine);
    out.push(
      `Raw-insert ceiling (${engine === 'sqlite' ? 'better-sqlite3, one prepared INSERT, 1,000 rows per transaction' : 'one INSERT … SELECT FROM unnest(…) per 1,000 rows'}, same schema and indexes):`,
      '',
      table(['rows already in the table', 'rows inserted', 'seconds', 'rows/s'], ceilings.map((c) => [int(c.crmSize), int(c.result.rows), c.result.seconds.toFixed(2), int(c.result.rowsPerSecond)]), true),
      '',
    );
  }
  if (data.reads.length > 0) out.push(renderReadsMarkdown({ machine: data.machine, command: data.command, sizes: data.sizes, runs: data.reads, appRuns: data.appReads }));
  out.push('## HTTP ceiling', '', 'A bare Fastify process (bench/http-ceiling-server.ts) that parses the same bodies and answers with a body of the same shape and size, without authentication, validation or a database.', '');
  out.push(table(['case', 'req/s', 'prospects/s', 'p50 ms', 'p99 ms'], httpRows(data), true), '');
  out.push(notes.trim(), '');
  return out.join('\n');
}
