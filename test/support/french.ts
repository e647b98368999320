import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestServer } from './server.js';
import type { Tenant } from './tenant.js';

/** Makes the signed-in test user a French speaker (as the account page does) and opens `path` in French. */
export async function inFrench(server: TestServer, tenant: Tenant, page: Page, path: string): Promise<void> {
  const answer = await server.request('/v1/account', { method: 'PATCH', key: tenant.fullKey, body: { language: 'fr' } });
  assert.equal(answer.status, 200, answer.text);
  await page.goto(`${server.baseUrl}${path}`);
  // A locator, not a waitForFunction string: the app's Content-Security-Policy forbids eval.
  await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
}
