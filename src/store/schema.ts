import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types shared by every query. Portable column types only (text, integer) so one set of
 * migrations runs on SQLite and PostgreSQL: booleans are 0/1 integers, timestamps ISO-8601 UTC text
 * (sorts as it reads), structured profile data JSON text.
 */
export interface Schema {
  plans: PlansTable;
  teams: TeamsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  prospect_lists: ProspectListsTable;
  campaigns: CampaignsTable;
  prospects: ProspectsTable;
  enrolments: EnrolmentsTable;
  enrolment_steps: EnrolmentStepsTable;
  activity_events: ActivityEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  prospect_moves: ProspectMovesTable;
  sessions: SessionsTable;
  events: EventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_messages: WebhookMessagesTable;
  webhook_attempts: WebhookAttemptsTable;
  installation_settings: InstallationSettingsTable;
  erased_identities: ErasedIdentitiesTable;
  audit_log: AuditLogTable;
  tags: TagsTable;
  prospect_tags: ProspectTagsTable;
  prospect_notes: ProspectNotesTable;
  saved_views: SavedViewsTable;
  import_jobs: ImportJobsTable;
  import_job_chunks: ImportJobChunksTable;
  import_job_results: ImportJobResultsTable;
}

export interface PlansTable {
  id: string;
  name: string;
  api_access: number;
  crm_limit: number;
  /** JSON array of permission names, e.g. ["import_duplicates"]. */
  permissions: string;
  rate_limit_per_minute: number;
}

export interface TeamsTable {
  id: string;
  name: string;
  dedup_enabled: number;
  /** PostgreSQL: bumped to serialise the team's imports when deduplication is on (lockCrm in users.ts). Unused on SQLite. */
  lock_seq: Generated<number>;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  plan_id: string;
  team_id: string | null;
  /** JSON array of extra permissions granted on top of the plan's, or null. */
  permissions: string | null;
  /** Per-user CRM limit overriding the plan's, or null. */
  crm_limit: number | null;
  password_hash: string | null;
  /** The web app's language for this user, "en" or "fr" (migration 2026-12-03-070). */
  language: Generated<string>;
  /** Exact count of the user's prospects, maintained in the same transaction as every change. */
  prospect_count: Generated<number>;
  /**
   * PostgreSQL: bumped as the first write of every import, the per-CRM lock (lockCrm in users.ts).
   * Unused on SQLite, where the database's single writer already serialises imports.
   */
  lock_seq: Generated<number>;
  /** The position of the user's last event (store/events.ts): bumped by each transaction that records events. */
  event_seq: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  /** First characters of the secret, for people to recognise a key; never enough to use it. */
  prefix: string;
  /** SHA-256 of the whole secret, hex. The secret itself is never stored. */
  hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** JSON array of scope names; NULL for keys made before scopes, which keep the import scope only. */
  scopes: string | null;
}

