import { stringify } from 'csv-stringify/sync';
import type { StagedRow } from '../../engine/import-job-rows.js';
import type { Database } from '../../store/database.js';
import { parseJsonArray } from '../../store/db.js';
import { chunksFrom, listResults } from '../../store/import-jobs.js';
import type { ImportJobRow } from '../../store/schema.js';
import { FAILED_IMPORT_CODES } from './run-chunk.js';

/**
 * The failed-rows file of a job (docs/v1.md#import-jobs): every row that was not imported and could
 * be fixed and sent again, in the input's own columns plus `error`, ready to upload as a new job.
 * A CSV job's rows keep their columns as read; a JSON job's are laid out in the columns the
 * automatic mapping reads back. Written chunk by chunk: never the whole job in memory.
 */

const JSON_COLUMNS = ['url', 'firstName', 'lastName', 'occupation', 'email', 'region', 'company.name', 'company.linkedinUrl', 'company.website', 'customVariables'] as const;
const CHUNKS_PER_READ = 10;

export async function* failedRowsCsv(database: Database, job: ImportJobRow): AsyncGenerator<string> {
  const header = job.columns === null ? null : parseJsonArray(job.columns);
  yield stringify([[...(header ?? JSON_COLUMNS), 'error']]);
  const codes = [...FAILED_IMPORT_CODES];
  for (let chunk = 0; chunk < Number(job.next_chunk); chunk += CHUNKS_PER_READ) {
    const chunks = await chunksFrom(database.db, job.id, chunk, Math.min(CHUNKS_PER_READ, Number(job.next_chunk) - chunk));
    if (chunks.length === 0) return;
    const rows = JSON.parse(`[${chunks.map((c) => c.rows.slice(1, -1)).filter((t) => t !== '').join(',')}]`) as StagedRow[];
    const failed = await listResults(database.db, job.id, { fromRow: rows[0]?.n ?? 0, toRow: rows.at(-1)?.n ?? 0, importCodes: codes, limit: rows.length });
    const byRow = new Map(rows.map((row) => [row.n, row]));
    const lines = failed.map((result) => [...cellsOf(byRow.get(Number(result.row_number)), header), result.message ?? result.import_code]);
    if (lines.length > 0) yield stringify(lines);
  }
}

function cellsOf(row: StagedRow | undefined, header: string[] | null): string[] {
  const width = header?.length ?? JSON_COLUMNS.length;
  if (!row) return new Array<string>(width).fill('');
  if ('r' in row) return header ? header.map((_, i) => row.r[i] ?? '') : row.r;
  if ('t' in row) return [row.t, ...new Array<string>(width - 1).fill('')];
  const value = (row.v ?? {}) as { url?: unknown; customProfile?: Record<string, unknown> | null; customVariables?: unknown };
  const profile = value.customProfile ?? {};
  const company = (profile.company ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
  return [
    text(value.url),
    text(profile.firstName),
    text(profile.lastName),
    text(profile.occupation),
    text(profile.email),
    text(profile.region),
    text(company.name),
    text(company.linkedinUrl),
    text(company.website),
    value.customVariables === undefined || value.customVariables === null ? '' : JSON.stringify(value.customVariables),
  ];
}
