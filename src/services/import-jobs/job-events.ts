import type { NewEvent } from '../../store/events.js';
import type { CodeCounts } from '../../store/import-jobs.js';
import type { ImportJobRow } from '../../store/schema.js';
import { optionsOf } from './job-options.js';

/**
 * The event that tells subscribers a job ended (docs/webhooks.md#events): import.completed (the job
 * as one import: its chunks record no import.completed of their own), import.failed or
 * import.canceled. None for a dry run, which changed nothing.
 */
export function endEvent(job: ImportJobRow, error: string | null): NewEvent | null {
  const options = optionsOf(job);
  if (options.dryRun) return null;
  const importCodes = JSON.parse(job.import_codes) as CodeCounts;
  const addToCampaignCodes = JSON.parse(job.campaign_codes) as CodeCounts;
  const common = { jobId: job.id, listId: options.prospectListId, rowsDone: Number(job.rows_done), rowsTotal: Number(job.total_rows), importCodes, addToCampaignCodes };
  if (job.state === 'failed') return { type: 'import.failed', data: { ...common, error: error ?? 'the job failed' } };
  if (job.state === 'canceled') return { type: 'import.canceled', data: common };
  return {
    type: 'import.completed',
    data: {
      activityId: null,
      jobId: job.id,
      listId: options.prospectListId,
      campaignId: options.campaignId?.trim() || null,
      origin: options.origin,
      prospectCount: Number(job.rows_done),
      importCodes,
      addToCampaignCodes,
    },
  };
}
