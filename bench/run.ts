import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/store/database.js';
import { freshBenchDatabase, PG_URL, postgresReachable } from './database.js';
import { serialRoundTripsPerSecond } from './read-floor.js';
import { rawInsertCeiling } from './db-ceiling.js';
import { HUGE_ID, HUGE_PLACE, renderHugeMarkdown, runHuge, type HugeLevel } from './huge.js';
import { runScenario } from './import-run.js';
import { JOBS_ID, JOBS_PLACE, renderJobsMarkdown, runImportJobs, type JobsRun } from './jobs.js';
import { LATENCY_CASES, runLatency, type LatencyResult } from './latency.js';
import { runLoad } from './load.js';
import { currentLoad, describeMachine } from './machine.js';
import { newProspectBodies, newSeriesPrefix, profileBytes } from './payload.js';
import { READS_PLACE, renderReadsMarkdown, spliceReads } from './read-report.js';
import { APP_SCENARIOS } from './read-scenarios.js';
import { READS_ID, runReads, type ReadsRun } from './reads.js';
import { renderConsole, renderMarkdown, type HttpCeilingResult, type RawCeiling, type RunData, type ScenarioResult } from './report.js';
import { FULL, HTTP_CEILING_CASES, IMPORT_PATH, QUICK, scenarios, type Sizes } from './scenarios.js';
import { extractSection, spliceSection, type SectionPlace } from './sections.js';
import { ROOT, startHttpCeiling } from './server.js';
import { renderStartupMarkdown, runStartup, STARTUP_ID, STARTUP_PLACE, type StartupRun } from './startup.js';
import { renderWebhooksMarkdown, runWebhookBench, spliceWebhooks, WEBHOOKS_ID, WEBHOOKS_PLACE, type WebhookBenchRun } from './webhooks.js';

/**
 * `npm run bench`: import throughput and latency of a real server process against the raw
 * database and bare-HTTP ceilings, measured side by side in one run, written to docs/benchmarks.md.
 *   --quick            short run with small sizes (writes .tmp/bench-quick.md unless --out)
 *   --engines a,b      sqlite and/or postgres (default: both when PostgreSQL answers)
 *   --only id,id       only these scenarios (and the ceilings they are compared with; a fixed-rate
 *                      case such as batch1-open50 brings the closed-loop scenario it is a share of);
 *                      section ids: `v1-reads` (bench/reads.ts), `webhooks` (bench/webhooks.ts),
 *                      `startup` (bench/startup.ts), `jobs` (bench/jobs.ts)
 *   --skip id,id       everything but these; a section skipped keeps its text of docs/benchmarks.md
 *   --rows N           rows of the import-jobs file (default 1,000,000; 10,000 with --quick)
 *   --crm-size N       the 1,000-batch and the look-up at N prospects against smaller CRMs
 *                      (bench/huge.ts, section id `huge`); alone, runs only that section
 *   --out FILE         where to write the report (default: docs/benchmarks.md for a full run, and
 *                      for a run of sections only (reads, webhooks, start-up, jobs, --crm-size), whose
 *                      sections replace theirs in place; .tmp/bench-quick.md for --quick or --only)
 *   --no-build         skip `npm run build` (the server runs dist/)
 *   --cpu-prof DIR     run each server with --cpu-prof, profiles written to DIR
 */

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    engines: { type: 'string' },
    only: { type: 'string' },
    skip: { type: 'string' },
    rows: { type: 'string' },
    'crm-size': { type: 'string' },
    out: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});

const log = (line: string) => process.stderr.write(line + '\n');
const started = performance.now();
const sizes: Sizes = values.quick ? QUICK : FULL;
const idsOf = (list: string | undefined) => new Set((list ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''));
const only = values.only ? idsOf(values.only) : null;
const skip = idsOf(values.skip);
const hugeSize = values['crm-size'] ? Number(values['crm-size'].replace(/[_,]/g, '')) : null;
if (hugeSize !== null && !(hugeSize > 0)) throw new Error(`--crm-size ${values['crm-size']}: a number of prospects`);
const jobRows = values.rows ? Number(values.rows.replace(/[_,]/g, '')) : sizes.jobRows;
/** --crm-size without --only runs its section alone: it is not part of the default run. */
const wanted = (id: string) => (only ? only.has(id) : hugeSize === null) && !skip.has(id);

