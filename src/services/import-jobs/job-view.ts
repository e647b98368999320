import type { ImportJob } from '../../schemas/import-jobs.js';
import type { ImportJobRow } from '../../store/schema.js';
import { optionsOf } from './job-options.js';

/**
 * A job as the API answers it (docs/v1.md#import-jobs): counters as committed, the rate over the
 * time it has run so far and the time left at that rate.
 */
export function renderJob(row: ImportJobRow, activityIds: readonly string[], now = Date.now()): ImportJob {
  const options = optionsOf(row);
  const done = Number(row.rows_done);
  const total = Number(row.total_rows);
  const started = row.started_at === null ? null : Date.parse(row.started_at);
  const until = row.finished_at === null ? now : Date.parse(row.finished_at);
  const seconds = started === null ? 0 : (until - started) / 1000;
  const rate = done > 0 && seconds > 0 ? Math.round((done / seconds) * 10) / 10 : null;
  const running = row.state === 'running' || row.state === 'queued';
  return {
    id: row.id,
    state: row.state === 'staging' ? 'queued' : row.state,
    format: row.format,
    listId: options.prospectListId,
    campaignId: options.campaignId?.trim() || null,
    origin: options.origin,
    dryRun: options.dryRun ?? false,
    rows: { done, total, failed: Number(row.failed_rows) },
    importCodes: JSON.parse(row.import_codes) as Record<string, number>,
    addToCampaignCodes: JSON.parse(row.campaign_codes) as Record<string, number>,
    rowsPerSecond: rate,
    secondsLeft: running && rate !== null ? Math.round(((total - done) / rate) * 10) / 10 : null,
    error: row.error,
    activityIds: [...activityIds],
    warnings: JSON.parse(row.warnings) as ImportJob['warnings'],
    warningCount: Number(row.warning_count),
    fileName: row.file_name,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
