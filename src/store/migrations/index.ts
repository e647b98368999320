import type { Migration } from 'kysely';
import * as initial from './2026-11-27-001-initial.js';
import * as appSessions from './2026-11-27-002-app-sessions.js';
import * as prospectMoves from './2026-11-27-003-prospect-moves.js';
import * as identityIndexes from './2026-11-27-004-identity-indexes.js';
import * as keyScopes from './2026-12-02-001-key-scopes.js';
import * as prospectQueries from './2026-12-02-002-prospect-queries.js';
import * as privacy from './2026-12-02-004-privacy.js';
import * as eventsWebhooks from './2026-12-02-005-events-webhooks.js';
import * as importJobs from './2026-12-03-010-import-jobs.js';
import * as importJournal from './2026-12-03-020-import-journal.js';
import * as campaignExecutors from './2026-12-03-030-campaign-executors.js';
import * as sqliteSearchIndex from './2026-12-03-040-sqlite-search-index.js';
import * as searchFoldsLetters from './2026-12-03-041-search-folds-letters.js';
import * as savedViews from './2026-12-03-050-saved-views.js';
import * as enrolmentsByProspect from './2026-12-03-051-enrolments-by-prospect.js';
import * as tagsNotes from './2026-12-03-060-tags-notes.js';
import * as userLanguage from './2026-12-03-070-user-language.js';
import * as importJobWarnings from './2026-12-03-095-import-job-warnings.js';
import * as importJobFileName from './2026-12-04-101-import-job-file-name.js';

/** Every migration, by its date-prefixed name. Listed statically so the compiled build and tsx agree. */
export const migrations: Record<string, Migration> = {
  '2026-11-27-001-initial': initial,
  '2026-11-27-002-app-sessions': appSessions,
  '2026-11-27-003-prospect-moves': prospectMoves,
  '2026-11-27-004-identity-indexes': identityIndexes,
  '2026-12-02-001-key-scopes': keyScopes,
  '2026-12-02-002-prospect-queries': prospectQueries,
  '2026-12-02-004-privacy': privacy,
  '2026-12-02-005-events-webhooks': eventsWebhooks,
  '2026-12-03-010-import-jobs': importJobs,
  '2026-12-03-020-import-journal': importJournal,
  '2026-12-03-030-campaign-executors': campaignExecutors,
  '2026-12-03-040-sqlite-search-index': sqliteSearchIndex,
  '2026-12-03-041-search-folds-letters': searchFoldsLetters,
  '2026-12-03-050-saved-views': savedViews,
  '2026-12-03-051-enrolments-by-prospect': enrolmentsByProspect,
  '2026-12-03-060-tags-notes': tagsNotes,
  '2026-12-03-070-user-language': userLanguage,
  '2026-12-03-095-import-job-warnings': importJobWarnings,
  '2026-12-04-101-import-job-file-name': importJobFileName,
};
