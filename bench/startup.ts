import type { Engine } from '../src/store/database.js';
import { freshBenchDatabase } from './database.js';
import { seedReadCrm } from './read-crm.js';
import type { Sizes } from './scenarios.js';
import type { SectionPlace } from './sections.js';
import { startProspectHub } from './server.js';

/**
 * Start-up time: from the spawn of `node bin/prospect-hub.js serve` to the first 200 of GET /readyz
 * (the database answers), on an empty database and on one whose CRM holds sizes.startupCrmSize
 * prospects (seeded as the /v1 reads' CRM, bench/read-crm.ts, search index caught up), a few
 * starts each, every one a new process on the same database.
 */

export const STARTUP_ID = 'startup';
export const STARTUP_PLACE: SectionPlace = { heading: '## Start-up time\n', before: '## HTTP ceiling' };

export interface StartupRun {
  engine: Engine;
  crmSize: number;
  seedSeconds: number;
  /** Spawn to ready, in ms, one per start, in order (the first one meets the database cold in the server's cache). */
  startsMs: number[];
  peakRssMb: number;
}

export async function runStartup(engine: Engine, sizes: Sizes, serverArgs: string[], log: (line: string) => void): Promise<StartupRun[]> {
  const runs: StartupRun[] = [];
  for (const crmSize of [0, sizes.startupCrmSize]) {
    const { database, tenant } = await freshBenchDatabase(engine);
    try {
      const seedSeconds = crmSize > 0 ? (await seedReadCrm(database, tenant, crmSize)).seedSeconds : 0;
      const startsMs: number[] = [];
      let peakRssMb = 0;
      for (let n = 0; n < sizes.startupRuns; n++) {
        const server = await startProspectHub(database.url, {}, serverArgs);
        startsMs.push(server.readyMs);
        peakRssMb = Math.max(peakRssMb, server.peakRssMb());
        await server.stop();
      }
      runs.push({ engine, crmSize, seedSeconds, startsMs, peakRssMb });
      log(`  start-up at ${crmSize.toLocaleString('en')} prospects: ${startsMs.map((m) => m.toFixed(0)).join(', ')} ms to ready`);
    } finally {
      await database.drop();
    }
  }
  return runs;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};
const ENGINE_NAME: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

export interface StartupContext {
  date: string;
  command: string;
  machine: string;
  load: string;
}

export function renderStartupMarkdown(runs: StartupRun[], context: StartupContext): string {
  return [
    STARTUP_PLACE.heading.trim(),
    '',
    `Measured ${context.date} by \`${context.command}\` (bench/startup.ts); ${context.machine}; load average ${context.load}. From the spawn of \`node bin/prospect-hub.js serve\` (built dist, LOG_LEVEL=warn) to the first 200 of \`GET /readyz\` (asked every 5 ms), on a fresh database with no prospect and on one seeded like the /v1 reads' CRM (bench/read-crm.ts; SQLite's search index caught up before the starts); each start a new process on the same database.`,
    '',
    '| engine | prospects in the CRM | starts to ready, ms (in order) | median ms | peak RSS MB |',
    '|---|---:|---:|---:|---:|',
    ...runs.map((r) => `| ${ENGINE_NAME[r.engine]} | ${r.crmSize.toLocaleString('en')} | ${r.startsMs.map((m) => m.toFixed(0)).join(', ')} | ${median(r.startsMs).toFixed(0)} | ${r.peakRssMb.toFixed(0)} |`),
    '',
  ].join('\n');
}
