import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/store/database.js';
import { freshBenchDatabase, postgresReachable, type BenchDatabase, type BenchTenant } from './database.js';
import { currentLoad, describeMachine } from './machine.js';
import { ROOT, startProspectHub, type RunningServer } from './server.js';

/**
 * `npm run bench:jobs -- --rows 1000000`: one file of `rows` new prospects imported three ways, each
 * on a fresh database and a fresh server process (dist/): as 1,000-prospect requests to the
 * compatible endpoint sent one after another (the job runs its chunks one after another too), as a
 * JSON Lines import job and as a CSV import job (POST /v1/imports, the body streamed from disk; the
 * time runs from the first byte sent to the job's completed state). For each: prospects/s, the
 * server's peak RSS (VmHWM), and for the jobs the longest gap between two progress updates seen by
 * polling every 100 ms. Every count is checked. Prints a Markdown table (docs/benchmarks.md#import-jobs).
 *   --rows N        rows of the file (default 100000)
 *   --engines a,b   sqlite and/or postgres (default: both when PostgreSQL answers)
 *   --no-build      skip `npm run build`
 */

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, engines: { type: 'string' }, 'no-build': { type: 'boolean', default: false } } });
const ROWS = Number(values.rows);
const BATCH = 1000;
const log = (line: string) => process.stderr.write(line + '\n');

if (!values['no-build']) {
  log('building dist/ …');
  if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
}
const engines: Engine[] = values.engines ? (values.engines.split(',') as Engine[]) : ['sqlite', ...((await postgresReachable()) ? (['postgres'] as const) : [])];

const prospect = (tag: string, n: number) => ({
  url: `https://www.linkedin.com/in/bench-${tag}-${n}`,
  customProfile: { firstName: `First${n}`, lastName: `Last${n}`, occupation: 'Engineer', company: { name: `Company ${n % 997}` } },
});

async function writeFile(path: string, line: (n: number) => string, header?: string): Promise<number> {
  const out = createWriteStream(path);
  if (header) out.write(header + '\n');
  for (let n = 0; n < ROWS; n++) if (!out.write(line(n) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  out.end();
  await finished(out);
  return statSync(path).size;
}

interface Outcome {
  seconds: number;
  peakRssMb: number;
  maxProgressGapMs: number | null;
}

async function prospectCount(database: BenchDatabase, tenant: BenchTenant): Promise<number> {
  const [row] = await database.raw.query<{ n: number }>('select count(*) as n from prospects where user_id = ' + (database.engine === 'sqlite' ? '?' : '$1'), [tenant.userId]);
  return Number(row!.n);
}

async function batches(server: RunningServer, tenant: BenchTenant): Promise<number> {
  const started = performance.now();
  for (let at = 0; at < ROWS; at += BATCH) {
    const prospects = Array.from({ length: Math.min(BATCH, ROWS - at) }, (_, i) => prospect('b', at + i));
    const answer = await fetch(`${server.url}/prospects/addProspectFromIntegration`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prospectListId: tenant.listIds[0], origin: { name: 'bench' }, prospects }),
    });
    if (answer.status !== 200) throw new Error(`batch at ${at}: ${answer.status} ${await answer.text()}`);
    await answer.arrayBuffer();
  }
  return (performance.now() - started) / 1000;
}

