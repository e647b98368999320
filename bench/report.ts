import type { Engine } from '../src/store/database.js';
import type { CeilingResult } from './db-ceiling.js';
import { LEAD_IN_SECONDS, type LatencyResult } from './latency.js';
import type { LoadResult } from './load.js';
import type { Machine } from './machine.js';
import { renderReadsConsole, renderReadsMarkdown } from './read-report.js';
import { OFFERED_SHARE, type ReadsRun } from './reads.js';
import { BATCH_CONNECTIONS, SPREAD_CRMS, type Scenario, type Sizes } from './scenarios.js';

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
  /** Imports at a fixed offered rate, a share of a closed-loop scenario's rate (bench/latency.ts). */
  latency: LatencyResult[];
  /** PostgreSQL round trips one connection makes one after another per second (bench/read-floor.ts). */
  serialRoundTrips: number | null;
  /** Peak RSS of the processes of other sections measured in this run (reads, start-up), for the memory target. */
  otherPeaks: { what: string; mb: number }[];
}

/** Round trips a one-prospect import makes on PostgreSQL (src/store/import-read-postgres.ts, import-write-postgres.ts, the savepoints). */
const ONE_PROSPECT_ROUND_TRIPS = 3;

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

/** The one-thread bound for batched prospects: each must be parsed and answered (HTTP ceiling) and inserted (raw ceiling). */
function batchBound(data: RunData, engine: Engine, id: string): number {
  const raw = rawCeiling(data, engine, 0)?.result.rowsPerSecond ?? NaN;
  const http = httpCeiling(data, id);
  return http ? 1 / (1 / raw + 1 / (http.load.requestsPerSecond * http.batch)) : NaN;
}

const findLatency = (data: RunData, engine: Engine, id: string) => data.latency.find((l) => l.engine === engine && l.latencyCase.id === id);

function latencyCell(result: LatencyResult | undefined): string {
  if (!result) return 'not measured';
  const p = result.phase;
  return `p99 ${ms(p.p99)} ms (p50 ${ms(p.p50)}) at ${int(p.achieved)} of ${int(p.offered ?? NaN)} req/s offered (${pct((p.offered ?? NaN) / result.maxRate)} of ${int(result.maxRate)}); sends late p99 ${ms(p.lateP99 ?? NaN)} ms${result.problems.length ? `; ${result.problems.join('; ')}` : ''}`;
}

function latencyTarget(data: RunData, engine: Engine, id: string, what: string, extra?: (met: boolean | null) => string): Target {
  const result = findLatency(data, engine, id);
  const bound = result?.latencyCase.targetP99[engine] ?? NaN;
  const met = result ? judge(result.phase.p99, (p) => p <= bound && result.problems.length === 0) : null;
  return { what, target: `p99 ≤ ${bound} ms`, measured: latencyCell(result) + (extra ? extra(met) : ''), met };
}

