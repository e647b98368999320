import type { Engine } from '../src/store/database.js';
import { freshBenchDatabase } from './database.js';
import { currentLoad } from './machine.js';
import { seedReadCrm, type ReadCrm } from './read-crm.js';
import { closedLoop, fixedRate, type ReadPhase, type ReadTarget } from './read-load.js';
import { postgresFloor, type FloorPhase } from './read-floor.js';
import { explainReads } from './read-plans.js';
import { getJson, READ_SCENARIOS, searchTerms, type ReadScenario, type ReadServer } from './read-scenarios.js';
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
  /** PostgreSQL: the same number of bare round trips at the same rate (bench/read-floor.ts). */
  floor?: FloorPhase;
  /** Why it was not measured (e.g. the route answered 404: not in this build). */
  skipped?: string;
  /** What the answer check or the load found wrong; empty when all is right. */
  problems: string[];
}

/** A bulk move of the whole CRM into one list, timed, with its counts checked against the seed. */
export interface BulkResult {
  selected: number;
  counts: Record<string, number>;
  ms: number;
  problems: string[];
}

export interface ReadsRun {
  engine: Engine;
  crmSize: number;
  seedSeconds: number;
  /** SQLite: the search indexer catching up on the whole CRM (null on PostgreSQL). */
  searchIndexSeconds: number | null;
  /** Load average when the measurements started and ended (the machine is shared). */
  loadAtStart: string;
  loadAtEnd: string;
  peakRssMb: number;
  results: ReadResult[];
  /** The page and search queries' plans on this CRM (bench/read-plans.ts), markdown. */
  plans: string;
  bulk?: BulkResult;
}

export interface ReadsOptions {
  crmSize: number;
  scenarios: ReadScenario[];
  /** Ends with a bulk move of every prospect (it changes the CRM, so it comes last). */
  bulkMoveAll: boolean;
}

/** POST /v1/prospects/bulk moving every prospect into the second list: exact counts are the seed's list sizes. */
async function bulkMoveAll(server: ReadServer, crm: ReadCrm): Promise<BulkResult> {
  const target = crm.lists[1]!;
  const started = performance.now();
  const answer = await fetch(`${server.url}/v1/prospects/bulk`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'move', filter: {}, listId: target.id }),
  });
  const body = (await answer.json()) as { selected?: number; counts?: Record<string, number> };
  const ms = performance.now() - started;
  const problems: string[] = [];
  if (answer.status !== 200) problems.push(`answered ${answer.status}`);
  const counts = body.counts ?? {};
  if (body.selected !== crm.count) problems.push(`selected ${body.selected}, the CRM holds ${crm.count}`);
  if (counts.moved !== crm.count - target.size || counts.skipped !== target.size) problems.push(`moved ${counts.moved} and skipped ${counts.skipped}, expected ${crm.count - target.size} and ${target.size}`);
  const lists = await getJson(server, '/v1/lists');
  const data = (lists.body as { data?: { id: string; totalProspects: number }[] }).data ?? [];
  for (const list of crm.lists) {
    const expected = list.id === target.id ? crm.count : 0;
    const shown = data.find((l) => l.id === list.id)?.totalProspects;
    if (shown !== expected) problems.push(`list count ${shown} after the move, expected ${expected}`);
  }
  return { selected: body.selected ?? 0, counts, ms, problems };
}

/** One read scenario on a running server: its answers checked, then its closed-loop max and its latency at OFFERED_SHARE of it. */
export async function measureRead(engine: Engine, scenario: ReadScenario, crm: ReadCrm, target: Omit<ReadTarget, 'nextPath'>, paths: string[], sizes: Sizes, databaseUrl?: string): Promise<ReadResult> {
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
  const floor = engine === 'postgres' && databaseUrl ? await postgresFloor(databaseUrl, fixed.offered!, sizes.readSeconds, scenario.postgresStages) : undefined;
  return { engine, scenario: scenarioOf, max, fixed, floor, problems };
}

/**
 * One engine: a fresh database seeded with the read CRM, one server process, then each read
 * scenario in turn: a short closed-loop warm-up, the closed loop's rate at MAX_CONNECTIONS, and the
 * latencies at OFFERED_SHARE of that rate, offered as an open loop.
 */
export async function runReads(engine: Engine, sizes: Sizes, serverArgs: string[], log: (line: string) => void, options?: ReadsOptions): Promise<ReadsRun> {
  const { crmSize, scenarios, bulkMoveAll: bulk } = options ?? { crmSize: sizes.readCrmSize, scenarios: READ_SCENARIOS, bulkMoveAll: false };
  const { database, tenant } = await freshBenchDatabase(engine);
  try {
    const crm = await seedReadCrm(database, tenant, crmSize);
    const indexed = crm.searchIndexSeconds === null ? '' : `; then the search indexer caught up in ${crm.searchIndexSeconds.toFixed(1)} s`;
    log(`  seeded ${crm.count.toLocaleString('en')} prospects in ${crm.seedSeconds.toFixed(1)} s (rows ${crm.rowSeconds.toFixed(1)} s, indexes ${crm.indexSeconds.toFixed(1)} s${indexed})`);
    const server = await startProspectHub(database.url, {}, serverArgs);
    const loadAtStart = currentLoad();
    const results: ReadResult[] = [];
    let loadAtEnd: string;
    let peakRssMb: number;
    let bulkResult: BulkResult | undefined;
    try {
      const target = { url: server.url, key: crm.readKey };
      for (const scenario of scenarios) {
        const result = await measureRead(engine, scenario, crm, target, await scenario.paths(crm, target), sizes, database.url);
        results.push(result);
        const { max, fixed } = result;
        log(
          result.skipped
            ? `  ${scenario.id}: skipped, ${result.skipped}`
            : `  ${scenario.id}: max ${Math.round(max!.achieved)} req/s; at ${fixed!.offered} req/s offered: ${Math.round(fixed!.achieved)} achieved, p50 ${fixed!.p50.toFixed(2)} ms, p99 ${fixed!.p99.toFixed(2)} ms${result.floor ? `; floor of ${result.floor.stages} round trips p99 ${result.floor.p99.toFixed(2)} ms` : ''}${result.problems.length ? `, PROBLEMS: ${result.problems.join('; ')}` : ''}`,
        );
      }
      if (bulk) {
        bulkResult = await bulkMoveAll(target, crm);
        log(`  bulk move of all ${crm.count.toLocaleString('en')}: ${bulkResult.ms.toFixed(0)} ms, counts ${JSON.stringify(bulkResult.counts)}${bulkResult.problems.length ? `, PROBLEMS: ${bulkResult.problems.join('; ')}` : ''}`);
      }
      loadAtEnd = currentLoad();
      peakRssMb = server.peakRssMb();
    } finally {
      await server.stop();
    }
    // The plans are an aid to reading the figures: a failure there is reported, not fatal.
    const plans = await explainReads(database, tenant, crm, searchTerms().slice(0, 6)).catch((error: unknown) => `### ${engine}: the plans failed: ${String(error)}\n`);
    return { engine, crmSize: crm.count, seedSeconds: crm.seedSeconds, searchIndexSeconds: crm.searchIndexSeconds, loadAtStart, loadAtEnd, peakRssMb, results, plans, bulk: bulkResult };
  } finally {
    await database.drop();
  }
}
