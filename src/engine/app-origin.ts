import { originLabel } from './origin.js';

/** The origin name of the web app's CSV imports, and their label. */
export const CSV_ORIGIN = 'CSV';

/**
 * The label of a prospect's origin in the app's tables. Prospect rows keep only the origin name, so a
 * row created by the app's CSV import shows "CSV"; the activity feed, which knows the key (none for
 * the app), keeps docs/api.md#origin-and-activity exactly (an API origin literally named "CSV" shows there as "API-CSV").
 */
export function prospectOriginLabel(name: string): string {
  return name === CSV_ORIGIN ? CSV_ORIGIN : originLabel(name);
}
