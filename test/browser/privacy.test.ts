import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnEachEngine, screenshot, sharedBrowser, signedInApp } from '../support/browser.js';
import { prospectRows } from '../support/compatible-api.js';
import type { startServer } from '../support/server.js';
import { importBody, uniqueProfileUrl } from '../support/tenant.js';

// The prospect page's privacy actions in real Chromium (docs/v1.md#privacy-erasure-do-not-contact-access):
// do-not-contact, then erasure behind a confirmation that says what happens.


describeOnEachEngine('privacy actions in Chromium', (engine) => {
  const browser = sharedBrowser();

  const signedIn = (t: Parameters<typeof startServer>[0]) => signedInApp(browser(), t, engine);

  test('mark a person do-not-contact, then erase them: the dialog says what happens, the person is gone and cannot be imported again', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const url = uniqueProfileUrl('grace');
    const person = { url, customProfile: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.test' } };
    const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [person], { campaignId: tenant.campaigns.running.id }) });
    const id = imported.body.result[0].prospect._id as string;
    const copy = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.lists[1]!.id, [person], { canCreateDuplicates: true }) });
    assert.equal(copy.body.result[0].importCode, 'success');

    await page.goto(`${server.baseUrl}/prospects/${id}`);
    await page.getByRole('heading', { name: 'Grace Hopper' }).waitFor();
    // The switch shows what the server holds: it turns on once the mark is stored.
    await page.getByLabel('Do not contact').click();
    await page.getByText(/Marked do-not-contact: Grace Hopper stays in your CRM but is never enrolled in a campaign \(all 2 copies\)/).waitFor();
    assert.ok((await prospectRows(server.database, tenant.user.id)).every((r) => Number(r.do_not_contact) === 1), 'every copy is marked');

    await page.getByRole('button', { name: 'Erase this person' }).click();
    const dialog = page.getByRole('dialog');
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /every copy of Grace Hopper in your CRM is deleted \(2 prospects\), with their campaign enrolments/);
    assert.match(text, /history is redacted/);
    assert.match(text, /importing any LinkedIn URL of theirs again is refused/);
    await screenshot(page, 'prospect-erase');
    // Cancel first: nothing happens.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await prospectRows(server.database, tenant.user.id)).length, 2);

    await page.getByRole('button', { name: 'Erase this person' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Erase for good' }).click();
    await page.getByRole('heading', { name: 'List 1' }).waitFor();
    await page.getByTestId('total').filter({ hasText: '0 prospects' }).waitFor();
    assert.equal((await prospectRows(server.database, tenant.user.id)).length, 0);
    const again = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [person]) });
    assert.equal(again.body.result[0].importCode, 'profile_deleted');
  });

  test('mark a whole list do-not-contact on the lists page: an import into it is not enrolled', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await page.getByLabel('Do not contact anyone in List 2').click();
    await page.locator('input[type=checkbox]:checked').waitFor();
    assert.deepEqual((await server.request('/v1/do-not-contact/lists', { key: tenant.fullKey })).body.listIds, [tenant.lists[1]!.id]);
    const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.lists[1]!.id, [uniqueProfileUrl()], { campaignId: tenant.campaigns.running.id }) });
    assert.equal(answer.body.result[0].addToCampaignCode, 'prospect_does_not_match_preconditions');
    await page.reload();
    await page.locator('input[type=checkbox]:checked').waitFor();
    assert.ok(await page.getByLabel('Do not contact anyone in List 2').isChecked());
    assert.ok(!(await page.getByLabel('Do not contact anyone in List 1').isChecked()));
  });
});
