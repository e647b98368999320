import type { Engine } from '../src/store/database.js';
import type { Machine } from './machine.js';
import { MAX_CONNECTIONS, OFFERED_SHARE, type ReadResult, type ReadsRun } from './reads.js';
import type { Sizes } from './scenarios.js';
import { spliceSection, type SectionPlace } from './sections.js';

/** The "/v1 reads" section of docs/benchmarks.md: complete in itself, so a reads-only run can replace just it. */

export const READS_HEADING = '## /v1 reads at ';

const ENGINE_NAME: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const int = (n: number | null | undefined) => (n !== null && n !== undefined && Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '—');
const ms = (n: number | null | undefined) => (n !== null && n !== undefined && Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '—');

type Verdict = 'met' | 'NOT MET' | 'not measured' | 'reference';

function verdictOf(result: ReadResult | undefined): Verdict {
  if (!result || result.skipped || !result.fixed) return 'not measured';
  if (result.scenario.targetP99 === null) return 'reference';
  return result.problems.length === 0 && result.fixed.p99 <= result.scenario.targetP99 ? 'met' : 'NOT MET';
}

function table(headers: string[], rows: string[][]): string {
  return [`| ${headers.join(' | ')} |`, `|${headers.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function measuredCell(result: ReadResult | undefined): string {
  if (!result) return '—';
  if (result.skipped || !result.fixed) return `not measured (${result.skipped ?? 'no figures'})`;
  const f = result.fixed;
  const floor = result.floor ? `; floor ${ms(result.floor.p99)} ms (${result.floor.stages} round trips)` : '';
  return `p99 ${ms(f.p99)} ms (p50 ${ms(f.p50)}) at ${int(f.achieved)} req/s${floor}${result.problems.length ? `; ${result.problems.join('; ')}` : ''}`;
}

function resultRows(run: ReadsRun): string[][] {
  return run.results.map((r) => [
    r.scenario.id,
    int(r.max?.achieved),
    ms(r.max?.p99),
    int(r.fixed?.offered),
    int(r.fixed?.achieved),
    int(r.fixed?.requests),
    ms(r.fixed?.p50),
    ms(r.fixed?.p99),
    ms(r.fixed?.lateP99),
    r.floor ? `${r.floor.stages}: p50 ${ms(r.floor.p50)}, p99 ${ms(r.floor.p99)}` : '—',
    r.scenario.targetP99 === null ? '—' : `≤ ${r.scenario.targetP99}`,
    r.skipped ? `not measured: ${r.skipped}` : r.problems.length ? `${verdictOf(r)}: ${r.problems.join('; ')}` : verdictOf(r),
  ]);
}

const RESULT_HEADERS = ['read', `max req/s (${MAX_CONNECTIONS} conn.)`, 'max p99 ms', 'offered req/s', 'achieved req/s', 'requests', 'p50 ms', 'p99 ms', 'sends late p99 ms', 'floor: round trips, ms', 'target p99 ms', 'verdict'];

export interface ReadsReport {
  machine: Machine;
  command: string;
  sizes: Sizes;
  runs: ReadsRun[];
  /** The app's table at a smaller CRM (bench/read-scenarios.ts APP_SCENARIOS), ending with a bulk move of all. */
  appRuns: ReadsRun[];
}

function targetTable(runs: ReadsRun[]): string {
  const find = (engine: Engine, id: string) => runs.find((r) => r.engine === engine)?.results.find((r) => r.scenario.id === id);
  const targeted = (runs[0]?.results ?? []).filter((r) => r.scenario.targetP99 !== null);
  return table(
    ['target', ...runs.map((r) => ENGINE_NAME[r.engine]), 'verdict'],
    targeted.map((t) => {
      const verdicts = runs.map((r) => verdictOf(find(r.engine, t.scenario.id)));
      const overall = verdicts.includes('NOT MET') ? 'NOT MET' : verdicts.includes('not measured') ? 'not measured' : 'met';
      return [`${t.scenario.title}: p99 ≤ ${t.scenario.targetP99} ms`, ...runs.map((r) => measuredCell(find(r.engine, t.scenario.id))), overall];
    }),
  );
}

function seeded(run: ReadsRun): string {
  const indexed = run.searchIndexSeconds === null ? '' : `, search index caught up in ${run.searchIndexSeconds.toFixed(0)} s`;
  return `${ENGINE_NAME[run.engine]} (seeded in ${run.seedSeconds.toFixed(0)} s${indexed}; server peak RSS ${run.peakRssMb.toFixed(0)} MB):`;
}

function appSection(report: ReadsReport): string[] {
  const runs = report.appRuns;
  if (runs.length === 0) return [];
  const size = runs[0]!.crmSize.toLocaleString('en');
  const out = [
    `### The app's table at ${size} prospects`,
    '',
    `The same method on a CRM of ${size} (seeded alike): a filtered page, and a search by slug or URL with accents ignored, should answer within 150 ms; then one \`POST /v1/prospects/bulk\` moves every prospect into one list, timed from the request to the answer, its counts checked against the seed and the lists' counts read back.`,
    '',
    targetTable(runs),
    '',
    table(
      ['bulk move of all', ...runs.map((r) => ENGINE_NAME[r.engine])],
      [
        ['time', ...runs.map((r) => (r.bulk ? `${int(r.bulk.ms)} ms` : '—'))],
        ['selected', ...runs.map((r) => int(r.bulk?.selected))],
        ['counts', ...runs.map((r) => (r.bulk ? Object.entries(r.bulk.counts).map(([k, v]) => `${k} ${int(v)}`).join(', ') : '—'))],
        ['exact', ...runs.map((r) => (!r.bulk ? '—' : r.bulk.problems.length === 0 ? 'yes' : `NO: ${r.bulk.problems.join('; ')}`))],
      ],
    ),
    '',
  ];
  for (const run of runs) out.push(seeded(run), '', table(RESULT_HEADERS, resultRows(run)), '');
  return out;
}

