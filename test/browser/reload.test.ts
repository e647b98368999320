import '../support/sqlite-only.js';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { CLIENT_ROUTES, type ClientRoute } from '../../app/src/client-routes.js';
import { setPassword, TEST_PASSWORD } from '../support/app-session.js';
import { browserSkipReason, ensureAppBuilt, launchBrowser } from '../support/browser.js';
import { startServer } from '../support/server.js';
import { createTenant, importBody } from '../support/tenant.js';

// Every page of the app survives a reload and can be shared: the server answers each client route
// (app/src/client-routes.ts) with the app, never with the API's JSON 404.

const skip = browserSkipReason();

describe('reloading every client route in Chromium', { skip }, () => {
  let browser: Browser;
  before(async () => {
    ensureAppBuilt();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('each client route, reloaded while signed in, shows its page', async (t) => {
    const server = await startServer(t, 'sqlite');
    const tenant = await createTenant(server.database);
    await setPassword(server.database, tenant.user.id);
    const imported = await server.request('/prospects/addProspectFromIntegration', {
      key: tenant.key,
      body: importBody(tenant.listId, ['https://www.linkedin.com/in/ada-reload'], { campaignId: tenant.campaigns.running.id }),
    });
    assert.equal(imported.status, 200, imported.text);
    const ids: Record<string, string> = {
      lists: tenant.listId,
      prospects: imported.body.result[0].prospect._id,
      campaigns: tenant.campaigns.running.id,
      activity: imported.body.activityId,
    };
    // The heading each page shows: a route added to the table without one here fails this test.
    const headings: Record<ClientRoute, RegExp> = {
      '/': /^Lists$/,
      '/signin': /^Lists$/,
      '/lists': /^Lists$/,
      '/lists/:id': /List 1/,
      '/prospects/:id': /ada-reload/,
      '/campaigns': /^Campaigns$/,
      '/campaigns/:id': /^Running$/,
      '/activity': /^Activity$/,
      '/activity/:id': /^Import from/,
      '/keys': /^API keys$/,
      '/import': /^Import a CSV file$/,
    };

    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.getByLabel('Email').fill(tenant.user.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Lists', exact: true }).waitFor();

    for (const route of CLIENT_ROUTES) {
      const path = route.replace(/\/(\w+)\/:id$/, (_all, folder: string) => `/${folder}/${encodeURIComponent(ids[folder] ?? '')}`);
      await page.goto(`${server.baseUrl}${path}`);
      const answer = await page.reload();
      assert.equal(answer?.status(), 200, `${path} answers the app`);
      assert.match(answer?.headers()['content-type'] ?? '', /^text\/html/, path);
      // Pages fill their heading once their data arrives: wait for the expected one.
      const heading = page.locator('main h1').filter({ hasText: headings[route] });
      await heading.first().waitFor().catch(async () => assert.fail(`${path} shows "${await page.locator('main').innerText()}"`));
    }
  });
});
