import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/store/database.js';
import { postgresReachable } from './database.js';
import { renderJobsTable, runImportJobs } from './jobs.js';
import { describeMachine } from './machine.js';
import { ROOT } from './server.js';

/**
 * `npm run bench:jobs -- --rows 1000000`: the import-jobs figures alone (bench/jobs.ts), printed as a
 * Markdown table. `npm run bench -- --only jobs --rows N` measures the same and replaces its section
 * of docs/benchmarks.md.
 *   --rows N        rows of the file (default 100000)
 *   --rounds N      times each way runs, interleaved; the fastest round is reported (default 2)
 *   --engines a,b   sqlite and/or postgres (default: both when PostgreSQL answers)
 *   --no-build      skip `npm run build`
 */

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '2' }, engines: { type: 'string' }, 'no-build': { type: 'boolean', default: false } } });
const rows = Number(values.rows);
const log = (line: string) => process.stderr.write(line + '\n');

if (!values['no-build']) {
  log('building dist/ …');
  if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
}
const engines: Engine[] = values.engines ? (values.engines.split(',') as Engine[]) : ['sqlite', ...((await postgresReachable()) ? (['postgres'] as const) : [])];
const machine = await describeMachine(engines.includes('postgres'));
const runs = await runImportJobs(engines, rows, log, Number(values.rounds));
process.stdout.write(
  `${rows.toLocaleString('en-US')} rows, ${machine.date}, ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, commit ${machine.commit}, load at start ${machine.loadAtStart}\n\n${renderJobsTable(runs)}\n`,
);
