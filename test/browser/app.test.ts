import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page, Request } from 'playwright-core';
import { CLIENT_ROUTES, type ClientRoute } from '../../app/src/client-routes.js';
import { newId } from '../../src/ids.js';
import { searchTextOf } from '../../src/store/prospect-search.js';
import type { NewProspectRow } from '../../src/store/schema.js';
import { chunk, nowIso } from '../../src/store/time.js';
import { setPassword, TEST_PASSWORD } from '../support/app-session.js';
import { inFrench } from '../support/french.js';
import { describeOnEachEngine, screenshot, sharedBrowser, signedInApp } from '../support/browser.js';
import { startServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// The web app end to end in real headless Chromium against the real server (SQLite; the /v1/
// behaviour on every engine is covered by test/app/app-api.test.ts).


const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

describeOnEachEngine('web app in Chromium', (engine) => {
  const browser = sharedBrowser();

  const signedIn = (t: Parameters<typeof startServer>[0], env: Record<string, string> = {}) => signedInApp(browser(), t, engine, env);

  function apiImport(server: TestServer, key: string, listId: string, prospects: Record<string, unknown>[], origin = 'example', extra: Record<string, unknown> = {}) {
    return server.request('/prospects/addProspectFromIntegration', { key, body: importBody(listId, prospects, { origin: { name: origin }, ...extra }) });
  }

  test('sign in (a wrong password is refused), create a list, sign out', async (t) => {
    const server = await startServer(t, engine);
    const tenant = await createTenant(server.database);
    await setPassword(server.database, tenant.user.id);
    const context = await browser().newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/lists`);
    await page.getByLabel('Email').fill(tenant.user.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Lists' }).waitFor();
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'ph_session');
    assert.ok(session?.httpOnly);
    assert.equal(session?.sameSite, 'Lax');

    await page.getByLabel('New list name').fill('Founders Paris');
    await page.getByRole('button', { name: 'Create list' }).click();
    const card = page.locator('.list-card', { hasText: 'Founders Paris' });
    await card.waitFor();
    assert.equal(await card.getByTestId('list-count').textContent(), '0');
    await page.reload();
    await page.locator('.list-card', { hasText: 'Founders Paris' }).waitFor();

    // Deleting says what happens to the prospects, and asks first.
    await page.getByRole('button', { name: 'Delete Founders Paris' }).click();
    const dialog = page.getByRole('dialog');
    assert.match((await dialog.textContent()) ?? '', /Its 0 prospects will be deleted from your CRM with it/);
    await screenshot(page, 'list-delete');
    await dialog.getByRole('button', { name: 'Delete list and prospects' }).click();
    await page.locator('.list-card', { hasText: 'Founders Paris' }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to prospect-hub' }).waitFor();
    const answer = await page.evaluate(async () => (await fetch('/v1/lists')).status);
    assert.equal(answer, 401);
  });

  test('an import through the public API shows as API-example in the feed and opens with its outcomes', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const url = uniqueProfileUrl('jane');
    const answer = await apiImport(server, tenant.key, tenant.listId, [
      { url, customProfile: { firstName: 'Jane', lastName: 'Doe', occupation: 'CTO', email: 'jane@example.test', company: { name: 'Acme' } }, customVariables: [{ label: 'met at', value: 'VivaTech' }] },
      { url },
      { url: uniqueProfileUrl('john'), customProfile: { firstName: 'John', lastName: 'Roe', occupation: 'Founder', company: { name: 'Roe & Co' } } },
    ], 'example', { campaignId: tenant.campaigns.running.id });
    assert.equal(answer.status, 200);
    await apiImport(server, tenant.key, tenant.listId, [{ url: uniqueProfileUrl() }], 'n8n');
    await nav(page, 'Activity').click();
    const labels = page.getByTestId('origin-label');
    await labels.first().waitFor();
    assert.deepEqual(await labels.allTextContents(), ['n8n', 'API-example']);
    const row = page.locator('tr', { hasText: 'API-example' });
    assert.match((await row.textContent()) ?? '', /Imported: 2.*Already in your CRM: 1/);
    assert.match((await row.textContent()) ?? '', /test key/);
    await screenshot(page, 'activity');
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: /Import from/ }).waitFor();
    const outcomes = page.getByTestId('outcome');
    await outcomes.nth(2).waitFor();
    assert.equal(await outcomes.count(), 3);
    assert.match((await outcomes.nth(0).textContent()) ?? '', /Imported/);
    assert.match((await outcomes.nth(1).textContent()) ?? '', /Already in your CRM/);
    await screenshot(page, 'activity-detail');

    // The list shows the prospects with their origin label; the prospect page its profile and history.
    await nav(page, 'Lists').click();
    await page.getByRole('link', { name: 'List 1' }).click();
    await page.getByTestId('total').filter({ hasText: '3 prospects' }).waitFor();
    await page.getByRole('cell', { name: 'API-example' }).first().waitFor();
    await screenshot(page, 'prospects');
    await page.getByRole('link', { name: 'Jane Doe' }).click();
    await page.getByRole('heading', { name: 'Jane Doe' }).waitFor();
    assert.equal(await page.getByRole('link', { name: /LinkedIn profile/ }).getAttribute('href'), url.replace('https://www.', 'https://www.'));
    await page.getByText('VivaTech').waitFor();
    await page.getByText(/Imported via API-example into List 1/).waitFor();
    await page.getByText('enrolled in Running').waitFor();
    await screenshot(page, 'prospect');
  });

  test('select prospects in the table, enrol them, move them; campaigns show the enrolment', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await apiImport(server, tenant.key, tenant.listId, Array.from({ length: 3 }, (_, i) => ({ url: uniqueProfileUrl(), customProfile: { firstName: `P${i}`, email: `p${i}@example.test` } })));
    await page.getByRole('link', { name: 'List 1' }).click();
    await page.getByLabel('Select all on this page').check();
    await page.getByLabel('Enrol in').selectOption({ label: 'Running (running)' });
    await page.getByRole('button', { name: 'Enrol…' }).click();
    await page.getByRole('dialog', { name: 'Enrol 3 prospects in “Running”?' }).getByRole('button', { name: 'Enrol', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Enrolled 3 prospects in “Running”.' }).waitFor();
    await page.getByLabel('Select P0').check();
    await page.getByLabel('Move to').selectOption({ label: 'List 2' });
    await page.getByRole('button', { name: 'Move…' }).click();
    await page.getByRole('dialog', { name: 'Move 1 prospect to “List 2”?' }).getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByTestId('total').filter({ hasText: '2 prospects' }).waitFor();
    await nav(page, 'Campaigns').click();
    const running = page.locator('tr', { hasText: 'Running' }).first();
    await running.waitFor();
    assert.match((await running.textContent()) ?? '', /running3/i);
    await page.getByRole('button', { name: 'Pause Running' }).click();
    await page.locator('tr', { hasText: 'Running' }).first().getByText('paused').waitFor();
    await page.getByLabel('New campaign name').fill('Q1 outreach');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('link', { name: 'Q1 outreach' }).waitFor();
    await screenshot(page, 'campaigns');
    const lists = await server.request('/prospectLists/getProspectLists', { key: tenant.key });
    assert.deepEqual(lists.body.map((l: { totalProspects: number }) => l.totalProspects), [2, 1, 0]);
  });

  test('create a key in the UI, use it, revoke it and see the API refuse it', async (t) => {
    const { server, page } = await signedIn(t);
    // Before any import, the feed says what to do next, with a curl to try.
    await nav(page, 'Activity').click();
    await page.getByRole('heading', { name: 'No imports yet' }).waitFor();
    assert.match((await page.getByLabel('Example curl command').textContent()) ?? '', /addProspectFromIntegration/);
    await screenshot(page, 'activity-empty');
    await nav(page, 'API keys').click();
    await page.getByLabel('Key name').fill('n8n production');
    await page.getByLabel('Read prospects, lists, campaigns and activity').check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('new-secret').textContent()) ?? '';
    assert.match(secret, /^ph_live_/);
    await page.getByRole('button', { name: 'Copy', exact: true }).waitFor();
    await screenshot(page, 'api-keys');
    assert.equal((await server.request('/integrations/test', { key: secret })).status, 200);
    // The scopes chosen in the dialog are the key's: it reads /v1, and may not write.
    assert.equal((await server.request('/v1/lists', { key: secret })).status, 200);
    assert.equal((await server.request('/v1/lists', { key: secret, body: { name: 'nope' } })).status, 403);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.reload();
    await page.getByRole('cell', { name: 'n8n production', exact: true }).waitFor();
    await page.locator('tr', { hasText: 'n8n production' }).getByRole('cell', { name: 'import, read', exact: true }).waitFor();
    assert.equal(await page.getByText(secret).count(), 0, 'the secret is never shown again');
    await page.getByRole('button', { name: 'Revoke n8n production' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await page.locator('tr', { hasText: 'n8n production' }).getByText(/revoked/).waitFor();
    const refused = await server.request('/integrations/test', { key: secret });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'A000401-002');
  });

  test('CSV: map columns on the preview, choose a list, dry run, then the import job with its counts in words', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const existing = uniqueProfileUrl();
    await apiImport(server, tenant.key, tenant.lists[1]!.id, [{ url: existing }]);
    const rows = Array.from({ length: 1500 }, (_, i) => [uniqueProfileUrl(), `First${i}`, `Last${i}`, `Company "${i % 9}", Inc`, `tag${i % 3}`]);
    rows.push([existing, 'Known', 'Person', 'Elsewhere', 'x'], ['https://example.com/not-linkedin', 'Bad', 'Row', '', '']);
    const csv = ['Profile URL,First name,Last name,Company,Tag', ...rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join('\r\n');
    await nav(page, 'Import CSV').click();
    await page.getByLabel(/^CSV file/).setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // The file is over the preview's 64 KB: its head is read for the mapping, the server reads it all.
    await page.getByText(/^leads\.csv: 5 columns; the preview reads its first [\d,]+ rows/).waitFor();
    // Columns were guessed from their names; the preview shows the first rows as they will be read.
    assert.equal(await page.getByRole('combobox', { name: /^LinkedIn URL \(required\)/ }).inputValue(), '0');
    assert.equal(await page.getByRole('combobox', { name: /^Company/ }).inputValue(), '3');
    const preview = page.getByTestId('csv-preview');
    assert.match((await preview.textContent()) ?? '', /firstName: First0 · lastName: Last0 · company: Company "0", Inc/);
    assert.match((await preview.textContent()) ?? '', /Tag: tag0/);
    // No list is taken silently: until one is chosen the buttons say why they are disabled.
    const dryRun = page.getByRole('button', { name: 'Preview outcome (dry run)' });
    assert.equal(await dryRun.isDisabled(), true);
    assert.equal(await page.getByTestId('import-why').textContent(), 'Choose the list to import into.');
    await page.getByRole('combobox', { name: /^Into list/ }).selectOption({ label: 'List 1' });
    await page.getByRole('combobox', { name: /^LinkedIn URL \(required\)/ }).selectOption({ label: '— not imported —' });
    assert.match((await page.getByTestId('import-why').textContent()) ?? '', /Map a column to LinkedIn URL/);
    assert.equal(await dryRun.isDisabled(), true);
    await page.getByRole('combobox', { name: /^LinkedIn URL \(required\)/ }).selectOption({ label: 'Profile URL' });
    await screenshot(page, 'csv-preview');
    await dryRun.click();
    const dry = page.locator('[data-testid=dry-run][data-state=completed_with_errors]');
    await dry.waitFor({ timeout: 60_000 });
    const dryText = (await dry.textContent()) ?? '';
    assert.match(dryText, /Imported: 1,500/);
    assert.match(dryText, /Already in your CRM: 1/);
    assert.match(dryText, /Invalid row: 1/);
    assert.equal((await server.request('/prospectLists/getProspectLists', { key: tenant.key })).body[0].totalProspects, 0, 'a dry run writes nothing');
    await page.getByRole('button', { name: 'Import leads.csv' }).click();
    const result = page.locator('[data-testid=import-result][data-state=completed_with_errors]');
    await result.waitFor({ timeout: 60_000 });
    const resultText = (await result.textContent()) ?? '';
    assert.match(resultText, /1,502 rows read, 1 failed/);
    assert.match(resultText, /Imported: 1,500/);
    assert.match(resultText, /Already in your CRM: 1/);
    // Once done, the same import is not offered again.
    assert.equal(await page.getByRole('button', { name: 'Import leads.csv' }).count(), 0);
    const lists = await server.request('/prospectLists/getProspectLists', { key: tenant.key });
    assert.equal(lists.body[0].totalProspects, 1500);
    // The job wrote one import request per chunk of 1,000 rows.
    await nav(page, 'Activity').click();
    await page.getByTestId('origin-label').first().waitFor();
    const labels = await page.getByTestId('origin-label').allTextContents();
    assert.equal(labels.length, 3);
    assert.deepEqual(labels, ['CSV', 'CSV', 'API-example'], "the app's job is labelled CSV, as the app names it");
  });

  test('CSV with a bad row: progress, completed with errors, the failed rows download, then undo', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const good = [uniqueProfileUrl(), uniqueProfileUrl()];
    const csv = ['LinkedIn URL,First name', `${good[0]},Ada`, 'https://example.com/not-a-profile,Bad', `${good[1]},Grace`].join('\n');
    await nav(page, 'Import CSV').click();
    await page.getByLabel(/^CSV file/).setInputFiles({ name: 'bad-row.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('bad-row.csv: 3 rows, 2 columns.').waitFor();
    await page.getByRole('combobox', { name: /^Into list/ }).selectOption({ label: 'List 1' });
    // Hold the first reading of the job: the page shows the job as the upload answered it, not yet ended.
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    let polled!: () => void;
    const firstPoll = new Promise<void>((done) => (polled = done));
    const isJob = (url: URL) => /^\/v1\/imports\/[^/]+$/.test(url.pathname);
    await page.route(isJob, async (route) => {
      polled();
      await held;
      await route.continue().catch(() => undefined);
    });
    const upload = page.waitForRequest((request) => new URL(request.url()).pathname === '/v1/imports' && request.method() === 'POST');
    await page.getByRole('button', { name: 'Import bad-row.csv' }).click();
    const sent = await upload;
    assert.match(sent.headers()['content-type'] ?? '', /^multipart\/form-data/);
    assert.ok((sent.headers()['x-csrf-token'] ?? '').length > 0, 'the upload carries the CSRF header');
    await firstPoll;
    const card = page.getByTestId('import-result');
    assert.match((await card.getAttribute('data-state')) ?? '', /^(queued|running)$/);
    assert.match((await card.textContent()) ?? '', /Waiting for the server to start|Importing: \d+ of 3 rows/);
    await page.unroute(isJob);
    release();
    await page.locator('[data-testid=import-result][data-state=completed_with_errors]').waitFor({ timeout: 30_000 });
    assert.match((await card.textContent()) ?? '', /Imported, some rows failed.*3 rows read, 1 failed.*Imported: 2.*Invalid row: 1/s);
    // The failed rows: the row as read, with the reason.
    const link = page.getByRole('link', { name: /Download the failed row / });
    const href = (await link.getAttribute('href'))!;
    const failed = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' });
      return { status: response.status, text: await response.text() };
    }, href);
    assert.equal(failed.status, 200);
    const [header, row, ...rest] = failed.text.trim().split(/\r?\n/);
    assert.equal(header, 'LinkedIn URL,First name,error');
    assert.match(row!, /^https:\/\/example\.com\/not-a-profile,Bad,/);
    assert.deepEqual(rest, []);
    assert.equal((await server.request('/prospectLists/getProspectLists', { key: tenant.key })).body[0].totalProspects, 2);
    // Undo: the confirmation says what would be undone (a dry run of the undo), then undoes it.
    await page.getByRole('button', { name: 'Undo this import' }).click();
    const dialog = page.getByRole('dialog');
    assert.match((await dialog.getByTestId('undo-counts').textContent()) ?? '', /^2 prospects removed, 0 moved back/);
    assert.equal((await server.request('/prospectLists/getProspectLists', { key: tenant.key })).body[0].totalProspects, 2, 'asking changes nothing');
    await dialog.getByRole('button', { name: 'Undo import' }).click();
    await page.locator('[data-testid=import-result][data-state=reverted]').waitFor();
    await page.getByText('This import was undone.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Undo this import' }).count(), 0);
    assert.equal((await server.request('/prospectLists/getProspectLists', { key: tenant.key })).body[0].totalProspects, 0);
  });

  test('a slow answer for an older search never replaces the newer one', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await seedProspects(server, tenant, 200);
    // Hold the answer for the search "seed 10" until the table shows the search "seed 199".
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    let sent!: (request: Request) => void;
    const olderRequest = new Promise<Request>((done) => (sent = done));
    const olderSearch = (url: URL) => url.pathname === '/v1/prospects' && url.searchParams.get('q') === 'seed 10';
    const isOlder = (request: Request) => olderSearch(new URL(request.url()));
    // Whether the app abandons it (new code) or receives it late, the held request settles once.
    const settled = new Promise<void>((done) => {
      const settle = (request: Request) => isOlder(request) && done();
      page.on('requestfinished', settle);
      page.on('requestfailed', settle);
    });
    await page.route(olderSearch, async (route) => {
      sent(route.request());
      await held;
      await route.continue().catch(() => undefined);
    });
    await page.getByRole('link', { name: 'List 1' }).click();
    await page.getByTestId('total').filter({ hasText: '200 prospects' }).waitFor();
    const search = async (text: string) => {
      await page.getByRole('searchbox').fill(text);
      await page.getByRole('button', { name: 'Search' }).click();
    };
    await search('seed 10');
    await olderRequest;
    await search('seed 199');
    const names = () => page.locator('tbody tr td:nth-child(2)').allTextContents();
    await page.getByTestId('total').filter({ hasText: 'matching “seed 199”' }).waitFor();
    await page.locator('tbody tr').first().locator('td:nth-child(2)', { hasText: /^Seed 199$/ }).waitFor();
    release();
    await settled;
    // Two frames: time for a late answer to be rendered, were it accepted.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    assert.deepEqual(await names(), ['Seed 199']);
  });

  test('pages through a list of 100,000 prospects with an exact count', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await seedProspects(server, tenant, 100_000);
    // Lists of several colours, as users make them.
    for (const [list, name, color, label] of [[tenant.lists[1]!, 'Founders Paris', '#0f766e', 'F'], [tenant.lists[2]!, 'CTOs Berlin', '#7c3aed', 'C']] as const) {
      await server.database.db.updateTable('prospect_lists').set({ name, icon_color: color, icon_label: label }).where('id', '=', list.id).execute();
    }
    await nav(page, 'Lists').click();
    await page.reload();
    assert.equal(await page.locator('.list-card', { hasText: 'List 1' }).getByTestId('list-count').textContent(), '100,000');
    await screenshot(page, 'lists');
    await page.setViewportSize({ width: 390, height: 800 });
    await screenshot(page, 'lists-mobile');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: 'List 1' }).click();
    await page.getByTestId('total').filter({ hasText: '100,000 prospects' }).waitFor();
    const names = () => page.locator('tbody tr td:nth-child(2)').allTextContents();
    // A page's rows arrive after the click: wait for the page number and for the first row asserted on.
    const shows = async (pageNumber: number, firstName: string) => {
      await page.getByTestId('page-number').filter({ hasText: `Page ${pageNumber}` }).waitFor();
      await page.locator('tbody tr').first().locator('td:nth-child(2)', { hasText: new RegExp(`^${firstName}$`) }).waitFor();
    };
    await shows(1, 'Seed 99999');
    const first = await names();
    assert.equal(first.length, 50);
    assert.equal(first[0], 'Seed 99999', 'newest first');
    await page.getByRole('button', { name: 'Next →' }).click();
    await shows(2, 'Seed 99949');
    const second = await names();
    assert.equal(second.length, 50);
    assert.equal(second[49], 'Seed 99900');
    await page.getByRole('button', { name: 'Next →' }).click();
    await shows(3, 'Seed 99899');
    await page.getByRole('button', { name: '← Previous' }).click();
    await shows(2, 'Seed 99949');
    assert.deepEqual(await names(), second);
    await page.getByRole('button', { name: '← Previous' }).click();
    await shows(1, 'Seed 99999');
    assert.deepEqual(await names(), first);
    assert.ok(await page.getByRole('button', { name: '← Previous' }).isDisabled());
    // Search narrows (name, company, identifier, URL; case ignored), newest first.
    await page.getByRole('searchbox').fill('SEED 9999');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('total').filter({ hasText: 'matching “SEED 9999”' }).waitFor();
    await page.waitForFunction('document.querySelectorAll("tbody tr").length === 11');
    assert.deepEqual(await names(), ['Seed 99999', ...Array.from({ length: 9 }, (_, i) => `Seed 9999${8 - i}`), 'Seed 9999']);
  });
  test('a 100-character name without spaces never makes a page wider than the window', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const long = 'W'.repeat(100);
    const list = await server.request('/v1/lists', { method: 'POST', body: { name: long }, key: tenant.fullKey });
    await server.request('/v1/campaigns', { method: 'POST', body: { name: long }, key: tenant.fullKey });
    await server.request('/v1/keys', { method: 'POST', body: { name: long }, key: tenant.fullKey });
    for (const path of ['/lists', `/lists/${list.body.id}`, '/campaigns', '/keys']) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByText(long).first().waitFor();
      const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');
      assert.ok(scrollWidth <= innerWidth, `${path}: the page is ${scrollWidth}px wide in a ${innerWidth}px window`);
    }
  });

  test("a refused name says why in the user's language: only spaces, a hidden character, a name already taken; the code stays in the tooltip", async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const create = async (name: string) => {
      await page.getByLabel('Nom de la nouvelle liste').fill(name);
      await page.getByRole('button', { name: 'Créer la liste' }).click();
    };
    await inFrench(server, tenant, page, '/lists');
    const alert = page.getByRole('alert');
    await create('   ');
    await alert.filter({ hasText: 'Ce champ ne peut pas être vide ni fait d’espaces.' }).waitFor();
    assert.match((await alert.getAttribute('title')) ?? '', /^Code V000400-001: \/name: must not be empty/, "the server's own words for support");
    await create('abc\u202Eevil');
    await alert.filter({ hasText: 'Ce texte contient un caractère invisible ou qui change le sens d’écriture (U+202E) ; retirez-le.' }).waitFor();
    await create('list 1');
    await alert.filter({ hasText: 'Le nom est déjà pris par « List 1 » ; choisissez-en un autre.' }).waitFor();
    const lists = await server.request('/v1/lists', { key: tenant.fullKey });
    assert.deepEqual(lists.body.data.map((l: { name: string }) => l.name), tenant.lists.map((l) => l.name), 'nothing stored');
  });

  test('every client route (app/src/client-routes.ts), reloaded while signed in, shows its page, not JSON', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const imported = await apiImport(server, tenant.key, tenant.listId, [{ url: 'https://www.linkedin.com/in/ada-reload' }], 'example', { campaignId: tenant.campaigns.running.id });
    assert.equal(imported.status, 200, imported.text);
    const ids: Record<string, string> = {
      lists: tenant.listId,
      prospects: imported.body.result[0].prospect._id,
      campaigns: tenant.campaigns.running.id,
      activity: imported.body.activityId,
      imports: await server.request('/v1/imports', { key: tenant.fullKey, body: { prospectListId: tenant.listId, prospects: [{ url: uniqueProfileUrl() }] } }).then((job) => job.body.id as string),
    };
    // The heading each page shows: a route added to the table without one here fails this test.
    const headings: Record<ClientRoute, RegExp> = {
      '/': /^Dashboard$/,
      '/signin': /^Dashboard$/,
      '/lists': /^Lists$/,
      '/lists/:id': /List 1/,
      '/prospects': /^Prospects$/,
      '/prospects/:id': /ada-reload/,
      '/campaigns': /^Campaigns$/,
      '/campaigns/:id': /^Running$/,
      '/activity': /^Activity$/,
      '/activity/:id': /^Import from/,
      '/keys': /^API keys$/,
      '/import': /^Import a CSV file$/,
      '/imports': /^Imports$/,
      '/imports/:id': /^Import of JSON prospects$/,
      '/account': /^Account$/,
      '/webhooks': /^Webhooks$/,
    };
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

/** Seeds a list straight through the store: multi-row inserts in one transaction, counts set to match. */
async function seedProspects(server: TestServer, tenant: Tenant, n: number): Promise<void> {
  const base = Date.now() - n * 1000;
  const rows: NewProspectRow[] = Array.from({ length: n }, (_, i) => {
    const at = nowIso(base + i * 1000);
    return {
      id: newId(base + i * 1000),
      user_id: tenant.user.id,
      list_id: tenant.listId,
      public_identifier: `seed-${i}-${tenant.user.id}`,
      member_id: null,
      sales_member_id: null,
      linkedin_url: `https://www.linkedin.com/in/seed-${i}-${tenant.user.id}`,
      profile: JSON.stringify({ firstName: 'Seed', lastName: String(i) }),
      first_name: 'Seed',
      last_name: String(i),
      occupation: 'Engineer',
      email: null,
      company_name: `Company ${i % 100}`,
      search_text: searchTextOf({ firstName: 'Seed', lastName: String(i), company: `Company ${i % 100}`, publicIdentifier: `seed-${i}-${tenant.user.id}`, linkedinUrl: `https://www.linkedin.com/in/seed-${i}-${tenant.user.id}` }),
      custom_variables: '[]',
      origin: 'seed',
      duplicate_of: null,
      created_at: at,
      updated_at: at,
    };
  });
  await server.database.db.transaction().execute(async (trx) => {
    for (const part of chunk(rows, 1000)) await trx.insertInto('prospects').values(part).execute();
    await trx.updateTable('prospect_lists').set({ total_prospects: n }).where('id', '=', tenant.listId).execute();
    await trx.updateTable('users').set({ prospect_count: n }).where('id', '=', tenant.user.id).execute();
  });
}