export interface ProspectListsTable {
  id: string;
  user_id: string;
  name: string;
  icon_color: string;
  icon_label: string;
  total_prospects: Generated<number>;
  /** 1: no prospect of this list is enrolled in a campaign (docs/v1.md#privacy-erasure-do-not-contact-access). */
  do_not_contact: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type CampaignState = 'draft' | 'running' | 'paused' | 'archived';

export interface CampaignsTable {
  id: string;
  user_id: string;
  name: string;
  state: CampaignState;
  requires_email: number;
  /** The webhook endpoint each enrolment is handed to (docs/webhooks.md#executors); null: none. */
  executor_endpoint_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProspectsTable {
  id: string;
  user_id: string;
  list_id: string;
  /** Exactly one of the three identities is set (docs/api.md#linkedin-urls). */
  public_identifier: string | null;
  member_id: string | null;
  sales_member_id: string | null;
  linkedin_url: string;
  /** The whole customProfile, JSON. The columns below copy a few of its fields for search and sort. */
  profile: string;
  first_name: string | null;
  last_name: string | null;
  occupation: string | null;
  email: string | null;
  company_name: string | null;
  /** JSON array of {label, value}. */
  custom_variables: string;
  origin: string;
  /** Set on a permitted duplicate copy: the prospect it copies. Copies are outside the unique indexes. */
  duplicate_of: string | null;
  /** 1: never enrolled in a campaign (docs/v1.md#privacy-erasure-do-not-contact-access). */
  do_not_contact: Generated<number>;
  created_at: string;
  updated_at: string;
  /** Names, company, public identifier and URL, normalized for text search (src/store/prospect-search.ts). */
  search_text: Generated<string>;
}

export interface EnrolmentsTable {
  id: string;
  user_id: string;
  prospect_id: string;
  campaign_id: string;
  /** 1 while the prospect travels this campaign; a prospect has at most one active enrolment. */
  active: number;
  /** The furthest step the executor reported: 0 enrolled, 1 contacted, 2 connected, 3 replied (src/engine/enrolment-steps.ts). */
  stage: Generated<number>;
  /** The step that ended it (replied, finished, failed); null while active or when ended otherwise. */
  outcome: string | null;
  created_at: string;
  updated_at: string;
}

export interface EnrolmentStepsTable {
  id: string;
  user_id: string;
  enrolment_id: string;
  type: string;
  note: string | null;
  occurred_at: string;
  created_at: string;
}

export interface ActivityEventsTable {
  id: string;
  user_id: string;
  api_key_id: string | null;
  origin: string;
  origin_label: string;
  integration_origin: string | null;
  list_id: string;
  campaign_id: string | null;
  prospect_count: number;
  /** JSON {importCodes: {code: n}, addToCampaignCodes: {code: n}}. */
  counts: string;
  /** JSON array of per-prospect outcomes [{url, importCode, addToCampaignCode, prospectId, message}]. */
  outcomes: string;
  created_at: string;
  /**
   * What the import did, for its undo (store/import-journal.ts): JSON, null once undone or past the
   * undo window.
   */
  journal: Generated<string | null>;
  /** When the import was undone (services/undo-import.ts); null while it stands. */
  reverted_at: Generated<string | null>;
  /** What its undo did: JSON counts (UndoCounts in schemas/undo.ts); null while it stands. */
  undo: Generated<string | null>;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  /** null while the first request is in flight. */
  status_code: number | null;
  response_body: string | null;
  created_at: string;
  expires_at: string;
}

/** A web-app session (migration 2026-11-27-002): id is the SHA-256 of the cookie's token. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

/** A saved view of the prospect table (docs/v1.md#saved-views). */
export interface SavedViewsTable {
  id: string;
  user_id: string;
  name: string;
  /** JSON: the /v1/prospects filters, as a bulk action's `filter`. */
  filter: string;
  /** JSON: the table's choices, {columns?, pageSize?}. */
  table_settings: string;
  created_at: string;
  updated_at: string;
}

export type SavedViewRow = Selectable<SavedViewsTable>;
export type PlanRow = Selectable<PlansTable>;
export type TeamRow = Selectable<TeamsTable>;
export type UserRow = Selectable<UsersTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type ProspectListRow = Selectable<ProspectListsTable>;
export type CampaignRow = Selectable<CampaignsTable>;
export type ProspectRow = Selectable<ProspectsTable>;
export type NewProspectRow = Insertable<ProspectsTable>;
export type EnrolmentRow = Selectable<EnrolmentsTable>;
export type ActivityEventRow = Selectable<ActivityEventsTable>;
export type NewActivityEventRow = Insertable<ActivityEventsTable>;

/** A move made in the web app, for the prospect's history. */
export interface ProspectMovesTable {
  id: string;
  user_id: string;
  prospect_id: string;
  from_list_id: string;
  to_list_id: string;
  created_at: string;
}

/** The events outbox (migration 2026-12-02-005, docs/webhooks.md): written in the transaction of the change. */
export interface EventsTable {
  id: string;
  user_id: string;
  /** Per-user, in commit order (store/events.ts). */
  position: number;
  type: string;
  /** JSON. */
  data: string;
  created_at: string;
}

export interface WebhookEndpointsTable {
  id: string;
  user_id: string;
  url: string;
  description: string;
  /** JSON array of event types. */
  event_types: string;
  enabled: number;
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: string | null;
  /** The last event position fanned out to this endpoint. */
  event_position: number;
  failing_since: string | null;
  created_at: string;
  updated_at: string;
}

export type WebhookMessageState = 'pending' | 'delivered' | 'failed';

export interface WebhookMessagesTable {
  id: string;
  user_id: string;
  endpoint_id: string;
  event_id: string | null;
  event_type: string;
  body: string;
  /** Set on an executor's message: the enrolment it hands over (docs/webhooks.md#executors). */
  enrolment_id: string | null;
  state: WebhookMessageState;
  attempts: number;
  next_attempt_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookAttemptsTable {
  id: string;
  message_id: string;
  endpoint_id: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  response_start: string;
  created_at: string;
}

export type EventRow = Selectable<EventsTable>;
export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookMessageRow = Selectable<WebhookMessagesTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;
/** Settings of the installation itself, one row each (the erasure salt: services/erase-person.ts). */
export interface InstallationSettingsTable {
  name: string;
  value: string;
  created_at: string;
}

/** A tombstone: HMAC-SHA256(installation salt, "kind:value") of an erased person's identity, per user. */
export interface ErasedIdentitiesTable {
  user_id: string;
  hash: string;
  created_at: string;
}

/** What was done to personal data, naming none: an action and its counts (JSON). */
export interface AuditLogTable {
  id: string;
  user_id: string;
  action: 'person.erased';
  counts: string;
  created_at: string;
}

/** A user's tag (migration 2026-12-03-060, docs/v1.md#tags-and-notes): unique per user by name_key. */
export interface TagsTable {
  id: string;
  user_id: string;
  name: string;
  /** The name in NFC, lowercased (src/engine/tag-name.ts): "VIP" and "vip" are one tag. */
  name_key: string;
  created_at: string;
}

export interface ProspectTagsTable {
  prospect_id: string;
  tag_id: string;
  user_id: string;
  created_at: string;
}

export type NoteAuthorKind = 'person' | 'key';

export interface ProspectNotesTable {
  id: string;
  user_id: string;
  prospect_id: string;
  body: string;
  author_kind: NoteAuthorKind;
  /** The user's or the key's name when the note was written. */
  author_name: string;
  created_at: string;
  updated_at: string;
}

export type TagRow = Selectable<TagsTable>;
export type NoteRow = Selectable<ProspectNotesTable>;
/** Import jobs (migration 2026-12-03-010-import-jobs, docs/v1.md#import-jobs). */
export interface ImportJobsTable {
  id: string;
  user_id: string;
  api_key_id: string | null;
  state: 'staging' | 'queued' | 'running' | 'completed' | 'completed_with_errors' | 'failed' | 'canceled' | 'reverted';
  format: 'csv' | 'jsonl' | 'json';
  options: string;
  columns: string | null;
  total_rows: Generated<number>;
  chunk_count: Generated<number>;
  next_chunk: Generated<number>;
  rows_done: Generated<number>;
  failed_rows: Generated<number>;
  import_codes: Generated<string>;
  campaign_codes: Generated<string>;
  /** JSON array of the first JOB_WARNINGS_MAX {row, path, message}: unknown fields of the rows, ignored. */
  warnings: Generated<string>;
  warning_count: Generated<number>;
  /** The uploaded file's name (multipart, CLI); null for a raw body or JSON. */
  file_name: string | null;
  error: string | null;
  cancel_requested: Generated<number>;
  idempotency_key: string | null;
  request_hash: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}
export type ImportJobRow = Selectable<ImportJobsTable>;

export interface ImportJobChunksTable {
  job_id: string;
  chunk: number;
  first_row: number;
  rows: string;
  activity_id: string | null;
}

export interface ImportJobResultsTable {
  job_id: string;
  row_number: number;
  url: string | null;
  import_code: string;
  campaign_code: string | null;
  prospect_id: string | null;
  message: string | null;
}
