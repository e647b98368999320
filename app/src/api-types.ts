// The shapes of /v1/ as the server declares them (src/schemas, TypeBox): the app imports their types
// instead of re-declaring them, so a changed answer fails `npm run typecheck`. Type-only: erased from
// the bundle, no server code ships to the browser.

export type { ActivityItem, ActivityPage, ImportsByDay, OutcomePage } from '../../src/schemas/app-activity.js';
export type { ProspectDetail } from '../../src/schemas/app-prospects.js';
export type { BulkAnswer, BulkRequest, ProspectChanges, ProspectCount, ProspectFilter, ProspectItem as ProspectRow, ProspectItemPage } from '../../src/schemas/prospects.js';
export type { Note, NotePage, ProspectTags, ProspectTagsChange, TagItem } from '../../src/schemas/tags.js';
export type { SavedView, TableSettings } from '../../src/schemas/views.js';
export type {
  AppCampaign as Campaign,
  AppKey as ApiKey,
  AppList as List,
  CampaignStateChange,
  CreatedKeyAnswer,
  EnrolmentPage,
  ListPage,
  ListChanges,
  NewCampaignRequest,
  NewKeyRequest,
  NewListRequest,
} from '../../src/schemas/app-resources.js';
export type { DoNotContactLists, ErasureAnswer, ProspectDoNotContact } from '../../src/schemas/privacy.js';
export type { SessionAnswer as Session, SignInRequest } from '../../src/schemas/app-session.js';
export type { AccountAnswer as Account, AccountChanges, Language, PasswordChange, PasswordChanged, TeamMemberPage } from '../../src/schemas/account.js';
export type { ProspectInput } from '../../src/schemas/import.js';
export type { ImportJob, ImportJobOptions, ImportJobResult } from '../../src/schemas/import-jobs.js';
export type { JobUndoAnswer } from '../../src/schemas/undo.js';
export type { Scope } from '../../src/schemas/scopes.js';
export type { CampaignStats, EnrolmentDetail, StepType } from '../../src/schemas/campaign-executors.js';
export type { FieldError, ProblemCode } from '../../src/problems.js';
export type { CampaignChanges, Enrolment } from '../../src/schemas/app-resources.js';
export type { EventType } from '../../src/schemas/events.js';
export type {
  NewWebhookEndpoint,
  ReplayAnswer,
  ReplayRequest,
  TestAnswer,
  WebhookAttempt,
  WebhookAttemptPage,
  WebhookEndpoint,
  WebhookEndpointChanges,
  WebhookSecretAnswer,
} from '../../src/schemas/webhooks.js';
export type { UndoAnswer } from '../../src/schemas/undo.js';
