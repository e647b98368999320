import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { newId } from '../../src/ids.js';
import { searchTextOf } from '../../src/store/prospect-search.js';
import type { NewProspectRow } from '../../src/store/schema.js';
import { chunk, nowIso } from '../../src/store/time.js';
import { describeOnEachEngine, screenshot, sharedBrowser, signedInApp } from '../support/browser.js';
import { inFrench } from '../support/french.js';
import type { startServer, TestServer } from '../support/server.js';
import { importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// The prospect table in Chromium (docs/app.md#the-prospect-table): filters in the URL that survive a
// reload, saved views, column choices, select-all-matching with exact counts and outcomes in words, tags,
// 100,000 prospects moved at once, and cards at phone width. The /v1 side on both engines is
// test/v1/prospect-filters.test.ts.


describeOnEachEngine('the prospect table in Chromium', (engine) => {
  const browser = sharedBrowser();
  const signedIn = (t: Parameters<typeof startServer>[0]) => signedInApp(browser(), t, engine);

  const headers = (page: Page) => page.locator('[data-testid="prospect-table"] thead th').allTextContents();
  const names = (page: Page) => page.locator('[data-testid="prospect-table"] tbody tr td:nth-child(2)').allTextContents();
  const total = (page: Page, text: string) => page.getByTestId('total').filter({ hasText: text }).waitFor();

  test('filters combine, show in the URL and survive a reload; columns are chosen and remembered; a saved view reopens them', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const people = [
      { url: uniqueProfileUrl(), customProfile: { firstName: 'Ada', lastName: 'A', occupation: 'CTO', email: 'ada@acme.test', company: { name: 'Acme' } }, customVariables: [{ label: 'source', value: 'fair' }] },
      { url: uniqueProfileUrl(), customProfile: { firstName: 'Bob', lastName: 'B', occupation: 'CEO', company: { name: 'Acme' } } },
      { url: uniqueProfileUrl(), customProfile: { firstName: 'Cy', lastName: 'C', email: 'cy@other.test', company: { name: 'Other' } } },
      { url: uniqueProfileUrl(), customProfile: { firstName: 'Di', lastName: 'D', email: 'di@acme.test', company: { name: 'ACME Labs' } }, customVariables: [{ label: 'source', value: 'web' }] },
    ];
    const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, people) });
    assert.equal(imported.status, 200, imported.text);
    await page.getByRole('link', { name: 'List 1' }).click();
    await total(page, '4 prospects');

    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('E-mail', { exact: true }).selectOption({ label: 'With an e-mail' });
    await page.getByLabel('Company contains').fill('acme');
    await page.getByRole('button', { name: 'Search' }).click();
    await total(page, '2 matching the filters');
    assert.deepEqual(new URL(page.url()).searchParams.toString(), 'company=acme&hasEmail=true');
    assert.deepEqual(await names(page), ['Di D', 'Ada A']);
    // The head's export is the filtered table, not the whole list.
    const href = (await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')) ?? '';
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    assert.deepEqual(csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[1]).sort(), ['Ada', 'Di']);

    await page.reload();
    await total(page, '2 matching the filters');
    assert.deepEqual(await names(page), ['Di D', 'Ada A']);
    assert.equal(await page.getByLabel('Company contains').inputValue(), 'acme', 'the form shows the filters of the URL');
    assert.equal(await page.getByRole('button', { name: 'Filters (2)' }).getAttribute('aria-expanded'), 'true');

    // Columns: a custom variable shown, occupation hidden, company moved first; remembered on reload.
    await page.getByText('Columns', { exact: true }).click();
    await page.getByLabel('Show source').check();
    await page.getByLabel('Show Occupation').uncheck();
    await page.getByRole('button', { name: 'Move E-mail up' }).click();
    assert.deepEqual((await headers(page)).slice(1), ['Name', 'E-mail', 'Company', 'Origin', 'Added', 'Campaign', 'source']);
    assert.match((await page.locator('tbody tr').first().textContent()) ?? '', /web$/);
    await page.reload();
    await total(page, '2 matching the filters');
    assert.deepEqual((await headers(page)).slice(1), ['Name', 'E-mail', 'Company', 'Origin', 'Added', 'Campaign', 'source']);
    await screenshot(page, 'prospects-filtered');

    // Saved as a view, reopened from another page with its filters and columns.
    await page.getByRole('button', { name: 'Save as view…' }).click();
    await page.getByRole('dialog').getByLabel('View name').fill('Acme with e-mail');
    await page.getByRole('dialog').getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('status').filter({ hasText: 'View “Acme with e-mail” saved.' }).waitFor();
    await page.waitForURL(/view=/);
    const views = await server.request('/v1/views', { key: tenant.fullKey });
    assert.deepEqual(views.body.data.map((v: { name: string; filter: unknown }) => [v.name, v.filter]), [['Acme with e-mail', { listId: tenant.listId, company: 'acme', hasEmail: true }]]);
    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('button', { name: 'Default columns' }).click();
    await page.goto(`${server.baseUrl}/prospects`);
    await total(page, '4 prospects');
    await page.getByLabel('Saved view').selectOption({ label: 'Acme with e-mail' });
    await total(page, '2 matching the filters');
    assert.equal(new URL(page.url()).pathname, `/lists/${tenant.listId}`);
    assert.deepEqual(await names(page), ['Di D', 'Ada A']);
    assert.deepEqual((await headers(page)).slice(1), ['Name', 'E-mail', 'Company', 'Origin', 'Added', 'Campaign', 'source'], 'the view brings its columns');
    // Renamed, then deleted: the view goes, the prospects stay.
    await page.getByRole('button', { name: 'Rename view…' }).click();
    await page.getByRole('dialog').getByLabel('View name').fill('Acme mails');
    await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('status').filter({ hasText: 'View “Acme mails” updated.' }).waitFor();
    await page.getByRole('button', { name: 'Delete view…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete view' }).click();
    await page.getByRole('status').filter({ hasText: 'View “Acme mails” deleted.' }).waitFor();
    assert.deepEqual((await server.request('/v1/views', { key: tenant.fullKey })).body.data, []);
    await total(page, '2 matching the filters');
  });

  test('select all that match: an exact count before, a bulk enrolment said in words after, the holding campaign linked', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await seedProspects(server, tenant, 120, { email: true });
    const busy = await server.request('/v1/prospects?limit=30', { key: tenant.fullKey });
    const held = await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'enrol', ids: busy.body.data.map((p: { id: string }) => p.id), campaignId: tenant.campaigns.paused.id } });
    assert.deepEqual(held.body.counts, { success: 30, not_found: 0 });
    await page.getByRole('link', { name: 'List 1' }).click();
    await total(page, '120 prospects');
    await page.getByTestId('page-number').filter({ hasText: 'Page 1 of 3' }).waitFor();

    await page.getByLabel('Select all on this page').check();
    const selection = page.getByTestId('selection');
    assert.match((await selection.textContent()) ?? '', /50 selected All 50 on this page are selected\./);
    await page.getByRole('button', { name: 'Select all 120 that match' }).click();
    await selection.filter({ hasText: 'All 120 prospects that match are selected.' }).waitFor();
    await page.getByLabel('Enrol in').selectOption({ label: 'Running (running)' });
    await page.getByRole('button', { name: 'Enrol…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enrol 120 prospects in “Running”?' });
    await dialog.getByRole('button', { name: 'Enrol', exact: true }).click();
    const outcome = page.getByTestId('bulk-outcome');
    await outcome.filter({ hasText: 'Enrolled 90 prospects in “Running”; 30 already in campaign “Paused”.' }).waitFor();
    assert.match((await outcome.getAttribute('class')) ?? '', /tone-warning/, 'not the colour of a full success');
    assert.equal(await page.evaluate('document.activeElement?.dataset.testid'), 'bulk-outcome', 'focus goes to what happened, not to the page body');
    assert.equal(await outcome.getByRole('link', { name: '“Paused”' }).getAttribute('href'), `/campaigns/${tenant.campaigns.paused.id}`);
    await screenshot(page, 'prospects-bulk-outcome');

    // The campaign filter then finds them: 90 travel Running now.
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Campaign', { exact: true }).selectOption({ label: 'Running' });
    await page.getByLabel('Enrolment').selectOption({ label: 'Travelling it now' });
    await page.getByRole('button', { name: 'Search' }).click();
    await total(page, '90 matching the filters');
    await page.getByTestId('page-number').filter({ hasText: 'Page 1 of 2' }).waitFor();
  });

  test('tags: filter by tag in the URL and after a reload, tag all that match with the exact count, untag, the Tags column', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await seedProspects(server, tenant, 60);
    const firstFive = await server.request('/v1/prospects?limit=5', { key: tenant.fullKey });
    const tagged = await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'tag', ids: firstFive.body.data.map((p: { id: string }) => p.id), tags: ['Fair 2026'] } });
    assert.deepEqual(tagged.body.counts, { tagged: 5, unchanged: 0, not_found: 0 });
    const prospectsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Prospects' });
    await prospectsLink.click();
    await total(page, '60 prospects');
    assert.equal(await prospectsLink.getAttribute('aria-current'), 'page', 'the page is under its own entry');

    // The filter offers the tags in use; it goes in the URL and survives a reload.
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Tag', { exact: true }).selectOption({ label: 'Fair 2026' });
    await page.getByRole('button', { name: 'Search' }).click();
    await total(page, '5 matching the filters');
    assert.equal(new URL(page.url()).searchParams.get('tag'), 'Fair 2026');
    await page.reload();
    await total(page, '5 matching the filters');
    assert.equal(await page.getByLabel('Tag', { exact: true }).inputValue(), 'Fair 2026', 'the form shows the tag of the URL');
    assert.deepEqual(await names(page), ['Seed 59', 'Seed 58', 'Seed 57', 'Seed 56', 'Seed 55']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await total(page, '60 prospects');

    // All 60 that match tagged, typed in another case: one tag, the 5 that had it counted apart.
    await page.getByLabel('Select all on this page').check();
    await page.getByRole('button', { name: 'Select all 60 that match' }).click();
    await page.getByRole('button', { name: 'Tag…', exact: true }).click();
    const tagDialog = page.getByRole('dialog', { name: 'Tag 60 prospects' });
    await tagDialog.getByLabel('Tag name').fill('fair 2026');
    await tagDialog.getByRole('button', { name: 'Tag', exact: true }).click();
    const outcome = page.getByTestId('bulk-outcome');
    await outcome.filter({ hasText: 'Tagged 55 prospects “fair 2026”; 5 already had it.' }).waitFor();
    const tags = await server.request('/v1/tags', { key: tenant.fullKey });
    assert.deepEqual(tags.body.data.map((tag: { name: string; prospects: number }) => [tag.name, tag.prospects]), [['Fair 2026', 60]]);

    // One row untagged.
    await page.getByLabel('Select Seed 59').check();
    await page.getByRole('button', { name: 'Untag…' }).click();
    const untagDialog = page.getByRole('dialog', { name: 'Remove a tag from 1 prospect' });
    await untagDialog.getByLabel('Tag name').fill('Fair 2026');
    await untagDialog.getByRole('button', { name: 'Untag', exact: true }).click();
    await outcome.filter({ hasText: 'Removed “Fair 2026” from 1 prospect.' }).waitFor();
    assert.match((await outcome.getAttribute('class')) ?? '', /tone-success/);
    assert.equal((await server.request('/v1/prospects/count?tag=fair%202026', { key: tenant.fullKey })).body.total, 59);

    // The Tags column, chosen like the others.
    await page.getByText('Columns', { exact: true }).click();
    await page.getByLabel('Show Tags').check();
    assert.deepEqual((await headers(page)).slice(-1), ['Tags']);
    const tagCells = page.locator('[data-testid="prospect-table"] tbody td[data-label="Tags"]');
    await tagCells.nth(1).filter({ hasText: 'Fair 2026' }).waitFor();
    assert.equal(await tagCells.first().textContent(), '—', 'the untagged prospect has none');
  });

  test('100,000 prospects: page count and a jump, then all of them moved at once with exact counts', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await seedProspects(server, tenant, 100_000);
    await page.getByRole('link', { name: 'List 1' }).click();
    await total(page, '100,000 prospects');
    await page.getByTestId('page-number').filter({ hasText: 'Page 1 of 2,000' }).waitFor();
    await page.getByLabel('Go to page').fill('2000');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await page.getByTestId('page-number').filter({ hasText: 'Page 2,000 of 2,000' }).waitFor();
    await page.locator('tbody tr').last().locator('td:nth-child(2)', { hasText: /^Seed 0$/ }).waitFor();
    assert.equal((await names(page)).length, 50);
    assert.equal(new URL(page.url()).searchParams.get('page'), '2000', 'the page is in the URL');
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.locator('tbody tr').first().locator('td:nth-child(2)', { hasText: /^Seed 99$/ }).waitFor();

    await page.getByLabel('Select all on this page').check();
    await page.getByRole('button', { name: 'Select all 100,000 that match' }).click();
    await page.getByLabel('Move to').selectOption({ label: 'List 2' });
    await page.getByRole('button', { name: 'Move…' }).click();
    // The server runs in this process: while SQLite moves 100,000 rows, the click's answer waits too.
    await page.getByRole('dialog', { name: 'Move 100,000 prospects to “List 2”?' }).getByRole('button', { name: 'Move', exact: true }).click({ timeout: 300_000 });
    await page.getByTestId('bulk-outcome').filter({ hasText: 'Moved 100,000 prospects to “List 2”.' }).waitFor({ timeout: 300_000 });
    assert.match((await page.getByTestId('bulk-outcome').getAttribute('class')) ?? '', /tone-success/);
    const lists = await server.request('/prospectLists/getProspectLists', { key: tenant.key });
    assert.deepEqual(lists.body.map((l: { totalProspects: number }) => l.totalProspects), [0, 100_000, 0]);
    const inTarget = await server.request(`/v1/prospects/count?listId=${tenant.lists[1]!.id}`, { key: tenant.fullKey });
    assert.equal(inTarget.body.total, 100_000);
  });

  test('at phone width the table is a list of cards, no wider than the window', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await seedProspects(server, tenant, 12, { email: true });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${server.baseUrl}/lists/${tenant.listId}`);
    await total(page, '12 prospects');
    const row = page.locator('[data-testid="prospect-table"] tbody tr').first();
    await row.waitFor();
    const style = (selector: string, pseudo = '', property = 'display') =>
      page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)}), ${JSON.stringify(pseudo || null)}).${property}`);
    assert.equal(await style('[data-testid="prospect-table"] tbody tr'), 'block');
    assert.equal(await style('[data-testid="prospect-table"] tbody tr td[data-label="E-mail"]', '::before', 'content'), '"E-mail"');
    const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');
    assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth}px wide in a ${innerWidth}px window`);
    await screenshot(page, 'prospects-mobile');
  });

  test('in French for a French user: headings, filters, columns, French numbers and dates, a bulk tag said in French', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await seedProspects(server, tenant, 1200);
    await inFrench(server, tenant, page, `/lists/${tenant.listId}`);
    // fr-FR groups thousands with a (narrow) no-break space: \s matches it.
    await page.getByTestId('total').filter({ hasText: /^1\s200 prospects$/ }).waitFor();
    await page.getByTestId('page-number').filter({ hasText: /^Page 1 sur 24$/ }).waitFor();
    assert.deepEqual(await headers(page), ['', 'Nom', 'Poste', 'Entreprise', 'E-mail', 'Origine', 'Ajouté le', 'Campagne']);
    const added = (await page.locator('[data-testid="prospect-table"] tbody tr td[data-label="Ajouté le"]').first().textContent()) ?? '';
    assert.match(added, /^\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? \d{4}$/);
    await page.getByRole('link', { name: 'Tous les prospects' }).waitFor();
    await page.getByRole('link', { name: 'Exporter en CSV' }).waitFor();
    await page.getByText('Colonnes', { exact: true }).waitFor();
    await page.getByLabel('Lignes par page').waitFor();

    await page.getByRole('button', { name: 'Filtres' }).click();
    await page.getByLabel('L’entreprise contient').fill('Company 99');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByTestId('total').filter({ hasText: /^12 correspondant aux filtres$/ }).waitFor();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.getByTestId('total').filter({ hasText: /^1\s200 prospects$/ }).waitFor();

    await page.getByLabel('Tout sélectionner sur cette page').check();
    const selection = page.getByTestId('selection');
    assert.match((await selection.textContent()) ?? '', /50 sélectionnés Les 50 prospects de cette page sont sélectionnés\./);
    await page.getByRole('button', { name: /^Sélectionner les 1\s200 qui correspondent$/ }).click();
    await page.getByRole('button', { name: 'Taguer…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Taguer 1\s200 prospects$/ });
    await dialog.getByLabel('Nom du tag').fill('VIP');
    await dialog.getByRole('button', { name: 'Taguer', exact: true }).click();
    await page.getByTestId('bulk-outcome').filter({ hasText: /^1\s200 prospects tagués « VIP »\.$/ }).waitFor();
    await screenshot(page, 'prospects-fr');
  });
});

/** Seeds the tenant's first list straight through the store: multi-row inserts in one transaction, counts set to match. */
async function seedProspects(server: TestServer, tenant: Tenant, n: number, options: { email?: boolean } = {}): Promise<void> {
  const base = Date.now() - n * 1000;
  const rows: NewProspectRow[] = Array.from({ length: n }, (_, i) => {
    const at = nowIso(base + i * 1000);
    const identifier = `seed-${i}-${tenant.user.id}`;
    const url = `https://www.linkedin.com/in/${identifier}`;
    return {
      id: newId(base + i * 1000),
      user_id: tenant.user.id,
      list_id: tenant.listId,
      public_identifier: identifier,
      member_id: null,
      sales_member_id: null,
      linkedin_url: url,
      profile: JSON.stringify({ firstName: 'Seed', lastName: String(i) }),
      first_name: 'Seed',
      last_name: String(i),
      occupation: 'Engineer',
      email: options.email ? `seed${i}@example.test` : null,
      company_name: `Company ${i % 100}`,
      search_text: searchTextOf({ firstName: 'Seed', lastName: String(i), company: `Company ${i % 100}`, publicIdentifier: identifier, linkedinUrl: url }),
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
