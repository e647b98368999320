import type { Engine } from '../src/store/database.js';
import { freshBenchDatabase } from './database.js';
import { currentLoad } from './machine.js';
import { seedReadCrm, type ReadCrm } from './read-crm.js';
import { closedLoop, fixedRate, type ReadPhase, type ReadTarget } from './read-load.js';
import { explainReads } from './read-plans.js';
import { getJson, READ_SCENARIOS, searchTerms, type ReadScenario } from './read-scenarios.js';
import type { Sizes } from './scenarios.js';
import { startProspectHub } from './server.js';

/** `--only v1-reads` selects these scenarios (and nothing of the import suite). */
export const READS_ID = 'v1-reads';

/** Connections of the closed loop that finds the most an endpoint takes. */
export const MAX_CONNECTIONS = 10;

/** The fixed offered rate, as a share of the closed loop's rate for the same endpoint in the same run. */
export const OFFERED_SHARE = 0.5;

/** Answers checked per scenario before its load. */
const CHECKED_PATHS = 12;

export interface ReadResult {
  engine: Engine;
  scenario: Pick<ReadScenario, 'id' | 'title' | 'targetP99'>;
  max?: ReadPhase;
  fixed?: ReadPhase;
  /** Why it was not measured (e.g. the route answered 404: not in this build). */
  skipped?: string;
  /** What the answer check or the load found wrong; empty when all is right. */
  problems: string[];
}

export interface ReadsRun {
  engine: Engine;
  crmSize: number;
  seedSeconds: number;
  /** Load average when the measurements started and ended (the machine is shared). */
  loadAtStart: string;
  loadAtEnd: string;
  peakRssMb: number;
  results: ReadResult[];
  /** The page and search queries' plans on this CRM (bench/read-plans.ts), markdown. */
  plans: string;
}

async function measure(engine: Engine, scenario: ReadScenario, crm: ReadCrm, target: Omit<ReadTarget, 'nextPath'>, paths: string[], sizes: Sizes): Promise<ReadResult> {
  const scenarioOf = { id: scenario.id, title: scenario.title, targetP99: scenario.targetP99 };
  if (paths.length === 0) return { engine, scenario: scenarioOf, skipped: 'no request to make (the route answered nothing to build on)', problems: [] };
  const probe = await getJson(target, paths[0]!);
  if (probe.status === 404 || probe.status === 405) return { engine, scenario: scenarioOf, skipped: `answered ${probe.status}: not in this build`, problems: [] };
  // The answers to a spread of the paths are checked before the load (the load reads only status codes).
  const problems: string[] = [];
  for (const path of paths.filter((_, n) => n % Math.ceil(paths.length / CHECKED_PATHS) === 0)) {
    const { status, body } = await getJson(target, path);
    const found = status === 200 ? scenario.check(crm, path, body) : [`answered ${status}`];
    problems.push(...found.map((p) => `answer check: ${p} (${decodeURIComponent(path)})`));
  }
  let k = 0;
  const loaded: ReadTarget = { ...target, nextPath: () => paths[k++ % paths.length]! };
  await closedLoop(loaded, MAX_CONNECTIONS, sizes.readWarmupSeconds);
  const max = await closedLoop(loaded, MAX_CONNECTIONS, sizes.readMaxSeconds);
  const fixed = await fixedRate(loaded, Math.max(1, Math.round(max.achieved * OFFERED_SHARE)), sizes.readSeconds, 1);
  for (const phase of [max, fixed]) if (phase.non2xx + phase.errors > 0) problems.push(`${phase.non2xx} non-2xx answers, ${phase.errors} errors (${phase.offered === null ? 'closed loop' : 'fixed rate'})`);
  if (fixed.achieved < fixed.offered! * 0.95) problems.push(`achieved ${Math.round(fixed.achieved)} of ${fixed.offered} req/s offered`);
  return { engine, scenario: scenarioOf, max, fixed, problems };
}

/**
 * One engine: a fresh database seeded with the read CRM, one server process, then each read
 * scenario in turn: a short closed-loop warm-up, the closed loop's rate at MAX_CONNECTIONS, and the
 * latencies at OFFERED_SHARE of that rate, offered as an open loop.
 */
export async function runReads(engine: Engine, sizes: Sizes, serverArgs: string[], log: (line: string) => void): Promise<ReadsRun> {
  const { database, tenant } = await freshBenchDatabase(engine);
  try {
    const crm = await seedReadCrm(database, tenant, sizes.readCrmSize);
    log(`  seeded ${crm.count.toLocaleString('en')} prospects in ${crm.seedSeconds.toFixed(1)} s (rows ${crm.rowSeconds.toFixed(1)} s, indexes and search table ${crm.indexSeconds.toFixed(1)} s)`);
    const server = await startProspectHub(database.url, {}, serverArgs);
    const loadAtStart = currentLoad();
    const results: ReadResult[] = [];
    let loadAtEnd: string;
    let peakRssMb: number;
    try {
      const target = { url: server.url, key: crm.readKey };
      for (const scenario of READ_SCENARIOS) {
        const result = await measure(engine, scenario, crm, target, await scenario.paths(crm, target), sizes);
        results.push(result);
        const { max, fixed } = result;
        log(
          result.skipped
            ? `  ${scenario.id}: skipped, ${result.skipped}`
            : `  ${scenario.id}: max ${Math.round(max!.achieved)} req/s; at ${fixed!.offered} req/s offered: ${Math.round(fixed!.achieved)} achieved, p50 ${fixed!.p50.toFixed(2)} ms, p99 ${fixed!.p99.toFixed(2)} ms${result.problems.length ? `, PROBLEMS: ${result.problems.join('; ')}` : ''}`,
        );
      }
      loadAtEnd = currentLoad();
      peakRssMb = server.peakRssMb();
    } finally {
      await server.stop();
    }
    // The plans are an aid to reading the figures: a failure there is reported, not fatal.
    const plans = await explainReads(database, tenant, crm, searchTerms().slice(0, 6)).catch((error: unknown) => `### ${engine}: the plans failed: ${String(error)}\n`);
    return { engine, crmSize: crm.count, seedSeconds: crm.seedSeconds, loadAtStart, loadAtEnd, peakRssMb, results, plans };
  } finally {
    await database.drop();
  }
}
