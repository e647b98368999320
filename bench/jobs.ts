import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Engine } from '../src/store/database.js';
import { freshBenchDatabase, type BenchDatabase, type BenchTenant } from './database.js';
import { currentLoad } from './machine.js';
import type { SectionPlace } from './sections.js';
import { startProspectHub, type RunningServer } from './server.js';

/**
 * Import jobs against 1,000-batches (docs/benchmarks.md#import-jobs): one file of `rows` new
 * prospects imported three ways, `rounds` times each, interleaved (batches, JSONL, CSV, then again),
 * each on a fresh database and a fresh server process (dist/): as
 * 1,000-prospect requests to the compatible endpoint sent one after another (the job runs its chunks
 * one after another too), as a JSON Lines import job and as a CSV import job (POST /v1/imports, the
 * body streamed from disk; the time runs from the first byte sent to the job's completed state). For
 * each: prospects/s, the server's peak RSS (VmHWM), and for the jobs the longest gap between two
 * progress updates seen by polling every 100 ms. Every count is checked.
 */

export const JOBS_ID = 'jobs';
export const JOBS_PLACE: SectionPlace = { heading: '## Import jobs\n' };
const BATCH = 1000;
const WAYS = ['1,000-batches', 'JSONL job', 'CSV job'] as const;

export interface JobOutcome {
  how: (typeof WAYS)[number];
  /** The fastest round: on a shared machine, the one other people's work disturbed least. */
  seconds: number;
  /** Every round's seconds, in the order they ran. */
  rounds: number[];
  peakRssMb: number;
  maxProgressGapMs: number | null;
}

export interface JobsRun {
  engine: Engine;
  rows: number;
  loadAtStart: string;
  loadAtEnd: string;
  outcomes: JobOutcome[];
}

const prospect = (tag: string, n: number) => ({
  url: `https://www.linkedin.com/in/bench-${tag}-${n}`,
  customProfile: { firstName: `First${n}`, lastName: `Last${n}`, occupation: 'Engineer', company: { name: `Company ${n % 997}` } },
});

