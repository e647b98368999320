import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import { STAGED_TEXT_MAX, type StagedRow } from '../../engine/import-job-rows.js';

/**
 * Reads an upload as it streams in (docs/v1.md#import-jobs), never holding it whole: CSV through
 * csv-parse's streaming parser, JSON Lines line by line. Each piece of the body is parsed at once
 * and its rows handed to `sink` in input order; a line that cannot be parsed is a row of its own
 * with the reason. The caller stages the rows (stage-upload.ts) while the next piece waits.
 */

export interface RowSink {
  /** The CSV header, before any row. */
  header(columns: string[]): void;
  row(row: StagedRow): void;
  /** Called after every piece of the body: stage what has piled up (backpressure on the upload). */
  drain(): Promise<void>;
}

/** Counts the bytes of a body as it passes, refusing one over `maxBytes`. */
export async function* counted(source: AsyncIterable<Buffer | string>, maxBytes: number, tooLarge: () => Error): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const piece of source) {
    const buffer = typeof piece === 'string' ? Buffer.from(piece) : piece;
    bytes += buffer.length;
    if (bytes > maxBytes) throw tooLarge();
    yield buffer;
  }
}

// A field longer than this is a broken line (an unclosed quote would otherwise take the rest of the file into memory).
const MAX_RECORD_BYTES = 1024 * 1024;

export async function readCsv(source: AsyncIterable<Buffer>, sink: RowSink): Promise<void> {
  let n = 0;
  let headerSeen = false;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    raw: true,
    // With raw: true a record comes as {record, raw} (raw only matters for a skipped line).
    on_record: (output: unknown) => {
      const { record } = output as { record: string[] };
      if (!headerSeen) {
        headerSeen = true;
        sink.header(record.map((name) => name.trim()));
      } else {
        sink.row({ n: ++n, r: record });
      }
      return null;
    },
    on_skip: (error: Error | undefined, raw: unknown) => {
      if (!headerSeen) return;
      const text = typeof raw === 'string' ? raw.slice(0, STAGED_TEXT_MAX) : '';
      sink.row({ n: ++n, t: text, e: `unreadable CSV line: ${error?.message ?? 'parse error'}` });
    },
  });
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  parser.resume();
  // csv-parse parses each write synchronously (its callbacks above run before write returns).
  for await (const piece of source) {
    parser.write(piece);
    await sink.drain();
  }
  parser.end();
  await ended;
  if (!headerSeen) sink.header([]);
  await sink.drain();
}

export async function readJsonLines(source: AsyncIterable<Buffer>, sink: RowSink): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let n = 0;
  const line = (text: string) => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    n++;
    try {
      sink.row({ n, v: JSON.parse(trimmed) as unknown });
    } catch (error) {
      sink.row({ n, t: trimmed.slice(0, STAGED_TEXT_MAX), e: `unreadable JSON line: ${(error as Error).message}` });
    }
  };
  for await (const piece of source) {
    pending += decoder.write(piece);
    let at = pending.indexOf('\n');
    while (at >= 0) {
      line(pending.slice(0, at));
      pending = pending.slice(at + 1);
      at = pending.indexOf('\n');
    }
    // A line longer than any row could be is a broken one: keep only its head.
    if (pending.length > MAX_RECORD_BYTES) pending = pending.slice(0, MAX_RECORD_BYTES);
    await sink.drain();
  }
  line(pending + decoder.end());
  await sink.drain();
}