if (!values['no-build']) {
  log('building dist/ (npm run build) so the server runs the current code …');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

const engines: Engine[] = values.engines
  ? (values.engines.split(',').map((e) => e.trim()) as Engine[])
  : ['sqlite', ...((await postgresReachable()) ? (['postgres'] as const) : [])];
for (const engine of engines) if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`unknown engine ${engine}`);
if (engines.includes('postgres') && !(await postgresReachable())) throw new Error('PostgreSQL does not answer');
if (!values.engines && !engines.includes('postgres')) log('PostgreSQL does not answer: SQLite only');

const serverArgs = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
const machine = await describeMachine(engines.includes('postgres'));
log(`${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAtStart}; engines: ${engines.join(', ')}${values.quick ? ' (quick)' : ''}`);

/** A section that fails (e.g. an import job ends failed) is reported and skipped: the rest of a long run is still written. */
const sectionFailures: string[] = [];
async function attempt<T>(id: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    sectionFailures.push(`${id}: ${String(error)}`);
    log(`  ${id} FAILED: ${String(error)} (its section of docs/benchmarks.md is kept as it was)`);
    return null;
  }
}

const latencyCases = LATENCY_CASES.filter((c) => wanted(c.id));
// A fixed-rate case is a share of a closed-loop scenario's rate in the same run: that one runs too.
const selected = scenarios(sizes).filter((s) => wanted(s.id) || latencyCases.some((c) => c.from === s.id));
const withReads = wanted(READS_ID);
const withWebhooks = wanted(WEBHOOKS_ID);
const withStartup = wanted(STARTUP_ID);
const withJobs = wanted(JOBS_ID);

// --- HTTP ceiling: engine-independent, measured once with the same bodies and connections.
const httpCeiling: HttpCeilingResult[] = [];
for (const c of HTTP_CEILING_CASES.filter((c) => selected.some((s) => s.id === c.id))) {
  const server = await startHttpCeiling();
  try {
    const load = await runLoad(
      {
        url: server.url,
        path: IMPORT_PATH,
        connections: c.connections,
        seconds: sizes.seconds,
        warmupSeconds: sizes.warmupSeconds,
        body: newProspectBodies({ listId: '0'.repeat(24) }, c.batch, newSeriesPrefix('ceiling')),
      },
      async () => {},
    );
    httpCeiling.push({ ...c, load, peakRssMb: server.peakRssMb() });
    log(`http ceiling ${c.id}: ${Math.round(load.requestsPerSecond)} req/s, p99 ${load.p99.toFixed(2)} ms`);
  } finally {
    await server.stop();
  }
}

