import { count } from '../../format.js';

// The CSV import screen's words, in one place (docs/app.md#import).

export const IMPORT_TEXT = {
  title: 'Import a CSV file',
  fileLabel: 'CSV file (first line: column names; one column with LinkedIn profile URLs)',
  noData: 'The file has no data rows: the first line must name the columns, the next ones hold one prospect each.',
  fileSummary: (name: string, rows: number, more: boolean, columns: number) =>
    more ? `${name}: ${columns} columns; the preview reads its first ${count(rows)} rows, the import reads them all.` : `${name}: ${count(rows)} rows, ${columns} columns.`,
  dryRun: 'Preview outcome (dry run)',
  importFile: (name: string) => `Import ${name}`,
  needList: 'Choose the list to import into.',
  needUrl: 'Map a column to LinkedIn URL: it is what identifies each prospect.',
  checking: 'Checking',
  importing: 'Importing',
  queued: 'Waiting for the server to start…',
  progress: (label: string, done: number, total: number) => `${label}: ${count(done)} of ${count(total)} rows`,
  secondsLeft: (seconds: number) => `about ${count(Math.ceil(seconds))} s left`,
  dryRunTitle: 'Dry run: what the import would do (nothing was written)',
  resultTitle: {
    running: 'Importing',
    queued: 'Importing',
    completed: 'Imported',
    completed_with_errors: 'Imported, some rows failed',
    failed: 'The import stopped',
    canceled: 'The import was canceled',
    reverted: 'Imported, then undone',
  },
  rowsDone: (done: number, failed: number) => `${count(done)} rows read, ${count(failed)} failed.`,
  importCodes: 'Outcomes:',
  campaignCodes: 'Campaign:',
  failedRows: (n: number) => `Download the ${count(n)} failed rows (CSV, with the reason in an error column)`,
  failedRowsHint: 'Fix them and import that file again.',
  feed: 'See it in the',
  activity: 'activity feed',
  orOpen: 'or open',
  theList: 'the list',
  undo: 'Undo this import',
  undoTitle: 'Undo this import?',
  undoConfirm: 'Undo import',
  undoCounts: (c: { removed: number; movedBack: number; restored: number; unenrolled: number; notUndone: number }) =>
    `${count(c.removed)} prospects removed, ${count(c.movedBack)} moved back to their former list, ${count(c.restored)} restored to their former data, ${count(c.unenrolled)} unenrolled; ${count(c.notUndone)} changed since and kept.`,
  undone: 'This import was undone.',
  another: 'Import another file',
} as const;