async function writeFile(path: string, rows: number, line: (n: number) => string, header?: string): Promise<number> {
  const out = createWriteStream(path);
  if (header) out.write(header + '\n');
  for (let n = 0; n < rows; n++) if (!out.write(line(n) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  out.end();
  await finished(out);
  return statSync(path).size;
}

async function prospectCount(database: BenchDatabase, tenant: BenchTenant): Promise<number> {
  const [row] = await database.raw.query<{ n: number }>('select count(*) as n from prospects where user_id = ' + (database.engine === 'sqlite' ? '?' : '$1'), [tenant.userId]);
  return Number(row!.n);
}

async function batches(server: RunningServer, tenant: BenchTenant, rows: number): Promise<number> {
  const started = performance.now();
  for (let at = 0; at < rows; at += BATCH) {
    const prospects = Array.from({ length: Math.min(BATCH, rows - at) }, (_, i) => prospect('b', at + i));
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

async function job(server: RunningServer, database: BenchDatabase, tenant: BenchTenant, file: string, type: string, rows: number): Promise<{ seconds: number; maxGapMs: number }> {
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
      if (row!.state !== 'completed' || lastDone !== rows) throw new Error(`job ended ${row!.state} with ${lastDone} rows`);
      return { seconds: (now - started) / 1000, maxGapMs };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Both files written once, then each engine: the three ways on fresh databases, `rounds` times over. */
export async function runImportJobs(engines: Engine[], rows: number, log: (line: string) => void, rounds = 2): Promise<JobsRun[]> {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-hub-bench-jobs-'));
  const jsonlFile = join(dir, 'rows.jsonl');
  const csvFile = join(dir, 'rows.csv');
  try {
    const jsonlBytes = await writeFile(jsonlFile, rows, (n) => JSON.stringify(prospect('j', n)));
    const csvBytes = await writeFile(csvFile, rows, (n) => `https://www.linkedin.com/in/bench-c-${n},First${n},Last${n},Engineer,Company ${n % 997}`, 'LinkedIn URL,First name,Last name,Occupation,Company');
    log(`  ${rows.toLocaleString('en')} rows (JSONL ${(jsonlBytes / 2 ** 20).toFixed(0)} MB, CSV ${(csvBytes / 2 ** 20).toFixed(0)} MB)`);
    const runs: JobsRun[] = [];
    for (const engine of engines) {
      const loadAtStart = currentLoad();
      const outcomes: JobOutcome[] = [];
      const order = Array.from({ length: rounds }, (_, round) => WAYS.map((how) => ({ round, how }))).flat();
      for (const { round, how } of order) {
        const { database, tenant } = await freshBenchDatabase(engine);
        try {
          const server = await startProspectHub(database.url, { IMPORT_MAX_BYTES: String(2 ** 34) });
          let outcome: JobOutcome;
          try {
            if (how === '1,000-batches') {
              const seconds = await batches(server, tenant, rows);
              outcome = { how, seconds, rounds: [seconds], peakRssMb: 0, maxProgressGapMs: null };
            } else {
              const run = await job(server, database, tenant, how === 'CSV job' ? csvFile : jsonlFile, how === 'CSV job' ? 'text/csv' : 'application/x-ndjson', rows);
              outcome = { how, seconds: run.seconds, rounds: [run.seconds], peakRssMb: 0, maxProgressGapMs: run.maxGapMs };
            }
            outcome.peakRssMb = server.peakRssMb();
          } finally {
            await server.stop();
          }
          const count = await prospectCount(database, tenant);
          if (count !== rows) throw new Error(`${engine} ${how}: ${count} prospects, not ${rows}`);
          log(`  ${engine} ${how} (round ${round + 1}): ${outcome.seconds.toFixed(1)} s, ${Math.round(rows / outcome.seconds)} prospects/s, peak RSS ${outcome.peakRssMb.toFixed(0)} MB (load ${currentLoad()})`);
          const earlier = outcomes.find((o) => o.how === how);
          if (earlier) mergeRound(earlier, outcome);
          else outcomes.push(outcome);
        } finally {
          await database.drop();
        }
      }
      runs.push({ engine, rows, loadAtStart, loadAtEnd: currentLoad(), outcomes });
    }
    return runs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A further round of the same way: the fastest time, every round's time, the worst RSS and gap. */
function mergeRound(into: JobOutcome, round: JobOutcome): void {
  into.rounds.push(round.seconds);
  into.seconds = Math.min(into.seconds, round.seconds);
  into.peakRssMb = Math.max(into.peakRssMb, round.peakRssMb);
  if (into.maxProgressGapMs !== null && round.maxProgressGapMs !== null) into.maxProgressGapMs = Math.max(into.maxProgressGapMs, round.maxProgressGapMs);
}

/** The table alone, as `npm run bench:jobs` prints it. */
export function renderJobsTable(runs: JobsRun[]): string {
  const lines = [
    '| engine | how | seconds (fastest round; every round) | prospects/s | vs batches | peak RSS | longest gap between progress updates |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const run of runs) {
    const base = run.rows / (run.outcomes.find((o) => o.how === '1,000-batches')?.seconds ?? NaN);
    for (const o of run.outcomes) {
      const rate = run.rows / o.seconds;
      const every = o.rounds.length > 1 ? ` (${o.rounds.map((s) => s.toFixed(1)).join(', ')})` : '';
      lines.push(`| ${run.engine} | ${o.how} | ${o.seconds.toFixed(1)}${every} | ${Math.round(rate).toLocaleString('en-US')} | ${((rate / base) * 100).toFixed(0)}% | ${o.peakRssMb.toFixed(0)} MB | ${o.maxProgressGapMs === null ? '—' : `${(o.maxProgressGapMs / 1000).toFixed(1)} s`} |`);
    }
  }
  return lines.join('\n');
}

export interface JobsContext {
  date: string;
  command: string;
  machine: string;
}

/** The "Import jobs" section of docs/benchmarks.md, complete in itself. */
export function renderJobsMarkdown(runs: JobsRun[], context: JobsContext): string {
  const rows = (runs[0]?.rows ?? 0).toLocaleString('en');
  return [
    JOBS_PLACE.heading.trim(),
    '',
    `Measured ${context.date} by \`${context.command}\` (bench/jobs.ts); ${context.machine}; load average ${runs.map((r) => `${r.loadAtStart} at the start and ${r.loadAtEnd} at the end of ${r.engine}`).join('; ')}.`,
    '',
    `One file of ${rows} new prospects (names, occupation, company) imported three ways, ${roundsText(runs)}, each on a fresh database and a fresh server process: as 1,000-prospect requests to the compatible endpoint sent one after another (a job runs its chunks one after another too, so one connection is the like-for-like comparison), as a JSON Lines job and as a CSV job (\`POST /v1/imports\`, the body streamed from disk; the time runs from the first byte sent to the job's \`completed\`, so it includes staging the upload). Each way's figures are those of its fastest round (the one other people's work on this shared machine disturbed least; every round's time is in brackets); peak RSS is the highest of the rounds, the server's VmHWM; the last column is the longest time between two changes of \`rows.done\` seen by polling the job every 100 ms (progress moves once per committed chunk). Every count is checked after each run.`,
    '',
    renderJobsTable(runs),
    '',
  ].join('\n');
}

function roundsText(runs: JobsRun[]): string {
  const rounds = runs[0]?.outcomes[0]?.rounds.length ?? 1;
  return rounds === 1 ? 'once each' : `${rounds} rounds of the three, one after another`;
}