export function targets(data: RunData): Target[] {
  const rows: Target[] = [];
  const engines = new Set(data.results.map((r) => r.engine));
  if (engines.has('sqlite')) {
    const empty = scaleRatio(data, 'sqlite', 0);
    const rate = empty.ours?.createdPerSecond ?? NaN;
    const met = judge(rate, (r) => r >= 50_000 && empty.ratio >= 0.35);
    const bound = batchBound(data, 'sqlite', BATCH1000);
    rows.push({
      what: '1,000-prospect batches, SQLite, empty CRM',
      target: '≥ 50,000 prospects/s and ≥ 35% of the raw-insert ceiling',
      measured: `${int(rate)} prospects/s, ${pct(empty.ratio)} of ${int(empty.ceiling?.result.rowsPerSecond ?? NaN)} rows/s${met === false && Number.isFinite(bound) ? `; best possible from this run's ceilings, 1/(1/raw + 1/HTTP): ${int(bound)}/s` : ''}`,
      met,
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
    const met = judge(empty.ratio, (r) => r >= 0.65);
    const bound = batchBound(data, 'postgres', BATCH1000);
    const raw = empty.ceiling?.result.rowsPerSecond ?? NaN;
    rows.push({
      what: '1,000-prospect batches, PostgreSQL',
      target: '≥ 65% of its raw-insert ceiling',
      measured: `${int(empty.ours?.createdPerSecond ?? NaN)} prospects/s, ${pct(empty.ratio)} of ${int(raw)} rows/s${met === false && Number.isFinite(bound) ? `; best possible from this run's ceilings, 1/(1/raw + 1/HTTP): ${int(bound)}/s = ${pct(bound / raw)}` : ''}`,
      met,
    });
    const one = find(data, 'postgres', 'batch1-c50');
    rows.push({
      what: 'single-prospect requests, PostgreSQL, one CRM, 50 connections',
      target: '≥ 2,000 prospects/s and p99 ≤ 50 ms',
      measured: one
        ? `${int(one.createdPerSecond)} prospects/s, p99 ${ms(one.load.p99)} ms` +
          (data.serialRoundTrips === null
            ? ''
            : `; the CRM's imports run one after another, each waiting for ${ONE_PROSPECT_ROUND_TRIPS} answers (bench/notes.md): at most ${int(data.serialRoundTrips / ONE_PROSPECT_ROUND_TRIPS)}/s from this run's ${int(data.serialRoundTrips)} round trips/s in series`)
        : 'not measured',
      met: one ? judge(one.createdPerSecond, (r) => r >= 2_000 && one.load.p99 <= 50 && one.problems.length === 0) : null,
    });
    const spread = find(data, 'postgres', `batch1-c50-crm${SPREAD_CRMS}`);
    rows.push({
      what: `single-prospect requests, PostgreSQL, ${SPREAD_CRMS} CRMs, 50 connections`,
      target: '≥ 4,000 prospects/s',
      measured: spread ? `${int(spread.createdPerSecond)} prospects/s, p99 ${ms(spread.load.p99)} ms` : 'not measured',
      met: spread ? judge(spread.createdPerSecond, (r) => r >= 4_000 && spread.problems.length === 0) : null,
    });
  }
  if (engines.has('sqlite')) {
    rows.push(latencyTarget(data, 'sqlite', 'batch1-open50', `single-prospect requests, SQLite, at ${OFFERED_SHARE * 100}% of batch1-c50's rate (open loop)`));
    rows.push(
      latencyTarget(data, 'sqlite', 'batch100-open50', `100-prospect batches, SQLite, at ${OFFERED_SHARE * 100}% of batch100-c10's rate (open loop)`, (met) => {
        // The least time one 100-prospect request can take alone at this run's one-thread bound.
        const least = (100 / batchBound(data, 'sqlite', 'batch100-c10')) * 1000;
        return met === false && Number.isFinite(least) ? `; least service time of one request at 1/(1/raw + 1/HTTP): ${ms(least)} ms` : '';
      }),
    );
    const single = find(data, 'sqlite', 'batch1-c50');
    const ceiling = httpCeiling(data, 'batch1-c50');
    const ratio = single && ceiling ? single.load.requestsPerSecond / ceiling.load.requestsPerSecond : NaN;
    rows.push({
      what: 'single-prospect requests, SQLite, 50 connections (closed loop)',
      target: "≥ 30% of the HTTP ceiling's requests/s; p99 ≤ 10 ms",
      measured: `${int(single?.load.requestsPerSecond ?? NaN)} req/s = ${pct(ratio)} of ${int(ceiling?.load.requestsPerSecond ?? NaN)}; p99 ${ms(single?.load.p99 ?? NaN)} ms`,
      met: judge(ratio, (r) => r >= 0.3 && (single?.load.p99 ?? Infinity) <= 10),
    });
    const hundred = find(data, 'sqlite', 'batch100-c10');
    rows.push({
      what: '100-prospect batches, SQLite, 10 connections (closed loop)',
      target: 'p99 ≤ 15 ms',
      measured: `p99 ${ms(hundred?.load.p99 ?? NaN)} ms`,
      met: judge(hundred?.load.p99 ?? NaN, (p) => p <= 15),
    });
  }
  const peaks = [
    ...data.results.map((r) => ({ what: `${r.engine}, ${r.scenario.id}`, mb: r.peakRssMb })),
    ...data.latency.map((l) => ({ what: `${l.engine}, ${l.latencyCase.id}`, mb: l.peakRssMb })),
    ...data.otherPeaks,
  ];
  const worst = peaks.sort((a, b) => b.mb - a.mb)[0];
  rows.push({
    what: 'peak RSS of each server process, every scenario of this run',
    target: '≤ 250 MB',
    measured: worst ? `${mb(worst.mb)} MB at most (${worst.what})` : '—',
    met: judge(worst?.mb ?? NaN, (p) => p <= 250),
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

const LATENCY_HEADERS = ['engine', 'requests of', 'closed-loop max req/s', 'offered req/s', 'achieved req/s', 'requests (+ lead-in)', 'p50 ms', 'p99 ms', 'sends late p99 ms', 'target p99 ms', 'peak RSS MB', 'check'];

function latencyRows(data: RunData): string[][] {
  return data.latency.map((l) => {
    const target = l.latencyCase.targetP99[l.engine];
    return [
      l.engine,
      `${l.latencyCase.id} (${l.latencyCase.batch} per request)`,
      `${int(l.maxRate)} (${l.latencyCase.from})`,
      int(l.phase.offered ?? NaN),
      int(l.phase.achieved),
      `${int(l.phase.requests)} (+ ${int(l.phase.leadIn)})`,
      ms(l.phase.p50),
      ms(l.phase.p99),
      ms(l.phase.lateP99 ?? NaN),
      target === undefined ? 'reference' : `≤ ${target}`,
      mb(l.peakRssMb),
      l.problems.length === 0 ? 'exact' : `FAILED: ${l.problems.join('; ')}`,
    ];
  });
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
  const combined = (id: string) => batchBound(data, engine, id);
  const rows: string[][] = [];
  const batch = find(data, engine, BATCH1000);
  const bound = combined(BATCH1000);
  if (batch) rows.push(['1,000-batch prospects/s: raw insert and bare HTTP together', int(bound), int(batch.createdPerSecond), pct(batch.createdPerSecond / bound)]);
  const cost = costRatio(data, engine);
  if (batch && cost.single) rows.push([`cost ratio vs ${cost.single.scenario.id} (${int(cost.single.createdPerSecond)}/s) if batches reached that bound`, `${(bound / cost.single.createdPerSecond).toFixed(1)}×`, `${cost.ratio.toFixed(1)}×`, '']);
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
  if (data.latency.length > 0) parts.push('\n== imports at a fixed offered rate (open loop) ==', table(LATENCY_HEADERS, latencyRows(data), false));
  if (data.reads.length > 0) parts.push(renderReadsConsole([...data.reads, ...data.appReads]));
  if (data.results.length > 0 || data.latency.length > 0) {
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
    `- **Method**: every scenario starts its own server process (\`node bin/prospect-hub.js serve\`, built dist, LOG_LEVEL=warn, RATE_LIMIT=off) on a fresh database and drives it from the bench process with autocannon over loopback: a ${data.sizes.warmupSeconds} s warm-up, then a fixed number of requests sized to last about ${data.sizes.seconds} s, so the rows written are known exactly and checked afterwards (prospect count, users.prospect_count, every list's totalProspects against a count(*), enrolments, no two originals for one profile). Latencies are per request as seen by the client, at full precision. Peak RSS is the server's VmHWM. Each customProfile is ~${data.profileBytes} bytes of JSON. \`batch1-c50-crm${SPREAD_CRMS}\` (PostgreSQL) sends each request to the next of ${SPREAD_CRMS} users' CRMs, with that user's key, and checks every CRM. The targets' "best possible" is the one-thread bound of this run's ceilings: a batched prospect must at least be parsed and answered (bare HTTP) and inserted (raw insert), 1 / (1/raw + 1/HTTP).`,
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
  if (data.latency.length > 0) {
    out.push(
      '## Imports at a fixed offered rate',
      '',
      `Latency where the server is not saturated: each case offers ${OFFERED_SHARE * 100}% of the requests/s its closed-loop scenario reached above, in the same run on the same engine, as an open loop (bench/read-load.ts: evenly spaced requests that do not wait for earlier answers, a new connection opened when all are busy) to its own server on a fresh database, first warmed up like its closed-loop scenario (about ${data.sizes.warmupSeconds} s at its connections), then for about ${data.sizes.seconds} s after a lead-in of ${LEAD_IN_SECONDS} s at the offered rate (not counted). Every request carries new prospects; the rows written, warm-up and lead-in included, are checked exactly afterwards. Latency is from the write of a request to the last byte of its answer; "sends late" is how far the generator slipped behind its schedule (it shares the two cores with the server).`,
      '',
      table(LATENCY_HEADERS, latencyRows(data), true),
      '',
    );
  }
  if (data.reads.length > 0) out.push(renderReadsMarkdown({ machine: data.machine, command: data.command, sizes: data.sizes, runs: data.reads, appRuns: data.appReads }));
  out.push('## HTTP ceiling', '', 'A bare Fastify process (bench/http-ceiling-server.ts) that parses the same bodies and answers with a body of the same shape and size, without authentication, validation or a database.', '');
  out.push(table(['case', 'req/s', 'prospects/s', 'p50 ms', 'p99 ms'], httpRows(data), true), '');
  out.push(notes.trim(), '');
  return out.join('\n');
}
