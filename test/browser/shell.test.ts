import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { CLIENT_ROUTES, type ClientRoute } from '../../app/src/client-routes.js';
import { TEST_PASSWORD } from '../support/app-session.js';
import { describeOnEachEngine, screenshot, sharedBrowser, signedInApp } from '../support/browser.js';
import type { startServer, TestServer } from '../support/server.js';
import { importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// The app's shell in real Chromium (docs/app.md): two languages, the dashboard, the account page,
// the phone layout and where focus goes. With SCREENSHOTS=1 it also pictures every client route at
// desktop and phone width (docs/screenshots).

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const mainNav = (page: Page, name = 'Main') => page.getByRole('navigation', { name });
const focusedText = (page: Page) => page.evaluate<string>('`${document.activeElement?.tagName}: ${document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? ""}`');
/** Waits until the focused element matches a JavaScript condition on `el`; says where focus is when it never does. */
async function focusWhere(page: Page, condition: string): Promise<void> {
  // Polled with evaluate: waitForFunction with a string needs an eval the app's CSP refuses now and then.
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (await page.evaluate<boolean>(`((el) => Boolean(el && (${condition})))(document.activeElement)`)) return;
  }
  assert.fail(`focus is on ${await focusedText(page)}, not where ${condition}`);
}
const scrollWidth = (page: Page) => page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');

/** Imports today from three origins; the CSV one carries a long LinkedIn URL (the detail page must wrap it). */
async function importSome(server: TestServer, tenant: Tenant) {
  const send = (origin: string, prospects: (string | Record<string, unknown>)[], listId = tenant.listId) =>
    server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(listId, prospects, { origin: { name: origin }, campaignId: tenant.campaigns.running.id }) });
  const long = `https://www.linkedin.com/in/${'a-very-long-profile-slug-'.repeat(6)}${uniqueProfileUrl().slice(-6)}`;
  const first = await send('n8n', [{ url: long, customProfile: { firstName: 'Ada', lastName: 'Lovelace', company: { name: 'Analytical Engines' } } }, uniqueProfileUrl(), uniqueProfileUrl()]);
  assert.equal(first.status, 200, first.text);
  assert.equal((await send('zapier', [uniqueProfileUrl(), uniqueProfileUrl()], tenant.lists[1]!.id)).status, 200);
  assert.equal((await send('make', [uniqueProfileUrl()])).status, 200);
  return { prospectId: first.body.result[0].prospect._id as string, activityId: first.body.activityId as string };
}

/** An import job uploaded as the app uploads it (multipart), under a long file name; answers its id once it has ended. */
async function uploadJob(server: TestServer, tenant: Tenant, fileName: string): Promise<string> {
  const form = new FormData();
  form.append('options', JSON.stringify({ prospectListId: tenant.listId, origin: { name: 'CSV' } }));
  form.append('file', new Blob([`LinkedIn URL,First name\n${uniqueProfileUrl()},Ada\nhttps://example.com/nobody,Bob\n`], { type: 'text/csv' }), fileName);
  const answer = await fetch(`${server.baseUrl}/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${tenant.fullKey}` }, body: form });
  const job = (await answer.json()) as { id: string };
  assert.equal(answer.status, 202, JSON.stringify(job));
  for (;;) {
    const read = await server.request(`/v1/imports/${job.id}`, { key: tenant.fullKey });
    if (!['queued', 'running'].includes(read.body.state)) return job.id;
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** A fortnight of imports from three origins, dated back a day each (as if made then), for the dashboard's chart. */
async function importOverTwoWeeks(server: TestServer, tenant: Tenant) {
  const origins = ['n8n', 'zapier', 'make'];
  for (let day = 1; day <= 14; day++) {
    const origin = origins[day % 3]!;
    const urls = Array.from({ length: 1 + ((day * 7) % 11) }, () => uniqueProfileUrl());
    const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.lists[day % 2]!.id, urls, { origin: { name: origin } }) });
    assert.equal(answer.status, 200, answer.text);
    const at = new Date(Date.now() - day * 86_400_000).toISOString();
    await server.database.db.updateTable('activity_events').set({ created_at: at }).where('id', '=', answer.body.activityId).execute();
  }
}

