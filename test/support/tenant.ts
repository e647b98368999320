import { createAccount } from '../../src/services/accounts.js';
import { SCOPES } from '../../src/schemas/scopes.js';
import { createApiKey } from '../../src/store/api-keys.js';
import { createCampaign } from '../../src/store/campaigns.js';
import type { Database } from '../../src/store/database.js';
import { createList } from '../../src/store/lists.js';
import type { CampaignRow, CampaignState, ProspectListRow, UserRow } from '../../src/store/schema.js';
import { randomBytes } from 'node:crypto';

export interface Tenant {
  user: UserRow;
  /** A key as made before scopes existed: the compatible endpoints only (the import scope). */
  key: string;
  keyId: string;
  /** A key holding every scope, for the /v1 API. */
  fullKey: string;
  lists: ProspectListRow[];
  /** The first list, where most tests import. */
  listId: string;
  campaigns: Record<CampaignState | 'requiresEmail', CampaignRow>;
}

export interface TenantOptions {
  plan?: 'free' | 'pro' | 'advanced' | 'business';
  crmLimit?: number;
  team?: string;
  lists?: number;
}

/** A brand-new user with a key, lists and one campaign in every state: each test gets its own. */
export async function createTenant(database: Database, options: TenantOptions = {}): Promise<Tenant> {
  const db = database.db;
  const user = await createAccount(db, {
    email: `user-${randomBytes(6).toString('hex')}@example.test`,
    plan: options.plan ?? 'business',
    crmLimit: options.crmLimit,
    team: options.team,
  });
  const { row, secret } = await createApiKey(db, user.id, 'test key');
  const full = await createApiKey(db, user.id, 'every scope', SCOPES);
  const lists: ProspectListRow[] = [];
  for (let i = 0; i < (options.lists ?? 3); i++) lists.push(await createList(db, user.id, { name: `List ${i + 1}` }));
  const campaigns = {
    draft: await createCampaign(db, user.id, { name: 'Draft', state: 'draft' }),
    running: await createCampaign(db, user.id, { name: 'Running', state: 'running' }),
    paused: await createCampaign(db, user.id, { name: 'Paused', state: 'paused' }),
    archived: await createCampaign(db, user.id, { name: 'Archived', state: 'archived' }),
    requiresEmail: await createCampaign(db, user.id, { name: 'Needs email', state: 'running', requiresEmail: true }),
  };
  return { user, key: secret, keyId: row.id, fullKey: full.secret, lists, listId: lists[0]!.id, campaigns };
}

let counter = 0;
/** A LinkedIn URL for a profile no other test uses. */
export function uniqueProfileUrl(prefix = 'person'): string {
  counter += 1;
  return `https://www.linkedin.com/in/${prefix}-${process.pid}-${counter}-${randomBytes(3).toString('hex')}`;
}

/**
 * The body of POST /prospects/addProspectFromIntegration: a prospect is given whole, or as a bare URL.
 * `extra` adds or replaces top-level fields (origin, campaignId, flags).
 */
export function importBody(listId: string, prospects: (string | Record<string, any>)[], extra: Record<string, unknown> = {}) {
  return { prospectListId: listId, origin: { name: 'example' }, prospects: prospects.map((p) => (typeof p === 'string' ? { url: p } : p)), ...extra };
}