// --- Per engine: the raw-insert ceiling on an empty table, then every scenario.
const rawCeilings: RawCeiling[] = [];
const results: ScenarioResult[] = [];
const reads: ReadsRun[] = [];
const webhookRuns: WebhookBenchRun[] = [];
const appReads: ReadsRun[] = [];
const latency: LatencyResult[] = [];
const startups: StartupRun[] = [];
const huge: HugeLevel[] = [];
let serialRoundTrips: number | null = null;
for (const engine of engines) {
  const mine = selected.filter((s) => !s.engines || s.engines.includes(engine));
  if (mine.length > 0) {
    const { database, tenant } = await freshBenchDatabase(engine);
    try {
      const result = await rawInsertCeiling(database, tenant, sizes.ceilingRows);
      rawCeilings.push({ engine, crmSize: 0, result });
      log(`${engine} raw insert ceiling, empty table: ${Math.round(result.rowsPerSecond)} rows/s`);
    } finally {
      await database.drop();
    }
  }
  for (const scenario of mine) {
    log(`${engine} ${scenario.id}: ${scenario.title}`);
    const { result, ceiling } = await runScenario(engine, scenario, sizes, serverArgs);
    results.push(result);
    if (ceiling) rawCeilings.push(ceiling);
    log(
      `  ${Math.round(result.load.requestsPerSecond)} req/s, ${Math.round(result.itemsPerSecond)} prospects/s, p50 ${result.load.p50.toFixed(2)} ms, p99 ${result.load.p99.toFixed(2)} ms, peak RSS ${result.peakRssMb.toFixed(0)} MB${result.problems.length ? `, FAILED: ${result.problems.join('; ')}` : ''}`,
    );
    if (ceiling) log(`  raw insert ceiling at ${scenario.crmSize}: ${Math.round(ceiling.result.rowsPerSecond)} rows/s`);
  }
  if (engine === 'postgres' && mine.some((s) => s.id === 'batch1-c50')) {
    serialRoundTrips = await serialRoundTripsPerSecond(PG_URL, sizes.seconds / 2);
    log(`postgres round trips in series on one connection: ${Math.round(serialRoundTrips)}/s`);
  }
  for (const latencyCase of latencyCases) {
    const max = results.find((r) => r.engine === engine && r.scenario.id === latencyCase.from);
    if (!max) continue;
    log(`${engine} ${latencyCase.id}: ${latencyCase.title}`);
    const result = await runLatency(engine, latencyCase, max, sizes, serverArgs);
    latency.push(result);
    const p = result.phase;
    log(`  ${Math.round(p.achieved)} of ${p.offered} req/s offered, p50 ${p.p50.toFixed(2)} ms, p99 ${p.p99.toFixed(2)} ms, sends late p99 ${p.lateP99?.toFixed(2)} ms${result.problems.length ? `, FAILED: ${result.problems.join('; ')}` : ''}`);
  }
  if (withReads) {
    log(`${engine} ${READS_ID}: the /v1 read paths on a CRM of ${sizes.readCrmSize.toLocaleString('en')} prospects`);
    reads.push(await runReads(engine, sizes, serverArgs, log));
    log(`${engine} ${READS_ID}: the app's table on a CRM of ${sizes.appCrmSize.toLocaleString('en')} prospects, then a bulk move of all of them`);
    appReads.push(await runReads(engine, sizes, serverArgs, log, { crmSize: sizes.appCrmSize, scenarios: APP_SCENARIOS, bulkMoveAll: true }));
  }
  if (withWebhooks) {
    log(`${engine} ${WEBHOOKS_ID}: import with and without an endpoint, delivery throughput, lag`);
    webhookRuns.push(await runWebhookBench(engine, sizes, serverArgs, log));
  }
  if (withStartup) {
    log(`${engine} ${STARTUP_ID}: spawn to ready, empty and at ${sizes.startupCrmSize.toLocaleString('en')} prospects`);
    startups.push(...((await attempt(STARTUP_ID, () => runStartup(engine, sizes, serverArgs, log))) ?? []));
  }
  if (hugeSize !== null && !skip.has(HUGE_ID)) huge.push(...((await attempt(HUGE_ID, () => runHuge(engine, hugeSize, sizes, serverArgs, log))) ?? []));
}
let jobs: JobsRun[] = [];
if (withJobs) {
  log(`${JOBS_ID}: import jobs against 1,000-batches, ${jobRows.toLocaleString('en')} rows`);
  jobs = (await attempt(JOBS_ID, () => runImportJobs(engines, jobRows, log, values.quick ? 1 : 2))) ?? [];
}

