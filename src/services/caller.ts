/** Who is asking, as every use case needs it: resolved once per request by the auth layer. */
export interface Caller {
  userId: string;
  /** The API key used, or null for a session of the web app. */
  keyId: string | null;
  permissions: ReadonlySet<string>;
  crmLimit: number;
  /** The team whose deduplication applies to this user's imports, if any. */
  dedupTeamId: string | null;
}

export const PERMISSION_IMPORT_DUPLICATES = 'import_duplicates';
