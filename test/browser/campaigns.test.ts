import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Enrolment } from '../../src/schemas/app-resources.js';
import { describeOnEachEngine, screenshot, sharedBrowser, signedInApp } from '../support/browser.js';
import { inFrench } from '../support/french.js';
import type { TestServer } from '../support/server.js';
import { importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';
import { startReceiver } from '../webhooks/receiver.js';

// The campaign pages in real Chromium (docs/app.md#campaigns): rename, executor, archive with its
// confirmation, delete a draft, the funnel chart, enrolments paged by enrolment time, a timeline.
// The API behind them is tested on both engines in test/webhooks/executors.test.ts.

const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '20' };

async function importInto(server: TestServer, tenant: Tenant, campaignId: string, prospects: Record<string, unknown>[]): Promise<string[]> {
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, prospects, { campaignId }) });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.result.map((r: { prospect: { _id: string } }) => r.prospect._id);
}

describeOnEachEngine('campaign pages in Chromium', (engine) => {
  const browser = sharedBrowser();

  test('a campaign page: funnel, enrolments by enrolment time and paged, a timeline, rename, executor, archive', async (t) => {
    const { server, tenant, page } = await signedInApp(browser(), t, engine, ENV);
    const receiver = await startReceiver(t);
    const endpoint = await server.request('/v1/webhook-endpoints', { key: tenant.fullKey, body: { url: receiver.url, eventTypes: ['list.created'], description: 'LinkedIn robot' } });
    const created = await server.request('/v1/campaigns', { key: tenant.fullKey, body: { name: 'Q1 outreach' } });
    const campaignId = created.body.id as string;
    const [ada, bob] = await importInto(server, tenant, campaignId, [
      { url: uniqueProfileUrl('ada'), customProfile: { firstName: 'Ada', lastName: 'Lovelace' } },
      { url: uniqueProfileUrl('bob'), customProfile: { firstName: 'Bob', lastName: 'Babbage' } },
    ]);
    await importInto(server, tenant, campaignId, Array.from({ length: 50 }, (_, i) => ({ url: uniqueProfileUrl('many'), customProfile: { firstName: `Many${i}` } })));
    const enrolmentOf = async (prospectId: string) => {
      const answer = await server.request(`/v1/campaigns/${campaignId}/enrolments?limit=100`, { key: tenant.fullKey });
      return (answer.body.data as Enrolment[]).find((e) => e.prospectId === prospectId)!.id;
    };
    for (const [prospect, type, note] of [[ada, 'invitation_sent'], [ada, 'connected'], [ada, 'replied', 'Interested, call next week'], [bob, 'email_sent']] as const) {
      const answer = await server.request(`/v1/enrolments/${await enrolmentOf(prospect!)}/events`, { key: tenant.fullKey, body: { type, ...(note ? { note } : {}) } });
      assert.equal(answer.status, 201, answer.text);
    }

    await page.goto(`${server.baseUrl}/campaigns/${campaignId}`);
    await page.getByRole('heading', { name: 'Q1 outreach' }).waitFor();
    const funnel = page.getByTestId('funnel');
    await funnel.waitFor();
    assert.match((await funnel.getAttribute('aria-label')) ?? '', /Enrolled: 52 \(100%\), Contacted: 2 \(3\.9%\), Connected: 1 \(1\.9%\), Replied: 1 \(1\.9%\)/);
    assert.equal(await funnel.locator('g[data-stage]').count(), 4);

    // Newest enrolments first, 50 to a page; the states in words with the code as a tooltip.
    const table = page.getByTestId('enrolments');
    await table.locator('tbody tr').first().getByText('Many49').waitFor();
    assert.equal(await table.locator('tbody tr').count(), 50);
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByTestId('enrolment-page').filter({ hasText: 'Page 2' }).waitFor();
    await table.locator('tbody tr', { hasText: 'Ada Lovelace' }).waitFor();
    assert.equal(await table.locator('tbody tr').count(), 2);
    const adaRow = table.locator('tbody tr', { hasText: 'Ada Lovelace' });
    assert.equal(await adaRow.getByText('Replied').getAttribute('title'), 'replied');
    await page.getByLabel('Sort').selectOption('oldest');
    await table.locator('tbody tr').first().getByText('Ada Lovelace').waitFor();

    // Ada's timeline, in a dialog.
    await page.getByRole('button', { name: 'Timeline of Ada Lovelace' }).click();
    const timeline = page.getByRole('dialog', { name: 'Timeline of Ada Lovelace' });
    await timeline.getByText('Interested, call next week').waitFor();
    assert.deepEqual(await timeline.getByTestId('timeline').locator('li strong').allTextContents(), ['Enrolled', 'Invitation sent', 'Connected', 'Replied']);
    await screenshot(page, 'campaign-timeline');
    await timeline.getByRole('button', { name: 'Close' }).click();
    await timeline.waitFor({ state: 'detached' });

    // Rename, then hand the campaign to an executor: the active enrolments go out to it.
    await page.getByLabel('Campaign name').fill('Q1 outreach (EMEA)');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('heading', { name: 'Q1 outreach (EMEA)' }).waitFor();
    await page.getByLabel('Executor').selectOption({ label: `LinkedIn robot (${receiver.url})` });
    await page.getByRole('button', { name: 'Save executor' }).click();
    // Bob is still travelling: handed over (being sent, or already sent); Ada's reply ended hers, so she is not.
    await table.locator('tbody tr', { hasText: 'Bob Babbage' }).getByText(/sent to the executor/i).waitFor();
    assert.equal(await adaRow.getByText('Not sent to an executor').count(), 1);
    const stored = (await server.request(`/v1/campaigns/${campaignId}`, { key: tenant.fullKey })).body;
    assert.deepEqual([stored.name, stored.executorId], ['Q1 outreach (EMEA)', endpoint.body.endpoint.id]);
    await screenshot(page, 'campaign');

    // At phone width the page does not pan sideways: only the enrolments table scrolls, inside its frame.
    await page.setViewportSize({ width: 390, height: 800 });
    for (const path of [`/campaigns/${campaignId}`, '/campaigns']) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.locator('h1').waitFor();
      await page.locator('table').first().waitFor();
      const [scroll, inner] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');
      assert.ok(scroll <= inner, `${path} is ${scroll} px wide in a ${inner} px window`);
    }
    await screenshot(page, 'campaign-mobile');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.baseUrl}/campaigns/${campaignId}`);
    await page.getByRole('heading', { name: 'Q1 outreach (EMEA)' }).waitFor();
    await page.getByLabel('Sort').selectOption('oldest');
    await table.locator('tbody tr').first().getByText('Ada Lovelace').waitFor();

    // Archive asks first and says what follows.
    await page.getByRole('button', { name: 'Archive' }).click();
    const confirm = page.getByRole('dialog', { name: 'Archive “Q1 outreach (EMEA)”?' });
    await confirm.getByText('become free for another campaign').waitFor();
    await confirm.getByRole('button', { name: 'Archive' }).click();
    await page.getByTestId('campaign-state').filter({ hasText: 'Archived' }).waitFor();
    await table.locator('tbody tr', { hasText: 'Bob Babbage' }).getByText('Removed from the campaign').waitFor();
    await page.reload();
    await page.getByTestId('campaign-state').filter({ hasText: 'Archived' }).waitFor();
  });

  test('campaigns list: create a draft, delete it after a confirmation; a running campaign offers no delete', async (t) => {
    const { page } = await signedInApp(browser(), t, engine);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns', exact: true }).click();
    await page.getByLabel('New campaign name').fill('Maybe later');
    await page.getByLabel('Keep as a draft').check();
    await page.getByRole('button', { name: 'Create campaign' }).click();
    const row = page.locator('tr', { hasText: 'Maybe later' });
    await row.getByText('Draft').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Delete Running' }).count(), 0);
    await page.getByRole('button', { name: 'Delete Maybe later' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete the draft “Maybe later”?' });
    await confirm.getByText('never enrolled anybody').waitFor();
    await confirm.getByRole('button', { name: 'Delete draft' }).click();
    await row.waitFor({ state: 'detached' });
  });

  test('in French for a French user: the list, a campaign, its funnel and enrolments', async (t) => {
    const { server, tenant, page } = await signedInApp(browser(), t, engine);
    const created = await server.request('/v1/campaigns', { key: tenant.fullKey, body: { name: 'Prospection T1' } });
    assert.equal(created.status, 201, created.text);
    await importInto(server, tenant, created.body.id, [{ url: uniqueProfileUrl('ada'), customProfile: { firstName: 'Ada', lastName: 'Lovelace' } }]);
    await inFrench(server, tenant, page, '/campaigns');
    await page.getByRole('heading', { name: 'Campagnes', exact: true }).waitFor();
    await page.locator('tr', { hasText: 'Prospection T1' }).getByText('En cours').waitFor();
    await page.getByRole('button', { name: 'Mettre en pause Prospection T1' }).waitFor();
    await page.getByRole('link', { name: 'Prospection T1' }).click();
    await page.getByRole('heading', { name: 'Entonnoir' }).waitFor();
    await page.getByText('1 inscrit', { exact: true }).waitFor();
    assert.match((await page.getByTestId('funnel').getAttribute('aria-label')) ?? '', /^Entonnoir : Inscrits : 1 \(100\s%\)/);
    await page.getByRole('heading', { name: 'Inscriptions' }).waitFor();
    await page.getByTestId('enrolments').getByText('En attente d’un premier contact').waitFor();
    await screenshot(page, 'campaign-fr');
  });
});
