import { api, apiUpload } from '../api.js';
import type { ImportJob, ImportJobOptions } from '../api-types.js';

// An import job from the browser (docs/v1.md#import-jobs): the file goes whole to POST /v1/imports
// as multipart (the options part first, then the file part), then the job is polled until it ends.

const ENDED = new Set<ImportJob['state']>(['completed', 'completed_with_errors', 'failed', 'canceled', 'reverted']);
const POLL_MS = 1000;

export const hasEnded = (job: ImportJob) => ENDED.has(job.state);

/** Uploads the file as a job; answers the job as queued (202). */
export function startImportJob(file: File, options: ImportJobOptions): Promise<ImportJob> {
  const form = new FormData();
  form.append('options', JSON.stringify(options));
  form.append('file', file, file.name);
  return apiUpload<ImportJob>('/v1/imports', form);
}

/** Reads the job every second, telling each reading, until it ends (or the signal aborts). */
export async function watchImportJob(job: ImportJob, onJob: (job: ImportJob) => void, signal: AbortSignal): Promise<ImportJob> {
  let current = job;
  while (!hasEnded(current)) {
    await new Promise((done) => setTimeout(done, POLL_MS));
    if (signal.aborted) break;
    try {
      current = await api<ImportJob>(`/v1/imports/${current.id}`, { signal });
    } catch (error) {
      // Nobody waits for this job any more (a stale dry run, the page left): not a problem to show.
      if (signal.aborted) break;
      throw error;
    }
    if (!signal.aborted) onJob(current);
  }
  return current;
}
