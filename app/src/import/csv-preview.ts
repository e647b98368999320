import { parse } from 'csv-parse/browser/esm/sync';

// The first rows of a CSV file for the column mapping and its preview, read by a real CSV parser
// (csv-parse, as the server reads the whole file: docs/v1.md#import-jobs). Only the file's head is read:
// the file itself goes to the server whole.

/** How much of the file the preview reads. */
const HEAD_BYTES = 64 * 1024;

export interface CsvHead {
  headers: string[];
  /** The first data rows (all of them when the file is smaller than the head). */
  rows: string[][];
  /** Whether the file goes on after the rows read. */
  more: boolean;
}

/** The header and first rows of a CSV file, or null when it has no header and data row. */
export async function readCsvHead(file: Blob): Promise<CsvHead | null> {
  const more = file.size > HEAD_BYTES;
  let text = await file.slice(0, HEAD_BYTES).text();
  // The head may end inside a line (or a character): keep the lines read whole.
  if (more) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  const records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true }) as string[][];
  const [headers, ...rows] = records;
  if (!headers || rows.length === 0) return null;
  return { headers: headers.map((h) => h.trim()), rows, more };
}
