import type { ImportRequest } from '../../schemas/import.js';
import type { ImportJobOptions } from '../../schemas/import-jobs.js';
import type { ImportJobRow } from '../../store/schema.js';

/** The origin name of a job whose options name none. */
export const DEFAULT_JOB_ORIGIN = 'import-job';

/** A job's options as stored (import_jobs.options), checked when the job was created. */
export interface StoredJobOptions extends Omit<ImportJobOptions, 'origin'> {
  /** The origin name as checked (trimmed). */
  origin: string;
}

export function optionsOf(job: Pick<ImportJobRow, 'options'>): StoredJobOptions {
  return JSON.parse(job.options) as StoredJobOptions;
}

/** The compatible endpoint's request a chunk of the job stands for, with the chunk's prospects. */
export function chunkRequest(options: StoredJobOptions, prospects: ImportRequest['prospects']): ImportRequest {
  return {
    prospects,
    prospectListId: options.prospectListId,
    origin: { name: options.origin },
    campaignId: options.campaignId ?? null,
    canCreateDuplicates: options.canCreateDuplicates ?? false,
    moveDuplicatesToOtherList: options.moveDuplicatesToOtherList ?? false,
    shouldOverwriteCustomProfileData: options.shouldOverwriteCustomProfileData ?? false,
    addExistingProspectInCampaign: options.addExistingProspectInCampaign ?? false,
    addDuplicateProspectsToCampaign: options.addDuplicateProspectsToCampaign ?? false,
  };
}