// --- Report.
const data: RunData = {
  machine,
  quick: values.quick!,
  sizes,
  command: `npm run bench${process.argv.slice(2).length ? ' -- ' + process.argv.slice(2).join(' ') : ''}`,
  loadAtEnd: currentLoad(),
  minutes: (performance.now() - started) / 60_000,
  profileBytes: profileBytes(),
  httpCeiling,
  rawCeilings,
  results,
  reads,
  appReads,
  latency,
  serialRoundTrips,
  otherPeaks: [
    ...[...reads, ...appReads].map((r) => ({ what: `${r.engine}, /v1 reads at ${r.crmSize.toLocaleString('en')}`, mb: r.peakRssMb })),
    ...startups.map((r) => ({ what: `${r.engine}, start-up at ${r.crmSize.toLocaleString('en')}`, mb: r.peakRssMb })),
    ...huge.map((l) => ({ what: `${l.engine}, CRM at ${l.crmSize.toLocaleString('en')}`, mb: l.peakRssMb })),
  ],
};
process.stdout.write(renderConsole(data) + '\n');
const notes = readFileSync(join(ROOT, 'bench', 'notes.md'), 'utf8');
const docs = join(ROOT, 'docs', 'benchmarks.md');
const previous = existsSync(docs) ? readFileSync(docs, 'utf8') : '';
// A run of sections only (no import scenario) replaces those sections of docs/benchmarks.md in place.
const sectionsOnly = selected.length === 0 && latency.length === 0 && !values.quick && !values.out;
const out = values.out ?? (sectionsOnly ? docs : values.quick || only || hugeSize !== null ? join(ROOT, '.tmp', 'bench-quick.md') : docs);
mkdirSync(join(out, '..'), { recursive: true });
const context = {
  date: machine.date,
  command: data.command,
  machine: `${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, commit ${machine.commit}`,
  load: `${machine.loadAtStart} at the start, ${data.loadAtEnd} at the end`,
};
const measured: { place: SectionPlace; text: string | null }[] = [
  { place: READS_PLACE, text: reads.length > 0 ? renderReadsMarkdown({ machine, command: data.command, sizes, runs: reads, appRuns: appReads }) : null },
  { place: STARTUP_PLACE, text: startups.length > 0 ? renderStartupMarkdown(startups, context) : null },
  { place: WEBHOOKS_PLACE, text: webhookRuns.length > 0 ? renderWebhooksMarkdown(webhookRuns, context) : null },
  { place: JOBS_PLACE, text: jobs.length > 0 ? renderJobsMarkdown(jobs, context) : null },
  { place: HUGE_PLACE, text: huge.length > 0 ? renderHugeMarkdown(huge, context) : null },
];
let report = sectionsOnly ? previous : renderMarkdown(data, notes);
for (const { place, text } of measured) {
  // Written to docs/benchmarks.md, a section this run did not measure stays as the last run left it.
  const kept = out === docs && !sectionsOnly ? extractSection(previous, notes, place.heading) : null;
  const section = text ?? kept;
  if (section !== null) report = place === READS_PLACE ? spliceReads(report, section, notes) : place === WEBHOOKS_PLACE ? spliceWebhooks(report, section, notes) : spliceSection(report, place, section, notes);
}
writeFileSync(out, report);
if (reads.length > 0) {
  const plans = join(ROOT, '.tmp', 'bench-read-plans.md');
  mkdirSync(join(plans, '..'), { recursive: true });
  writeFileSync(plans, `# Plans of the /v1 read queries (${data.command}, ${machine.date})\n\n${[...reads, ...appReads].map((r) => r.plans).join('\n')}`);
  log(`plans of the read queries written to ${plans}`);
}
log(`\nwritten to ${out}${sectionsOnly ? ` (its ${measured.filter((m) => m.text !== null).map((m) => m.place.heading.trim()).join(', ')} sections and notes only)` : ''}`);
const failed = [
  ...results.filter((r) => r.problems.length > 0),
  ...latency.filter((r) => r.problems.some((p) => !p.startsWith('achieved'))),
  ...huge.filter((l) => l.batch.problems.length > 0 || (l.lookup?.problems ?? []).some((p) => !p.startsWith('achieved'))),
  ...[...reads, ...appReads].flatMap((r) => r.results).filter((r) => !r.skipped && r.problems.some((p) => !p.startsWith('achieved'))),
  ...appReads.filter((r) => r.bulk && r.bulk.problems.length > 0),
];
if (failed.length > 0) {
  log(`${failed.length} scenario(s) failed their exactness or answer check`);
  process.exitCode = 1;
}
if (sectionFailures.length > 0) {
  log(`${sectionFailures.length} section(s) failed:\n  ${sectionFailures.join('\n  ')}`);
  process.exitCode = 1;
}
