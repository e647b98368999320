import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { runChunk } from '../../src/services/import-jobs/run-chunk.js';
import { claimJob } from '../../src/store/import-jobs.js';
import { nowIso } from '../../src/store/time.js';
import { inTransaction } from '../../src/store/transaction.js';
import { describeOnEachEngine, screenshot, sharedBrowser, signedInApp } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import { importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';

// The imports history and an import job's page in Chromium (docs/app.md#imports): jobs and API
// imports together, newest first and paged; a job's live progress, its results filtered, the
// failed-rows file, Cancel and Undo each behind a confirmation.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** A CSV job uploaded as the app uploads it (multipart, a file name); answers its id at once. */
async function uploadCsv(server: TestServer, tenant: Tenant, fileName: string, lines: string[]): Promise<string> {
  const form = new FormData();
  form.append('options', JSON.stringify({ prospectListId: tenant.listId, origin: { name: 'CSV' } }));
  form.append('file', new Blob([['LinkedIn URL,First name', ...lines].join('\n')], { type: 'text/csv' }), fileName);
  const answer = await fetch(`${server.baseUrl}/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${tenant.fullKey}` }, body: form });
  const job = (await answer.json()) as { id: string };
  assert.equal(answer.status, 202, JSON.stringify(job));
  return job.id;
}

async function waitUntilEnded(server: TestServer, tenant: Tenant, id: string): Promise<any> {
  for (;;) {
    const read = await server.request(`/v1/imports/${id}`, { key: tenant.fullKey });
    assert.equal(read.status, 200, read.text);
    if (!['queued', 'running'].includes(read.body.state)) return read.body;
    await new Promise((done) => setTimeout(done, 50));
  }
}

async function importDirect(server: TestServer, tenant: Tenant, origin: string, n = 1): Promise<string> {
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, Array.from({ length: n }, () => uniqueProfileUrl()), { origin: { name: origin } }) });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.activityId as string;
}

const rowTexts = (page: Page) => page.getByTestId('history-row').allInnerTexts();

