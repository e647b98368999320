import { createApiKey } from '../store/api-keys.js';
import { createCampaign } from '../store/campaigns.js';
import type { Db } from '../store/db.js';
import { createList, listLists } from '../store/lists.js';
import { listCampaigns } from '../store/campaigns.js';
import { findUserByEmail, updateUser } from '../store/users.js';
import { createAccount } from './accounts.js';
import { hashPassword, randomPassword } from './passwords.js';

export const DEMO_EMAIL = 'demo@prospect-hub.local';

export interface DemoAccount {
  userId: string;
  email: string;
  /** Set when this call chose a new password. */
  password: string | null;
  keyId: string;
  key: string;
  listId: string;
  listIds: string[];
  campaignIds: string[];
}

/**
 * Seeds a demo account (business plan, two lists, campaigns in every state) and makes a fresh key,
 * so a new operator can try the API at once. Run again, it reuses the account and adds a key.
 */
export async function seedDemo(db: Db): Promise<DemoAccount> {
  let user = await findUserByEmail(db, DEMO_EMAIL);
  let password: string | null = null;
  if (!user) {
    password = randomPassword();
    user = await createAccount(db, { email: DEMO_EMAIL, name: 'Demo', plan: 'business', password });
    await createList(db, user.id, { name: 'Demo prospects', iconColor: '#2563eb', iconLabel: 'D' });
    await createList(db, user.id, { name: 'Event leads', iconColor: '#16a34a', iconLabel: 'E' });
    await createCampaign(db, user.id, { name: 'Welcome sequence', state: 'running' });
    await createCampaign(db, user.id, { name: 'Needs an email', state: 'running', requiresEmail: true });
    await createCampaign(db, user.id, { name: 'On hold', state: 'paused' });
    await createCampaign(db, user.id, { name: 'Not started', state: 'draft' });
  } else if (!user.password_hash) {
    password = randomPassword();
    await updateUser(db, user.id, { passwordHash: await hashPassword(password) });
  }
  const { row, secret } = await createApiKey(db, user.id, 'demo key');
  const lists = await listLists(db, user.id);
  const campaigns = await listCampaigns(db, user.id);
  return {
    userId: user.id,
    email: user.email,
    password,
    keyId: row.id,
    key: secret,
    listId: lists[0]!.id,
    listIds: lists.map((l) => l.id),
    campaignIds: campaigns.map((c) => c.id),
  };
}

/** A curl command that works as pasted: imports one prospect into the demo list. */
export function demoCurl(baseUrl: string, key: string, listId: string): string {
  const body = JSON.stringify({
    prospectListId: listId,
    origin: { name: 'example' },
    prospects: [{ url: 'https://www.linkedin.com/in/john-doe-123456', customProfile: { firstName: 'John', lastName: 'Doe' } }],
  });
  return [
    `curl -sS -X POST '${baseUrl}/prospects/addProspectFromIntegration'`,
    `  -H 'Authorization: Bearer ${key}'`,
    `  -H 'Content-Type: application/json'`,
    `  -d '${body}'`,
  ].join(' \\\n');
}
