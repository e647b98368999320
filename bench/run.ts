import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/store/database.js';
import { checkCrm, freshBenchDatabase, postgresReachable, sqliteOf, type CrmCheck } from './database.js';
import { rawInsertCeiling } from './db-ceiling.js';
import { runLoad } from './load.js';
import { currentLoad, describeMachine } from './machine.js';
import { newProspectBodies, newSeriesPrefix, profileBytes } from './payload.js';
import { renderReadsMarkdown, spliceReads } from './read-report.js';
import { APP_SCENARIOS } from './read-scenarios.js';
import { READS_ID, runReads, type ReadsRun } from './reads.js';
import { renderConsole, renderMarkdown, type HttpCeilingResult, type RawCeiling, type RunData, type ScenarioResult } from './report.js';
import { FULL, HTTP_CEILING_CASES, IMPORT_PATH, QUICK, scenarios, type Scenario, type Sizes } from './scenarios.js';
import { ROOT, startHttpCeiling, startProspectHub } from './server.js';
import { renderWebhooksMarkdown, runWebhookBench, spliceWebhooks, WEBHOOKS_ID, type WebhookBenchRun } from './webhooks.js';

/**
 * `npm run bench`: import throughput and latency of a real server process against the raw
 * database and bare-HTTP ceilings, measured side by side in one run, written to docs/benchmarks.md.
 *   --quick            short run with small sizes (writes .tmp/bench-quick.md unless --out)
 *   --engines a,b      sqlite and/or postgres (default: both when PostgreSQL answers)
 *   --only id,id       only these scenarios (and the ceilings they are compared with); `v1-reads`
 *                      selects the /v1 read scenarios (bench/reads.ts), `webhooks` the webhook
 *                      delivery figures (bench/webhooks.ts)
 *   --out FILE         where to write the report (default: docs/benchmarks.md for a full run; for
 *                      `--only v1-reads` alone, its section of docs/benchmarks.md is replaced in
 *                      place; .tmp/bench-quick.md for --quick or another --only)
 *   --no-build         skip `npm run build` (the server runs dist/)
 *   --cpu-prof DIR     run each server with --cpu-prof, profiles written to DIR
 */

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    engines: { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});

const log = (line: string) => process.stderr.write(line + '\n');
const started = performance.now();
const sizes: Sizes = values.quick ? QUICK : FULL;
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;

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

const selected = scenarios(sizes).filter((s) => !only || only.has(s.id));
const withReads = !only || only.has(READS_ID);
const withWebhooks = !only || only.has(WEBHOOKS_ID);