describeOnEachEngine('imports history and job page in Chromium', (engine) => {
  const browser = sharedBrowser();

  test('the history lists import jobs and API imports together, newest first, 25 a page, each linked to its page', async (t) => {
    const { server, tenant, page } = await signedInApp(browser(), t, engine, { MAX_BATCH: '2' });
    const first = await importDirect(server, tenant, 'n8n', 2);
    const csv = await uploadCsv(server, tenant, 'leads.csv', [`${uniqueProfileUrl()},Ada`, 'https://example.com/nobody,Bob', `${uniqueProfileUrl()},Cy`]);
    const csvJob = await waitUntilEnded(server, tenant, csv);
    assert.equal(csvJob.activityIds.length, 2, 'three rows in chunks of two: two requests, listed only as the job');
    for (let i = 0; i < 24; i++) await importDirect(server, tenant, 'bulk');
    const make = await importDirect(server, tenant, 'make');
    const json = await server.request('/v1/imports', { key: tenant.fullKey, body: { prospectListId: tenant.listId, origin: { name: 'Zapier' }, prospects: [{ url: uniqueProfileUrl() }] } });
    assert.equal(json.status, 202, json.text);
    await waitUntilEnded(server, tenant, json.body.id);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports', exact: true }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    const rows = page.getByTestId('history-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 25, 'one page of 25');
    const kinds = await Promise.all([0, 1, 2].map(async (i) => `${await rows.nth(i).getAttribute('data-kind')}:${await rows.nth(i).getAttribute('data-state')}`));
    assert.deepEqual(kinds, ['job:completed', 'request:completed', 'request:completed']);
    const texts = await rowTexts(page);
    assert.match(texts[0]!, /JSON import job[\s\S]*via Zapier[\s\S]*Completed[\s\S]*1 of 1[\s\S]*Imported: 1/);
    assert.match(texts[1]!, /API import[\s\S]*Make[\s\S]*into List 1[\s\S]*Done[\s\S]*1 prospect\b/);

    await page.getByRole('button', { name: 'Older imports' }).click();
    await rows.nth(27).waitFor();
    await screenshot(page, 'desktop-imports');
    assert.equal(await rows.count(), 28, 'every entry once: 24 + 2 API imports, 2 jobs');
    assert.equal(await page.getByRole('button', { name: 'Older imports' }).count(), 0, 'nothing older');
    const all = await rowTexts(page);
    assert.match(all[26]!, /leads\.csv[\s\S]*via CSV[\s\S]*Completed with errors[\s\S]*3 of 3[\s\S]*1 failed/);
    assert.match(all[27]!, /API import[\s\S]*n8n[\s\S]*2 prospects/);
    assert.equal(await rows.nth(27).getByRole('link').getAttribute('href'), `/activity/${first}`);
    assert.equal(await rows.nth(1).getByRole('link').getAttribute('href'), `/activity/${make}`);

    await page.setViewportSize(PHONE);
    await page.goto(`${server.baseUrl}/imports`);
    await rows.first().waitFor();
    const [scroll, inner] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');
    assert.ok(scroll <= inner, `the history is ${scroll}px wide in a ${inner}px window`);
    await screenshot(page, 'phone-imports');
    await page.setViewportSize(DESKTOP);

    await rows.nth(0).getByRole('link').click();
    await page.getByRole('heading', { name: 'Import of JSON prospects' }).waitFor();
    await page.getByRole('link', { name: '← Imports' }).click();
    await page.getByRole('button', { name: 'Older imports' }).click();
    await rows.nth(26).getByRole('link').click();
    await page.getByRole('heading', { name: 'Import of leads.csv' }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/imports/${csv}`);
  });

  test('the history follows a job that runs, without a reload', async (t) => {
    // No runner in the server: the test runs the job's chunks itself, as an instance's runner would.
    const { server, tenant, page } = await signedInApp(browser(), t, engine, { MAX_BATCH: '100', IMPORT_RUNNER_SLOTS: '0' });
    const id = await uploadCsv(server, tenant, 'autumn-leads.csv', Array.from({ length: 200 }, (_, i) => `${uniqueProfileUrl()},P${i}`));
    await page.goto(`${server.baseUrl}/imports`);
    const row = page.locator('[data-testid=history-row][data-kind=job]');
    await row.filter({ hasText: '0 of 200' }).waitFor();
    assert.equal(await row.getAttribute('data-state'), 'queued');
    const owner = 'browser-test';
    assert.ok(await inTransaction(server.database, (trx) => claimJob(trx, id, tenant.user.id, owner, nowIso(), nowIso(Date.now() + 60_000), 2)));
    assert.equal(await runChunk(server.database, id, owner, 0, 60_000), 'next');
    await page.locator('[data-testid=history-row][data-kind=job][data-state=running]').filter({ hasText: '100 of 200' }).waitFor();
    // The last chunk's rows, then the pass that finds none left and ends the job.
    assert.equal(await runChunk(server.database, id, owner, 1, 60_000), 'next');
    assert.equal(await runChunk(server.database, id, owner, 2, 60_000), 'finished');
    await page.locator('[data-testid=history-row][data-kind=job][data-state=completed]').filter({ hasText: '200 of 200' }).waitFor();
    assert.match(await row.innerText(), /autumn-leads\.csv[\s\S]*Completed[\s\S]*Imported: 200/);
  });

  test('a job\'s page: live progress, results filtered, the failed rows, Cancel then Undo, each after a dialog, with what could not be undone', async (t) => {
    // No runner in the server: the test runs the job's chunks itself, one at a time, as an instance's runner would.
    const { server, tenant, page } = await signedInApp(browser(), t, engine, { MAX_BATCH: '100', IMPORT_RUNNER_SLOTS: '0' });
    const lines = Array.from({ length: 300 }, (_, i) => (i % 40 === 7 ? `https://example.com/nobody-${i},Bad` : `${uniqueProfileUrl()},P${i}`));
    const id = await uploadCsv(server, tenant, 'spring-leads.csv', lines);
    await page.goto(`${server.baseUrl}/imports/${id}`);
    await page.getByRole('heading', { name: 'Import of spring-leads.csv' }).waitFor();
    await page.locator('[data-testid=job-summary][data-state=queued]').waitFor();
    assert.equal(await page.getByTestId('job-rows').textContent(), '0 of 300');
    assert.equal(await page.getByTestId('job-left').textContent(), '—');

    const owner = 'browser-test';
    const lease = () => nowIso(Date.now() + 60_000);
    const claimed = await inTransaction(server.database, (trx) => claimJob(trx, id, tenant.user.id, owner, nowIso(), lease(), 2));
    assert.ok(claimed, 'the test holds the job');
    assert.equal(await runChunk(server.database, id, owner, 0, 60_000), 'next');
    // The page reads the job every second: the first chunk shows without a reload.
    await page.getByTestId('job-rows').filter({ hasText: '100 of 300' }).waitFor();
    await page.locator('[data-testid=job-summary][data-state=running]').waitFor();
    assert.match((await page.getByTestId('job-rate').textContent()) ?? '', /^[\d,]+ rows\/s$/);
    assert.match((await page.getByTestId('job-left').textContent()) ?? '', /^[\d,]+ s$|^\d+ min \d+ s$/);
    assert.equal(await page.getByTestId('job-failed').textContent(), '3');
    await page.getByTestId('results-range').filter({ hasText: 'Rows 1–50 of 100' }).waitFor();
    assert.equal(await page.getByRole('link', { name: /failed rows/ }).count(), 0, 'the failed-rows file once the job has ended');
    await screenshot(page, 'desktop-import-job');

    // Results: page, then only the failures, then one outcome.
    const results = page.getByTestId('result');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByTestId('results-range').filter({ hasText: 'Rows 51–100 of 100' }).waitFor();
    assert.equal(await results.nth(0).locator('td').first().textContent(), '51');
    await page.getByLabel('Show').selectOption({ label: 'Failures only' });
    await page.getByTestId('results-range').filter({ hasText: 'Rows 1–3 of 3' }).waitFor();
    assert.deepEqual(await results.locator('td:first-child').allTextContents(), ['8', '48', '88']);
    assert.equal(await results.nth(0).locator('.chip').first().getAttribute('title'), 'invalid_row');
    await page.getByLabel('Show').selectOption({ label: 'Imported (97)' });
    await page.getByTestId('results-range').filter({ hasText: 'Rows 1–50 of 97' }).waitFor();

    // Cancel: a dialog first; its Cancel changes nothing.
    await page.getByRole('button', { name: 'Cancel import…' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByText(/rows already imported stay imported/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await server.request(`/v1/imports/${id}`, { key: tenant.fullKey })).body.state, 'running');
    await page.getByRole('button', { name: 'Cancel import…' }).click();
    const canceling = page.waitForResponse((answer) => answer.url().endsWith(`/v1/imports/${id}/cancel`));
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel import' }).click();
    assert.equal((await canceling).status(), 200);
    // The runner stops at its next chunk.
    assert.equal(await runChunk(server.database, id, owner, 1, 60_000), 'finished');
    await page.locator('[data-testid=job-summary][data-state=canceled]').waitFor();
    assert.equal(await page.getByTestId('job-state').textContent(), 'Canceled');
    assert.equal(await page.getByTestId('job-rows').textContent(), '100 of 300');
    assert.equal(await page.getByRole('button', { name: 'Cancel import…' }).count(), 0);
    const link = page.getByRole('link', { name: 'Download the 3 failed rows (CSV, with the reason in an error column)' });
    const failed = await page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).text(), (await link.getAttribute('href'))!);
    assert.deepEqual(failed.trim().split(/\r?\n/).map((line) => line.split(',').slice(0, 2).join(',')), ['LinkedIn URL,First name', 'https://example.com/nobody-7,Bad', 'https://example.com/nobody-47,Bad', 'https://example.com/nobody-87,Bad']);

    // One prospect is changed after the import: the undo keeps it, and says so.
    const prospects = await server.request(`/v1/prospects?listId=${tenant.listId}&limit=5`, { key: tenant.fullKey });
    const changed = await server.request(`/v1/prospects/${prospects.body.data[0].id}`, { method: 'PATCH', key: tenant.fullKey, body: { profile: { occupation: 'Changed since' }, overwrite: true } });
    assert.equal(changed.status, 200, changed.text);
    await page.getByRole('button', { name: 'Undo this import…' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByTestId('undo-preview').waitFor();
    assert.equal(await dialog.getByTestId('undo-preview').textContent(), '96 prospects it added will be deleted.');
    await dialog.getByText('1 change stays as it is, because it was changed after the import.').waitFor();
    assert.equal(await dialog.getByTestId('not-undone').locator('tbody tr').count(), 1);
    assert.equal((await server.request('/prospectLists/getProspectLists', { key: tenant.key })).body[0].totalProspects, 97, 'asking changes nothing');
    await dialog.getByRole('button', { name: 'Undo import' }).click();
    const undone = page.getByTestId('job-undone');
    await undone.getByText('96 prospects it added deleted.').waitFor();
    await undone.getByText('1 change stays as it is, because it was changed after the import.').waitFor();
    assert.match((await undone.getByTestId('not-undone').textContent()) ?? '', /Added by the import.*Changed since/);
    await page.locator('[data-testid=job-summary][data-state=reverted]').waitFor();
    assert.equal((await server.request('/prospectLists/getProspectLists', { key: tenant.key })).body[0].totalProspects, 1);
    assert.equal(await page.getByRole('button', { name: 'Undo this import…' }).count(), 0);

    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole('heading', { name: 'Import of spring-leads.csv' }).waitFor();
    await page.getByTestId('job-undone').waitFor();
    await page.getByTestId('results-range').waitFor();
    const [scroll, inner] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');
    assert.ok(scroll <= inner, `the job page is ${scroll}px wide in a ${inner}px window`);
    await screenshot(page, 'phone-import-job');
  });

  test('in French: the history and the job page speak French', async (t) => {
    const { server, tenant, page } = await signedInApp(browser(), t, engine);
    const id = await uploadCsv(server, tenant, 'prospects.csv', [`${uniqueProfileUrl()},Ada`, 'https://example.com/nobody,Bob']);
    await waitUntilEnded(server, tenant, id);
    assert.equal((await server.request('/v1/account', { method: 'PATCH', key: tenant.fullKey, body: { language: 'fr' } })).status, 200);
    await page.goto(`${server.baseUrl}/imports`);
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    await page.locator('html[lang=fr]').waitFor();
    assert.match((await page.getByTestId('history-row').first().innerText()) ?? '', /prospects\.csv[\s\S]*Terminé avec des erreurs[\s\S]*2 sur 2[\s\S]*1 en échec/);
    await page.getByTestId('history-row').first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Import de prospects.csv' }).waitFor();
    await page.getByRole('link', { name: 'Télécharger la ligne en échec (CSV, avec la raison dans une colonne error)' }).waitFor();
    await page.getByRole('button', { name: 'Annuler cet import…' }).waitFor();
    await page.getByLabel('Afficher').selectOption({ label: 'Les échecs seulement' });
    await page.getByTestId('results-range').filter({ hasText: 'Lignes 1 à 1 sur 1' }).waitFor();
  });
});