export function renderReadsMarkdown(report: ReadsReport): string {
  const { runs, machine: m } = report;
  const size = runs[0]?.crmSize ?? report.sizes.readCrmSize;
  const all = [...runs, ...report.appRuns];
  const out = [
    `${READS_HEADING}${size.toLocaleString('en')} prospects`,
    '',
    `Measured ${m.date} on commit ${m.commit} by \`${report.command}\`; ${m.cores} cores shared with other work: load average ${all.map((r) => `${r.loadAtStart} at the start and ${r.loadAtEnd} at the end of the ${ENGINE_NAME[r.engine]} reads at ${r.crmSize.toLocaleString('en')}`).join('; ')}.`,
    '',
    `One user's CRM of ${size.toLocaleString('en')} prospects (bench/read-crm.ts): seven lists of 40, 20, 15, 10, 7, 5 and 3%, every other prospect with an e-mail, names and companies with accents, 90% identified by a public identifier (a tenth of them with accents) and 10% by a member id; seeded through SQL with the migrations' own indexes, SQLite's search index then caught up by its indexer through the store, then one server process per engine (RATE_LIMIT=off, an API key with the read and write scopes). For each read: a ${report.sizes.readWarmupSeconds} s warm-up; the most it takes, a closed loop of ${MAX_CONNECTIONS} connections for ${report.sizes.readMaxSeconds} s ("max"); then the latency at a fixed offered rate of ${OFFERED_SHARE * 100}% of that max, measured in the same run for the same read, sent as an open loop (evenly spaced requests that do not wait for earlier answers; bench/read-load.ts) for ${report.sizes.readSeconds} s after a 1 s lead-in. Latency is from the write of a request to the last byte of its answer; "sends late" is how far the generator slipped behind its schedule (it shares the two cores). The targets are read at the fixed rate. On PostgreSQL, "floor" is what the read's round trips alone cost here: as many trivial statements one after another as the server waits for in that read (the API key's look-up included; bench/read-floor.ts), from a bare pg pool of the server's size at the same offered rate, right after the read: no read of that design can have a lower p99 on this machine.`,
    '',
    targetTable(runs),
    '',
  ];
  for (const run of runs) out.push(seeded(run), '', table(RESULT_HEADERS, resultRows(run)), '');
  out.push('What each read asks: ' + (runs[0]?.results ?? []).map((r) => `**${r.scenario.id}**: ${r.scenario.title}`).join('; ') + '. The queries and their plans: see "/v1 reads: queries and plans" below.', '');
  out.push(...appSection(report));
  return out.join('\n');
}

export function renderReadsConsole(runs: ReadsRun[]): string {
  const widthed = (rows: string[][]) => {
    const all = [RESULT_HEADERS, ...rows];
    const widths = RESULT_HEADERS.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
    return all.map((r) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
  };
  return runs.map((run) => `\n== /v1 reads, ${run.engine}, ${run.crmSize.toLocaleString('en')} prospects ==\n${widthed(resultRows(run))}`).join('\n');
}

/**
 * docs/benchmarks.md with its reads section replaced by `section` (or put before "## HTTP ceiling"
 * when it has none) and its notes by the current bench/notes.md; the rest stays as it was.
 */
export const READS_PLACE: SectionPlace = { heading: READS_HEADING, before: '## HTTP ceiling' };
export const spliceReads = (document: string, section: string, notes: string): string => spliceSection(document, READS_PLACE, section, notes);
