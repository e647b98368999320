import type { ImportJob } from '../schemas/import-jobs.js';

/** How the CLI shows a job's progress: a bar redrawn in place on a terminal, plain lines otherwise (logs, CI). */

const WIDTH = 24;

function seconds(value: number | null): string {
  if (value === null) return '…';
  if (value < 60) return `${Math.ceil(value)} s`;
  return `${Math.floor(value / 60)} min ${Math.ceil(value % 60)} s`;
}

const number = (n: number) => n.toLocaleString('en-US');

/** One frame of the bar: `[#####-----]  45%  45,000/100,000 rows  5,200 rows/s  11 s left`. */
export function progressBar(job: ImportJob): string {
  const { done, total } = job.rows;
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${number(done)}/${number(total)} rows  ${job.rowsPerSecond === null ? '…' : number(Math.round(job.rowsPerSecond))} rows/s  ${seconds(job.secondsLeft)} left`;
}

/** One plain line: `import 6b08…: 45000/100000 rows, 5200 rows/s, 11 s left`. */
export function progressLine(job: ImportJob): string {
  return `import ${job.id}: ${job.state}, ${job.rows.done}/${job.rows.total} rows, ${job.rowsPerSecond === null ? '…' : Math.round(job.rowsPerSecond)} rows/s, ${seconds(job.secondsLeft)} left`;
}

/** The summary's warnings (docs/v1.md#import-jobs): the first few unknown fields with their row, then how many more. */
const WARNINGS_SHOWN = 10;

function warningLines(job: ImportJob): string[] {
  if (job.warningCount === 0) return [];
  const shown = job.warnings.slice(0, WARNINGS_SHOWN);
  const lines = [`warnings (${number(job.warningCount)}):`, ...shown.map((w) => `  row ${number(w.row)} ${w.path}: ${w.message}`)];
  const unlisted = job.warningCount - shown.length;
  // The job keeps the first 100 (--json prints them); beyond, only their count.
  if (unlisted > 0) lines.push(`  … and ${number(unlisted)} more${job.warnings.length > shown.length ? ' (--json lists the first 100)' : ''}`);
  return lines;
}

/** The summary printed at the end: the state, the rows, each code with its count, the warnings, and where the failed rows went. */
export function importSummary(job: ImportJob & { failedRowsFile: string | null }): string {
  const elapsed = job.startedAt && job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000 : null;
  const lines = [
    `import job ${job.id} ${job.state}${job.dryRun ? ' (dry run: nothing written)' : ''}: ${number(job.rows.done)} of ${number(job.rows.total)} rows${elapsed === null ? '' : ` in ${elapsed.toFixed(1)} s`}${job.rowsPerSecond === null ? '' : ` (${number(Math.round(job.rowsPerSecond))} rows/s)`}`,
    ...Object.entries(job.importCodes).map(([code, n]) => `  ${code}: ${number(n)}`),
    ...Object.entries(job.addToCampaignCodes).map(([code, n]) => `  campaign ${code}: ${number(n)}`),
  ];
  lines.push(...warningLines(job));
  if (job.error) lines.push(`error: ${job.error}`);
  lines.push(job.failedRowsFile ? `failed rows (${number(job.rows.failed)}), fix and import again: ${job.failedRowsFile}` : 'no failed rows');
  return lines.join('\n');
}

/** Draws progress on `out`: the bar in place at most every `everyMs`, or a plain line at most every `everyMs`. */
export function progressPrinter(out: NodeJS.WritableStream, mode: 'bar' | 'lines', everyMs: number): { update(job: ImportJob): void; done(job: ImportJob): void } {
  let last = 0;
  const draw = (job: ImportJob) => out.write(mode === 'bar' ? `\r${progressBar(job)}` : `${progressLine(job)}\n`);
  return {
    update(job) {
      if (Date.now() - last < everyMs) return;
      last = Date.now();
      draw(job);
    },
    done(job) {
      draw(job);
      if (mode === 'bar') out.write('\n');
    },
  };
}