describeOnEachEngine('the app shell in Chromium', (engine) => {
  const browser = sharedBrowser();
  const signedIn = (t: Parameters<typeof startServer>[0]) => signedInApp(browser(), t, engine);

  test('French, chosen on the account page: the words, the numbers and the dates follow, and stay after a reload and a sign-out', async (t) => {
    const { tenant, page } = await signedIn(t);
    await mainNav(page).getByRole('link', { name: 'Account', exact: true }).click();
    await page.getByRole('heading', { name: 'Account', exact: true }).waitFor();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('heading', { name: 'Compte', exact: true }).waitFor();
    assert.equal(await page.evaluate<string>('document.documentElement.lang'), 'fr');
    const session = await page.evaluate<{ user: { language: string } }>("fetch('/v1/session').then((answer) => answer.json())");
    assert.equal(session.user.language, 'fr', 'kept on the user, server-side');

    await page.reload();
    await mainNav(page, 'Principale').getByRole('link', { name: 'Accueil', exact: true }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    // 200,000 (the business plan's limit) in the French way: a narrow no-break space between thousands.
    const usage = page.getByTestId('crm-usage');
    await usage.filter({ hasText: 'prospects sur' }).waitFor();
    assert.equal(await usage.textContent(), `0 prospects sur ${(200_000).toLocaleString('fr-FR')}`);
    assert.match((await usage.textContent()) ?? '', /200\u202f000/);

    await mainNav(page, 'Principale').getByRole('link', { name: 'Listes', exact: true }).click();
    await page.getByRole('heading', { name: 'Listes', exact: true }).waitFor();
    const created = tenant.lists[0]!.created_at;
    const frenchDay = new Date(created).toLocaleDateString('fr-FR', { dateStyle: 'medium' });
    assert.match(frenchDay, /[a-zéû]+\.? \d{4}$/, 'a French medium date names its month in French');
    await page.locator('.list-card', { hasText: 'List 1' }).getByText(`créée le ${frenchDay}`).waitFor();
    await page.getByRole('button', { name: 'Supprimer List 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();
    await screenshot(page, 'lists-fr');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Se connecter à prospect-hub' }).waitFor();
    await page.getByLabel('E-mail').fill(tenant.user.email);
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
  });

  test('the dashboard shows the CRM against its limit, imports by day and origin, lists and campaigns, as the API says', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await importSome(server, tenant);
    await mainNav(page).getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const account = (await server.request('/v1/account', { key: tenant.fullKey })).body;
    const stats = (await server.request('/v1/activity/by-day?days=30', { key: tenant.fullKey })).body;
    const lists = (await server.request('/v1/lists', { key: tenant.fullKey })).body.data as { name: string; totalProspects: number }[];
    const campaigns = (await server.request('/v1/campaigns', { key: tenant.fullKey })).body.data as { state: string }[];
    assert.equal(account.crm.used, 6);

    await page.getByTestId('crm-usage').filter({ hasText: `${account.crm.used} of` }).waitFor();
    assert.equal(await page.getByTestId('crm-usage').textContent(), `${account.crm.used} of ${account.crm.limit.toLocaleString('en-US')} prospects`);
    assert.equal(await page.getByRole('meter').getAttribute('aria-valuenow'), String(account.crm.used));
    assert.equal(await page.getByRole('meter').getAttribute('aria-valuemax'), String(account.crm.limit));

    const added = stats.data.reduce((sum: number, row: { added: number }) => sum + row.added, 0);
    const imports = stats.data.reduce((sum: number, row: { imports: number }) => sum + row.imports, 0);
    assert.deepEqual([added, imports], [6, 3]);
    assert.equal(await page.getByTestId('imports-total').textContent(), `${added} prospects added by ${imports} imports`);
    const bars = await page.evaluate<[string, number][]>("[...document.querySelectorAll('[data-testid=imports-chart] rect')].map((r) => [r.dataset.origin, Number(r.dataset.added)])");
    assert.deepEqual(bars, stats.data.map((row: { origin: string; added: number }) => [row.origin, row.added]));
    for (const origin of new Set(stats.data.map((row: { origin: string }) => row.origin))) await page.locator('.legend', { hasText: origin as string }).waitFor();

    assert.equal(await page.getByTestId('lists-count').textContent(), `${lists.length} lists`);
    const shown = await page.getByTestId('glance-list-count').allTextContents();
    assert.deepEqual(shown, lists.map((l) => l.totalProspects).sort((a, b) => b - a).map(String));
    for (const state of ['running', 'paused', 'draft', 'archived']) {
      assert.equal(await page.getByTestId(`campaigns-${state}`).textContent(), `${campaigns.filter((c) => c.state === state).length} ${state}`);
    }
    await screenshot(page, 'dashboard');
  });

  test('the account page changes the password (then it signs in), shows the team, its deduplication and its members', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const team = await server.database.db.insertInto('teams').values({ id: 'a'.repeat(24), name: 'Growth', dedup_enabled: 1, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    await server.database.db.updateTable('users').set({ team_id: team.id }).where('id', '=', tenant.user.id).execute();
    await mainNav(page).getByRole('link', { name: 'Account', exact: true }).click();
    await page.getByTestId('team-dedup').filter({ hasText: 'Team deduplication is on' }).waitFor();
    await page.getByTestId('team-members').getByText(tenant.user.email).waitFor();

    await page.getByLabel('Display name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.locator('.who').getByText('Ada Lovelace').waitFor();
    await page.getByTestId('team-members').getByText('Ada Lovelace').waitFor();

    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The current password is wrong.' }).waitFor();
    await page.getByLabel('Current password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    await screenshot(page, 'account');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill(tenant.user.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
    await page.getByLabel('Password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  test('focus goes to the heading of a new page, and back to what opened a dialog when it closes', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await mainNav(page).getByRole('link', { name: 'Campaigns', exact: true }).click();
    await page.getByRole('heading', { name: 'Campaigns', exact: true }).waitFor();
    await focusWhere(page, "el.tagName === 'H1'");
    assert.equal(await focusedText(page), 'H1: Campaigns');
    await page.goBack();
    await focusWhere(page, "el.textContent === 'Lists'");
    assert.equal(await focusedText(page), 'H1: Lists');

    // Cancel (and Escape) give focus back to the button that opened the dialog. (Once the page's data is in:
    // a click while the cards still move could land on a neighbour.)
    await page.waitForLoadState('networkidle');
    const opener = page.getByRole('button', { name: 'Delete List 2' });
    await opener.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await focusWhere(page, "el.getAttribute('aria-label') === 'Delete List 2'");
    await opener.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await focusWhere(page, "el.getAttribute('aria-label') === 'Delete List 2'");
    // When the dialog took its opener away (the list is deleted), focus goes to the page's heading.
    await opener.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete list and prospects' }).click();
    await opener.waitFor({ state: 'detached' });
    await focusWhere(page, "el.tagName === 'H1'");
    assert.equal(await focusedText(page), 'H1: Lists');
    assert.equal((await server.request('/v1/lists', { key: tenant.fullKey })).body.data.length, 2);

    // After a CSV import, focus is on its result, not on the button pressed.
    await mainNav(page).getByRole('link', { name: 'Import CSV', exact: true }).click();
    const csv = ['LinkedIn URL,First name', `${uniqueProfileUrl()},Ada`, `${uniqueProfileUrl()},Grace`].join('\n');
    await page.getByLabel(/^CSV file/).setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('combobox', { name: /^Into list/ }).selectOption({ label: 'List 1' });
    await page.getByRole('button', { name: 'Import two.csv' }).click();
    await page.locator('[data-testid=import-result][data-state=completed]').waitFor();
    await focusWhere(page, "el.tagName === 'H2' && el.closest('[data-testid=import-result]') !== null");
  });

  test('at phone width the navigation folds behind a menu button that opens, navigates, and closes on Escape', async (t) => {
    const { page } = await signedIn(t);
    await page.setViewportSize(PHONE);
    const menu = page.getByRole('button', { name: 'Menu' });
    const lists = mainNav(page).getByRole('link', { name: 'Campaigns', exact: true });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await lists.isVisible(), false, 'the navigation is folded');
    const barHeight = await page.evaluate<number>("document.querySelector('.topbar').getBoundingClientRect().height");
    assert.ok(barHeight < 64, `the folded top bar is one row (${barHeight}px)`);
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await lists.waitFor();
    await screenshot(page, 'menu-phone');
    await lists.click();
    await page.getByRole('heading', { name: 'Campaigns', exact: true }).waitFor();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'a choice closes the menu');
    assert.equal(await lists.isVisible(), false);
    await menu.click();
    await lists.waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    await focusWhere(page, "el.classList.contains('menu-button')");
    await page.setViewportSize(DESKTOP);
    assert.equal(await menu.isVisible(), false, 'no menu button at desktop width');
    await lists.waitFor();
  });

  test('every client route at desktop and at phone width: nothing pans sideways at 390 px (and each is pictured)', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const { prospectId, activityId } = await importSome(server, tenant);
    await importOverTwoWeeks(server, tenant);
    const long = 'W'.repeat(100);
    const list = await server.request('/v1/lists', { body: { name: long }, key: tenant.fullKey });
    await server.request('/v1/campaigns', { body: { name: long }, key: tenant.fullKey });
    await server.request('/v1/keys', { body: { name: long, scopes: ['import', 'read'] }, key: tenant.fullKey });
    assert.equal(list.status, 201, list.text);
    const jobId = await uploadJob(server, tenant, `${'quarterly-leads-export-'.repeat(5)}.csv`);
    const paths: Record<ClientRoute, { path: string; name: string }> = {
      '/': { path: '/', name: 'dashboard' },
      '/signin': { path: '/signin', name: 'signin-signed-in' },
      '/lists': { path: '/lists', name: 'lists' },
      '/lists/:id': { path: `/lists/${tenant.listId}`, name: 'list-prospects' },
      '/prospects': { path: '/prospects', name: 'prospects' },
      '/prospects/:id': { path: `/prospects/${prospectId}`, name: 'prospect' },
      '/campaigns': { path: '/campaigns', name: 'campaigns' },
      '/campaigns/:id': { path: `/campaigns/${tenant.campaigns.running.id}`, name: 'campaign' },
      '/activity': { path: '/activity', name: 'activity' },
      '/activity/:id': { path: `/activity/${activityId}`, name: 'activity-detail' },
      '/keys': { path: '/keys', name: 'api-keys' },
      '/import': { path: '/import', name: 'import' },
      '/imports': { path: '/imports', name: 'imports' },
      '/imports/:id': { path: `/imports/${jobId}`, name: 'import-job' },
      '/account': { path: '/account', name: 'account' },
      '/webhooks': { path: '/webhooks', name: 'webhooks' },
    };
    const wide: string[] = [];
    for (const route of CLIENT_ROUTES) {
      const { path, name } = paths[route];
      for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        await page.setViewportSize(viewport);
        await page.goto(`${server.baseUrl}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const [scroll, inner] = await scrollWidth(page);
        if (scroll > inner) wide.push(`${path} at ${width}: ${scroll}px in ${inner}px`);
        if (route === '/activity/:id' && width === 'phone') {
          // A long URL wraps across the card, not one character a line in a squeezed column.
          const urlWidth = await page.evaluate<number>("document.querySelector('td.url').getBoundingClientRect().width");
          assert.ok(urlWidth >= inner / 2, `the URL cell is ${urlWidth}px wide in a ${inner}px window`);
        }
        if (route !== '/signin') await screenshot(page, `${width}-${name}`);
      }
    }
    // The sign-in page, signed out.
    await page.context().clearCookies();
    for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      await page.setViewportSize(viewport);
      await page.goto(`${server.baseUrl}/signin`);
      await page.getByRole('heading', { name: 'Sign in to prospect-hub' }).waitFor();
      const [scroll, inner] = await scrollWidth(page);
      if (scroll > inner) wide.push(`/signin (signed out) at ${width}: ${scroll}px in ${inner}px`);
      await screenshot(page, `${width}-signin`);
    }
    assert.deepEqual(wide, [], 'pages wider than the window');
  });
});
