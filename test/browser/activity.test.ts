import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnEachEngine, screenshot, sharedBrowser, signedInApp } from '../support/browser.js';
import { inFrench } from '../support/french.js';
import { importBody, uniqueProfileUrl } from '../support/tenant.js';

// The activity detail page in Chromium (docs/app.md#activity): outcomes paged and filtered, in words
// with the code in a tooltip, and the undo with its confirmation and result.


describeOnEachEngine('activity page in Chromium', (engine) => {
  const browser = sharedBrowser();

  test('a 1,000-prospect import pages its outcomes 50 at a time, filters the failures and one outcome, and is undone after a dialog that says what will happen', async (t) => {
    const { server, tenant, page } = await signedInApp(browser(), t, engine);
    // 1,000 prospects: 997 new, 2 already in the CRM, 1 with a variable over the limit (a failure).
    const existing = [uniqueProfileUrl(), uniqueProfileUrl()];
    assert.equal((await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.lists[1]!.id, existing) })).status, 200);
    const prospects: Record<string, unknown>[] = existing.map((url) => ({ url }));
    prospects.push({ url: uniqueProfileUrl(), customVariables: [{ label: 'long', value: 'x'.repeat(1001) }] });
    for (let i = 0; i < 997; i++) prospects.push({ url: uniqueProfileUrl('many') });
    const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, prospects, { campaignId: tenant.campaigns.running.id }) });
    assert.equal(imported.status, 200, imported.text);
    const activityId = imported.body.activityId as string;

    await page.goto(`${server.baseUrl}/activity/${activityId}`);
    await page.getByRole('heading', { name: /Import from/ }).waitFor();
    const outcomes = page.getByTestId('outcome');
    const range = page.getByTestId('outcome-range');
    await range.filter({ hasText: 'Rows 1–50 of 1,000' }).waitFor();
    assert.equal(await outcomes.count(), 50, 'one page, not the 1,000');
    // Words, with the code in the tooltip.
    const firstChip = outcomes.nth(0).locator('.chip').first();
    assert.equal(await firstChip.textContent(), 'Already in your CRM');
    assert.equal(await firstChip.getAttribute('title'), 'duplicated_prospect');
    const shown = (await page.locator('main').textContent()) ?? '';
    assert.ok(!/duplicated_prospect|custom_variable_exceeds|importCode/.test(shown), 'no raw code shown as text');

    await page.getByRole('button', { name: 'Next' }).click();
    await range.filter({ hasText: 'Rows 51–100 of 1,000' }).waitFor();
    assert.equal(await outcomes.nth(0).locator('td').first().textContent(), '51');
    assert.equal(await page.evaluate('document.activeElement?.id'), 'outcomes-title', 'focus goes to the table, not the page body');
    await page.getByRole('button', { name: 'Previous' }).click();
    await range.filter({ hasText: 'Rows 1–50 of 1,000' }).waitFor();

    await page.getByLabel('Show').selectOption({ label: 'Failures only' });
    await range.filter({ hasText: 'Rows 1–1' }).waitFor();
    assert.equal(await outcomes.count(), 1);
    assert.equal(await outcomes.nth(0).locator('td').first().textContent(), '3');
    assert.equal(await outcomes.nth(0).locator('.chip').first().getAttribute('title'), 'custom_variable_exceeds_1000_chars');
    assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true);
    await page.getByLabel('Show').selectOption({ label: 'Already in your CRM (2)' });
    await range.filter({ hasText: 'Rows 1–2 of 2' }).waitFor();
    await page.getByLabel('Show').selectOption({ label: 'Enrolled (997)' });
    await range.filter({ hasText: 'Rows 1–50 of 997' }).waitFor();

    // Undo: the dialog says what will happen, from a dry run; nothing changes before the confirmation.
    await page.getByRole('button', { name: 'Undo this import…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const preview = (await dialog.getByTestId('undo-preview').textContent()) ?? '';
    assert.match(preview, /997 prospects it added will be deleted/);
    assert.match(preview, /997 campaign enrolments it made will be removed/);
    await screenshot(page, 'activity-undo-dialog');
    assert.equal((await server.request('/prospectLists/getProspectLists', { key: tenant.key })).body[0].totalProspects, 997, 'the dry run changed nothing');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate('document.activeElement?.textContent?.slice(0, 40)'), 'Undo this import…', 'focus returns to the button');

    await page.getByRole('button', { name: 'Undo this import…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click();
    const result = page.getByTestId('undo-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /997 prospects it added deleted; 997 campaign enrolments it made removed\./);
    assert.equal(await page.evaluate("document.activeElement?.getAttribute('data-testid')"), 'undo-result');
    await screenshot(page, 'activity-undone');
    assert.equal((await server.request('/prospectLists/getProspectLists', { key: tenant.key })).body[0].totalProspects, 0);

    // The feed marks it, and a reload shows it undone with no button left.
    await page.reload();
    await page.getByTestId('undo-result').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Undo this import…' }).count(), 0);
    await page.goto(`${server.baseUrl}/activity`);
    await page.locator('tr', { hasText: 'Undone' }).first().waitFor();
  });

  test('in French for a French user: the feed, an import’s outcomes in words, French numbers and dates, the undo', async (t) => {
    const { server, tenant, page } = await signedInApp(browser(), t, engine);
    const prospects: Record<string, unknown>[] = [{ url: uniqueProfileUrl(), customVariables: [{ label: 'long', value: 'x'.repeat(1001) }] }];
    for (let i = 0; i < 999; i++) prospects.push({ url: uniqueProfileUrl('many') });
    const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, prospects) });
    assert.equal(imported.status, 200, imported.text);

    await inFrench(server, tenant, page, '/activity');
    await page.getByRole('heading', { name: 'Activité', level: 1 }).waitFor();
    await page.getByText('chaque import, le plus récent d’abord').waitFor();
    await page.getByRole('columnheader', { name: 'Origine' }).waitFor();
    const row = page.locator('tbody tr').first();
    // fr-FR: 1 000 (a narrow no-break space, which \s matches), and 3 déc. 2026 …
    await row.locator('td').nth(5).filter({ hasText: /^1\s000$/ }).waitFor();
    const when = row.getByRole('link').first();
    assert.match((await when.textContent()) ?? '', /^\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? \d{4}/);
    await row.getByText('Importé : 999').waitFor();

    await when.click();
    await page.getByRole('heading', { name: /^Import depuis/ }).waitFor();
    await page.getByRole('heading', { name: 'Résultat par prospect' }).waitFor();
    const range = page.getByTestId('outcome-range');
    await range.filter({ hasText: /^Lignes 1–50 sur 1\s000$/ }).waitFor();
    await page.getByLabel('Afficher').selectOption({ label: 'Échecs uniquement' });
    await range.filter({ hasText: /^Lignes 1–1$/ }).waitFor();
    const chip = page.getByTestId('outcome').first().locator('.chip').first();
    assert.equal(await chip.textContent(), 'Une variable est trop longue');
    assert.equal(await chip.getAttribute('title'), 'custom_variable_exceeds_1000_chars', 'the code in the tooltip');

    await page.getByRole('button', { name: 'Annuler cet import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Annuler cet import ?' });
    assert.match((await dialog.getByTestId('undo-preview').textContent()) ?? '', /999 prospects ajoutés par l’import seront supprimés/);
    await screenshot(page, 'activity-undo-fr');
    await dialog.getByRole('button', { name: 'Annuler l’import' }).click();
    const result = page.getByTestId('undo-result');
    await result.getByRole('heading', { name: /^Annulé le \d/ }).waitFor();
    assert.match((await result.textContent()) ?? '', /999 prospects ajoutés par l’import supprimés\./);
  });
});