async function job(server: RunningServer, database: BenchDatabase, tenant: BenchTenant, file: string, type: string): Promise<{ seconds: number; maxGapMs: number }> {
  const started = performance.now();
  const answer = await fetch(`${server.url}/v1/imports?prospectListId=${tenant.listIds[0]}&origin=bench`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.key}`, 'content-type': type },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const created = (await answer.json()) as { id: string; state: string };
  if (answer.status !== 202) throw new Error(`job: ${answer.status} ${JSON.stringify(created)}`);
  const p = database.engine === 'sqlite' ? '?' : '$1';
  let lastDone = -1;
  let lastChange = performance.now();
  let maxGapMs = 0;
  for (;;) {
    const [row] = await database.raw.query<{ state: string; rows_done: number }>(`select state, rows_done from import_jobs where id = ${p}`, [created.id]);
    const now = performance.now();
    if (Number(row!.rows_done) !== lastDone) {
      if (lastDone >= 0) maxGapMs = Math.max(maxGapMs, now - lastChange);
      lastDone = Number(row!.rows_done);
      lastChange = now;
    }
    if (row!.state !== 'running' && row!.state !== 'queued') {
      if (row!.state !== 'completed' || lastDone !== ROWS) throw new Error(`job ended ${row!.state} with ${lastDone} rows`);
      return { seconds: (now - started) / 1000, maxGapMs };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'prospect-hub-bench-jobs-'));
const jsonlFile = join(dir, 'rows.jsonl');
const csvFile = join(dir, 'rows.csv');
const jsonlBytes = await writeFile(jsonlFile, (n) => JSON.stringify(prospect('j', n)));
const csvBytes = await writeFile(csvFile, (n) => `https://www.linkedin.com/in/bench-c-${n},First${n},Last${n},Engineer,Company ${n % 997}`, 'LinkedIn URL,First name,Last name,Occupation,Company');
const machine = await describeMachine(engines.includes('postgres'));
log(`${ROWS} rows (JSONL ${(jsonlBytes / 2 ** 20).toFixed(0)} MB, CSV ${(csvBytes / 2 ** 20).toFixed(0)} MB); ${machine.cores} cores, load ${machine.loadAtStart}`);

const lines = [
  `${ROWS.toLocaleString('en-US')} rows, ${machine.date}, ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, commit ${machine.commit}, load at start ${machine.loadAtStart}`,
  '',
  '| engine | how | seconds | prospects/s | vs batches | peak RSS | longest gap between progress updates |',
  '|---|---|---|---|---|---|---|',
];
try {
  for (const engine of engines) {
    const results: Record<string, Outcome> = {};
    for (const how of ['1,000-batches', 'JSONL job', 'CSV job']) {
      const { database, tenant } = await freshBenchDatabase(engine);
      const server = await startProspectHub(database.url, { IMPORT_MAX_BYTES: String(2 ** 34) });
      try {
        let outcome: Outcome;
        if (how === '1,000-batches') outcome = { seconds: await batches(server, tenant), peakRssMb: 0, maxProgressGapMs: null };
        else {
          const run = await job(server, database, tenant, how === 'CSV job' ? csvFile : jsonlFile, how === 'CSV job' ? 'text/csv' : 'application/x-ndjson');
          outcome = { seconds: run.seconds, peakRssMb: 0, maxProgressGapMs: run.maxGapMs };
        }
        outcome.peakRssMb = server.peakRssMb();
        const count = await prospectCount(database, tenant);
        if (count !== ROWS) throw new Error(`${engine} ${how}: ${count} prospects, not ${ROWS}`);
        results[how] = outcome;
        log(`${engine} ${how}: ${outcome.seconds.toFixed(1)} s, ${Math.round(ROWS / outcome.seconds)} prospects/s, peak RSS ${outcome.peakRssMb.toFixed(0)} MB (load ${currentLoad()})`);
      } finally {
        await server.stop();
        await database.drop();
      }
    }
    const base = ROWS / results['1,000-batches']!.seconds;
    for (const [how, r] of Object.entries(results)) {
      const rate = ROWS / r.seconds;
      lines.push(`| ${engine} | ${how} | ${r.seconds.toFixed(1)} | ${Math.round(rate).toLocaleString('en-US')} | ${((rate / base) * 100).toFixed(0)}% | ${r.peakRssMb.toFixed(0)} MB | ${r.maxProgressGapMs === null ? '—' : `${(r.maxProgressGapMs / 1000).toFixed(1)} s`} |`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(lines.join('\n') + '\n');
