import type { Engine } from '../src/store/database.js';
import { freshBenchDatabase } from './database.js';
import { ceilingNow, loadAndCheck } from './import-run.js';
import { newProspectBodies, newSeriesPrefix } from './payload.js';
import { seedReadCrm } from './read-crm.js';
import { READ_SCENARIOS } from './read-scenarios.js';
import { measureRead, MAX_CONNECTIONS, OFFERED_SHARE, type ReadResult } from './reads.js';
import type { RawCeiling, ScenarioResult } from './report.js';
import { BATCH_CONNECTIONS, type Sizes } from './scenarios.js';
import type { SectionPlace } from './sections.js';
import { startProspectHub } from './server.js';

/**
 * `npm run bench -- --crm-size N`: the 1,000-prospect batch and the look-up by URL in a CRM of N
 * prospects, against the same at 0 (imports) and at sizes.hugeBaseSize (look-ups need prospects to
 * find), each level on a fresh database seeded like the /v1 reads' CRM (bench/read-crm.ts). Not part
 * of the default run: seeding ten million rows takes long.
 */

export const HUGE_ID = 'huge';
export const HUGE_PLACE: SectionPlace = { heading: '## 1,000-batches and look-ups in a large CRM\n' };

export interface HugeLevel {
  engine: Engine;
  crmSize: number;
  seedSeconds: number;
  /** Spawn to ready of the server that ran the look-ups (none at 0). */
  startupMs: number | null;
  batch: ScenarioResult;
  /** The raw-insert ceiling on the same database, after the import load. */
  ceiling: RawCeiling;
  lookup: ReadResult | null;
  /** The larger of the two servers' peak RSS. */
  peakRssMb: number;
}

const LOOKUP = READ_SCENARIOS.find((s) => s.id === 'lookup')!;

async function level(engine: Engine, crmSize: number, sizes: Sizes, serverArgs: string[], log: (line: string) => void): Promise<HugeLevel> {
  const { database, tenant } = await freshBenchDatabase(engine);
  try {
    let seedSeconds = 0;
    let startupMs: number | null = null;
    let lookup: ReadResult | null = null;
    let lookupRssMb = 0;
    if (crmSize > 0) {
      const crm = await seedReadCrm(database, tenant, crmSize);
      seedSeconds = crm.seedSeconds;
      log(`  seeded ${crmSize.toLocaleString('en')} prospects in ${seedSeconds.toFixed(0)} s`);
      const server = await startProspectHub(database.url, {}, serverArgs);
      startupMs = server.readyMs;
      try {
        const target = { url: server.url, key: crm.readKey };
        lookup = await measureRead(engine, LOOKUP, crm, target, await LOOKUP.paths(crm, target), sizes);
        lookupRssMb = server.peakRssMb();
      } finally {
        await server.stop();
      }
      log(`  look-up: max ${Math.round(lookup.max?.achieved ?? NaN)} req/s, p99 ${lookup.fixed?.p99.toFixed(2)} ms at ${lookup.fixed?.offered} req/s${lookup.problems.length ? `, PROBLEMS: ${lookup.problems.join('; ')}` : ''}`);
    }
    const scenario = { id: `batch1000-crm${crmSize}`, title: `1,000 new prospects per request, CRM at ${crmSize.toLocaleString('en')}`, group: 'scale' as const, batch: 1000, connections: BATCH_CONNECTIONS, crmSize };
    const prepared = { body: newProspectBodies({ listId: tenant.listIds[0] }, 1000, newSeriesPrefix('huge')), newPerRequest: 1000, enrolPerRequest: 0 };
    const batch = await loadAndCheck(engine, database, tenant, scenario, prepared, sizes, serverArgs);
    log(`  1,000-batches: ${Math.round(batch.createdPerSecond)} prospects/s, p99 ${batch.load.p99.toFixed(1)} ms${batch.problems.length ? `, FAILED: ${batch.problems.join('; ')}` : ''}`);
    const ceiling = await ceilingNow(engine, database, tenant, crmSize, sizes);
    return { engine, crmSize, seedSeconds, startupMs, batch, ceiling, lookup, peakRssMb: Math.max(lookupRssMb, batch.peakRssMb) };
  } finally {
    await database.drop();
  }
}

export async function runHuge(engine: Engine, crmSize: number, sizes: Sizes, serverArgs: string[], log: (line: string) => void): Promise<HugeLevel[]> {
  const levels: HugeLevel[] = [];
  for (const size of [0, sizes.hugeBaseSize, crmSize]) {
    log(`${engine} ${HUGE_ID}: CRM at ${size.toLocaleString('en')}`);
    levels.push(await level(engine, size, sizes, serverArgs, log));
  }
  return levels;
}

const int = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '—');
const ms = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '—');
const pct = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(0)}%` : '—');

export interface HugeContext {
  date: string;
  command: string;
  machine: string;
  load: string;
}

export function renderHugeMarkdown(levels: HugeLevel[], context: HugeContext): string {
  const out = [
    HUGE_PLACE.heading.trim(),
    '',
    `Measured ${context.date} by \`${context.command}\` (bench/huge.ts); ${context.machine}; load average ${context.load}. Each CRM size on a fresh database seeded like the /v1 reads' CRM (bench/read-crm.ts; SQLite's search index caught up): one server for the look-up by URL (a closed loop of ${MAX_CONNECTIONS} connections for its max, then p99 at ${OFFERED_SHARE * 100}% of it, open loop, as in the /v1 reads section), then a fresh server for 1,000-prospect batches of new prospects (${BATCH_CONNECTIONS} connections, rows checked exactly), then the raw-insert ceiling on the same database. "vs" compares with the smallest size measured for that figure in this run.`,
    '',
  ];
  for (const engine of [...new Set(levels.map((l) => l.engine))]) {
    const rows = levels.filter((l) => l.engine === engine);
    const batchBase = rows[0]?.batch;
    const lookupBase = rows.find((l) => l.lookup?.fixed)?.lookup;
    out.push(
      `${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}:`,
      '',
      '| prospects in the CRM | seeded in s | start-up ms | 1,000-batch new/s | vs | p99 ms | raw ceiling rows/s | share | look-up max req/s | look-up p99 ms at 50% | vs | peak RSS MB | check |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map((l) => {
        const problems = [...l.batch.problems, ...(l.lookup?.problems ?? [])];
        return `| ${int(l.crmSize)} | ${l.crmSize === 0 ? '—' : l.seedSeconds.toFixed(0)} | ${int(l.startupMs ?? undefined)} | ${int(l.batch.createdPerSecond)} | ${pct(l.batch.createdPerSecond / (batchBase?.createdPerSecond ?? NaN))} | ${ms(l.batch.load.p99)} | ${int(l.ceiling.result.rowsPerSecond)} | ${pct(l.batch.createdPerSecond / l.ceiling.result.rowsPerSecond)} | ${int(l.lookup?.max?.achieved)} | ${ms(l.lookup?.fixed?.p99)} | ${l.lookup?.fixed ? `${((l.lookup.fixed.p99 / (lookupBase?.fixed?.p99 ?? NaN)) * 100).toFixed(0)}%` : '—'} | ${int(l.peakRssMb)} | ${problems.length ? `FAILED: ${problems.join('; ')}` : 'exact'} |`;
      }),
      '',
    );
  }
  return out.join('\n');
}
