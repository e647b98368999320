import type { Engine } from '../src/store/database.js';
import { freshBenchDatabase } from './database.js';
import { checkCrms, verifyImports } from './import-run.js';
import { warmUp } from './load.js';
import { newProspectBodies, newSeriesPrefix } from './payload.js';
import { fixedRate, type ReadPhase } from './read-load.js';
import { OFFERED_SHARE } from './reads.js';
import type { ScenarioResult } from './report.js';
import { IMPORT_PATH, type Sizes } from './scenarios.js';
import { startProspectHub } from './server.js';

/**
 * Import latency at a fixed offered rate: OFFERED_SHARE of the most a closed-loop scenario of the
 * same run took (its `from`), sent as an open loop (bench/read-load.ts: evenly spaced requests that
 * do not wait for earlier answers), on a fresh database and server warmed up by a closed loop like
 * its `from`. Every request carries new prospects, and the rows written (warm-up and lead-in
 * included) are checked exactly afterwards.
 */

/** The open loop's first second opens the generator's connections and is not counted. */
export const LEAD_IN_SECONDS = 1;

export interface LatencyCase {
  id: string;
  /** The closed-loop scenario whose rate, in the same run and on the same engine, sets the offered rate. */
  from: string;
  batch: number;
  title: string;
  /** p99 in ms at the offered rate, per engine; an engine without one is measured for reference. */
  targetP99: Partial<Record<Engine, number>>;
}

export const LATENCY_CASES: LatencyCase[] = [
  { id: 'batch1-open50', from: 'batch1-c50', batch: 1, title: `1 new prospect per request at ${OFFERED_SHARE * 100}% of batch1-c50's rate`, targetP99: { sqlite: 5 } },
  { id: 'batch100-open50', from: 'batch100-c10', batch: 100, title: `100 new prospects per request at ${OFFERED_SHARE * 100}% of batch100-c10's rate`, targetP99: { sqlite: 20 } },
];

export interface LatencyResult {
  engine: Engine;
  latencyCase: LatencyCase;
  /** Requests/s of the closed loop it is offered a share of. */
  maxRate: number;
  phase: ReadPhase;
  peakRssMb: number;
  /** Exactness of the rows, answers, and whether the offered rate was achieved; empty when all is right. */
  problems: string[];
}

export async function runLatency(engine: Engine, latencyCase: LatencyCase, max: ScenarioResult, sizes: Sizes, serverArgs: string[]): Promise<LatencyResult> {
  const { database, tenant } = await freshBenchDatabase(engine);
  try {
    const server = await startProspectHub(database.url, {}, serverArgs);
    try {
      const body = newProspectBodies({ listId: tenant.listIds[0] }, latencyCase.batch, newSeriesPrefix('open'));
      const before = await checkCrms(database, [tenant]);
      const rate = Math.max(1, Math.round(max.load.requestsPerSecond * OFFERED_SHARE));
      // Warmed as the closed loop it is compared with was (and as the reads are): a fresh process
      // runs cold code for its first seconds (bench/notes.md "A cold server in the open loop").
      const warm = await warmUp({ url: server.url, path: IMPORT_PATH, key: tenant.key, connections: max.scenario.connections, seconds: sizes.seconds, warmupSeconds: sizes.warmupSeconds, body });
      // Then a lead-in at the offered rate (opens the generator's connections), not counted.
      const phase = await fixedRate({ url: server.url, key: tenant.key, nextPath: () => IMPORT_PATH, nextBody: () => body.next() }, rate, sizes.seconds, LEAD_IN_SECONDS);
      const problems = verifyImports(before, await checkCrms(database, [tenant]), warm.requests + phase.leadIn + phase.requests, { newPerRequest: latencyCase.batch, enrolPerRequest: 0 });
      if (phase.non2xx + phase.errors > 0) problems.unshift(`${phase.non2xx} non-2xx answers, ${phase.errors} errors`);
      if (phase.achieved < rate * 0.95) problems.push(`achieved ${Math.round(phase.achieved)} of ${rate} req/s offered`);
      return { engine, latencyCase, maxRate: max.load.requestsPerSecond, phase, peakRssMb: server.peakRssMb(), problems };
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}