// --- HTTP ceiling: engine-independent, measured once with the same bodies and connections.
const httpCeiling: HttpCeilingResult[] = [];
for (const c of HTTP_CEILING_CASES.filter((c) => !only || only.has(c.id))) {
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
for (const engine of engines) {
  if (selected.length > 0) {
    const { database, tenant } = await freshBenchDatabase(engine);
    try {
      const result = await rawInsertCeiling(database, tenant, sizes.ceilingRows);
      rawCeilings.push({ engine, crmSize: 0, result });
      log(`${engine} raw insert ceiling, empty table: ${Math.round(result.rowsPerSecond)} rows/s`);
    } finally {
      await database.drop();
    }
  }
  for (const scenario of selected) {
    log(`${engine} ${scenario.id}: ${scenario.title}`);
    const { result, ceiling } = await runScenario(engine, scenario);
    results.push(result);
    if (ceiling) rawCeilings.push(ceiling);
    log(
      `  ${Math.round(result.load.requestsPerSecond)} req/s, ${Math.round(result.itemsPerSecond)} prospects/s, p50 ${result.load.p50.toFixed(2)} ms, p99 ${result.load.p99.toFixed(2)} ms, peak RSS ${result.peakRssMb.toFixed(0)} MB${result.problems.length ? `, FAILED: ${result.problems.join('; ')}` : ''}`,
    );
    if (ceiling) log(`  raw insert ceiling at ${scenario.crmSize}: ${Math.round(ceiling.result.rowsPerSecond)} rows/s`);
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
}

function verify(before: CrmCheck, after: CrmCheck, requests: number, expected: { newPerRequest: number; enrolPerRequest: number }): string[] {
  const problems: string[] = [];
  const created = after.prospects - before.prospects;
  if (created !== requests * expected.newPerRequest) problems.push(`${created} prospects created, expected ${requests * expected.newPerRequest}`);
  if (after.userCount !== after.prospects) problems.push(`users.prospect_count ${after.userCount} but ${after.prospects} rows`);
  for (const list of after.listTotals) if (list.stored !== list.actual) problems.push(`list ${list.id} totalProspects ${list.stored} but ${list.actual} rows`);
  const enrolled = after.enrolments - before.enrolments;
  if (enrolled !== requests * expected.enrolPerRequest) problems.push(`${enrolled} enrolments, expected ${requests * expected.enrolPerRequest}`);
  if (after.doubles > 0) problems.push(`${after.doubles} profiles with two originals`);
  return problems;
}

/** Several CRMs' checks as one: their rows added up, every list kept (verify checks each). */
function sumOf(checks: readonly CrmCheck[]): CrmCheck {
  return {
    prospects: checks.reduce((n, c) => n + c.prospects, 0),
    userCount: checks.reduce((n, c) => n + c.userCount, 0),
    listTotals: checks.flatMap((c) => c.listTotals),
    enrolments: checks.reduce((n, c) => n + c.enrolments, 0),
    doubles: checks.reduce((n, c) => n + c.doubles, 0),
  };
}

async function runScenario(engine: Engine, scenario: Scenario): Promise<{ result: ScenarioResult; ceiling?: RawCeiling }> {
  const { database, tenant, others } = await freshBenchDatabase(engine, { others: (scenario.crms ?? 1) - 1 });
  try {
    const tenants = [tenant, ...others];
    const prepared = await scenario.prepare(database, tenant, sizes);
    const spread = others.length === 0 ? undefined : [{ key: tenant.key, body: prepared.body }];
    for (const other of others) spread!.push({ key: other.key, body: (await scenario.prepare(database, other, sizes)).body });
    const server = await startProspectHub(database.url, {}, serverArgs);
    let before: CrmCheck[] = [];
    let result: ScenarioResult;
    try {
      const load = await runLoad(
        {
          url: server.url,
          path: IMPORT_PATH,
          key: tenant.key,
          connections: scenario.connections,
          seconds: sizes.seconds,
          warmupSeconds: sizes.warmupSeconds,
          body: prepared.body,
          spread,
        },
        async () => {
          before = await Promise.all(tenants.map((t) => checkCrm(database, t)));
        },
      );
      const after = await Promise.all(tenants.map((t) => checkCrm(database, t)));
      const problems = verify(sumOf(before), sumOf(after), load.requests, prepared);
      if (others.length > 0) for (const check of after) problems.push(...verify(check, check, 0, { newPerRequest: 0, enrolPerRequest: 0 }));
      if (load.non2xx > 0 || load.errors > 0) problems.unshift(`${load.non2xx} non-2xx answers, ${load.errors} errors`);
      result = {
        engine,
        scenario,
        load,
        itemsPerSecond: load.requestsPerSecond * scenario.batch,
        createdPerSecond: load.requestsPerSecond * prepared.newPerRequest,
        peakRssMb: server.peakRssMb(),
        problems,
      };
    } finally {
      await server.stop();
    }
    let ceiling: RawCeiling | undefined;
    if (scenario.ceilingAfter) {
      if (engine === 'sqlite') sqliteOf(database.raw).pragma('wal_checkpoint(TRUNCATE)');
      ceiling = { engine, crmSize: scenario.crmSize, result: await rawInsertCeiling(database, tenant, sizes.ceilingRows) };
    }
    return { result, ceiling };
  } finally {
    await database.drop();
  }
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
};
process.stdout.write(renderConsole(data) + '\n');
const notes = readFileSync(join(ROOT, 'bench', 'notes.md'), 'utf8');
const docs = join(ROOT, 'docs', 'benchmarks.md');
const readsOnly = selected.length === 0 && reads.length > 0 && !values.quick && !values.out;
// A webhooks-only run replaces its own section of docs/benchmarks.md, like a reads-only run.
const webhooksOnly = selected.length === 0 && reads.length === 0 && webhookRuns.length > 0 && !values.quick && !values.out;
const out = values.out ?? (readsOnly || webhooksOnly ? docs : values.quick || only ? join(ROOT, '.tmp', 'bench-quick.md') : docs);
mkdirSync(join(out, '..'), { recursive: true });
let report = readsOnly
  ? spliceReads(readFileSync(docs, 'utf8'), renderReadsMarkdown({ machine, command: data.command, sizes, runs: reads, appRuns: appReads }), notes)
  : webhooksOnly
    ? readFileSync(docs, 'utf8')
    : renderMarkdown(data, notes);
if (webhookRuns.length > 0) {
  const context = { date: machine.date, command: data.command, machine: `${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, commit ${machine.commit}`, load: `${machine.loadAtStart} at the start, ${data.loadAtEnd} at the end` };
  report = spliceWebhooks(report, renderWebhooksMarkdown(webhookRuns, context), notes);
}
writeFileSync(out, report);
if (reads.length > 0) {
  const plans = join(ROOT, '.tmp', 'bench-read-plans.md');
  mkdirSync(join(plans, '..'), { recursive: true });
  writeFileSync(plans, `# Plans of the /v1 read queries (${data.command}, ${machine.date})\n\n${[...reads, ...appReads].map((r) => r.plans).join('\n')}`);
  log(`plans of the read queries written to ${plans}`);
}
log(`\nwritten to ${out}${readsOnly ? ' (its /v1 reads section and notes only)' : webhooksOnly ? ' (its webhooks section and notes only)' : ''}`);
const failed = [
  ...results.filter((r) => r.problems.length > 0),
  ...[...reads, ...appReads].flatMap((r) => r.results).filter((r) => !r.skipped && r.problems.some((p) => !p.startsWith('achieved'))),
  ...appReads.filter((r) => r.bulk && r.bulk.problems.length > 0),
];
if (failed.length > 0) {
  log(`${failed.length} scenario(s) failed their exactness or answer check`);
  process.exitCode = 1;
}
