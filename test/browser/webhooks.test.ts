import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { describeOnEachEngine, screenshot, sharedBrowser, signedInApp } from '../support/browser.js';
import { inFrench } from '../support/french.js';
import { startReceiver, until, type Received } from '../webhooks/receiver.js';

// The webhooks page in real Chromium, delivering to a real receiver on loopback (docs/app.md,
// docs/webhooks.md): create an endpoint (its secret shown once), see its deliveries, replay one and
// every failed one since a time, send a test event, rotate its secret, see it disabled and why,
// enable it, delete it after a confirmation.

// One attempt per message: a failure is final at once, so replay has something to do.
const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '50', WEBHOOK_RETRY_SCHEDULE: '0', WEBHOOK_TIMEOUT_MS: '2000' };

function verified(secret: string, delivery: Received): { type: string } {
  const headers = Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k, String(v)]));
  return new Webhook(secret).verify(delivery.body, headers) as { type: string };
}

/** Clicks Refresh until the delivery log's newest row says `text`. */
async function newestDelivery(page: Page, text: RegExp): Promise<void> {
  const newest = page.getByTestId('deliveries').locator('tbody tr').first();
  await until(`the newest delivery says ${text}`, async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    return (await newest.count()) > 0 && text.test(await newest.innerText());
  });
}

describeOnEachEngine('webhooks page in Chromium', (engine) => {
  const browser = sharedBrowser();

  test('create, deliveries, replay one and since, test event, rotate, disabled and why, enable, delete', async (t) => {
    const { server, tenant, page } = await signedInApp(browser(), t, engine, ENV);
    let answer = 500;
    const receiver = await startReceiver(t, (_r, _i, response) => response.writeHead(answer).end(answer === 200 ? 'thanks' : `failed with ${answer}`));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'No webhook endpoints yet' }).waitFor();
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByLabel('Description').fill('CRM sync');
    await page.getByLabel('A list is created').check();
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    const secret = (await page.getByTestId('new-webhook-secret').textContent())!;
    assert.match(secret, /^whsec_/);
    await screenshot(page, 'webhooks');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    assert.equal(await page.getByTestId('new-webhook-secret').count(), 0, 'the secret is shown once');
    const row = page.getByTestId('webhook-endpoints').locator('tbody tr', { hasText: receiver.url });
    assert.match(await row.innerText(), /CRM sync[\s\S]*A prospect is created, A list is created, An import is done[\s\S]*enabled/);

    // A list created through the API is delivered; the receiver fails it (500), the log says so.
    await row.getByRole('button', { name: `Deliveries to ${receiver.url}` }).click();
    await page.getByRole('heading', { name: 'No deliveries yet' }).waitFor();
    const list = await server.request('/v1/lists', { key: tenant.fullKey, body: { name: 'Hooked' } });
    assert.equal(list.status, 201, list.text);
    await until('the list.created delivery', () => receiver.received.length === 1);
    assert.equal(verified(secret, receiver.received[0]!).type, 'list.created');
    await newestDelivery(page, /A list is created[\s\S]*HTTP 500[\s\S]*failed with 500[\s\S]*failed/);

    // Replay that one message: the receiver now accepts it, under the same webhook-id.
    answer = 200;
    await page.getByRole('button', { name: /^Replay list\.created message/ }).click();
    await page.getByRole('status').filter({ hasText: '1 message will be sent again.' }).waitFor();
    await until('the replay', () => receiver.received.length === 2);
    assert.equal(receiver.received[1]!.headers['webhook-id'], receiver.received[0]!.headers['webhook-id']);
    await newestDelivery(page, /A list is created[\s\S]*HTTP 200[\s\S]*thanks[\s\S]*delivered/);

    // Send test event, failed; then "Replay failed" since a time sends it again.
    answer = 503;
    await page.getByRole('button', { name: 'Send test event' }).click();
    await until('the test event', () => receiver.received.length === 3);
    assert.equal(verified(secret, receiver.received[2]!).type, 'webhook.test');
    await newestDelivery(page, /A test event[\s\S]*HTTP 503[\s\S]*failed/);
    answer = 200;
    await page.getByRole('button', { name: 'Replay failed', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '1 message will be sent again.' }).waitFor();
    await until('the failed test event sent again', () => receiver.received.length === 4);
    await newestDelivery(page, /A test event[\s\S]*HTTP 200[\s\S]*delivered/);
    await screenshot(page, 'webhook-deliveries');

    // Rotate: the new secret is shown once, and both sign for a day.
    await row.getByRole('button', { name: `Rotate the secret of ${receiver.url}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = (await page.getByTestId('new-webhook-secret').textContent())!;
    assert.match(rotated, /^whsec_/);
    assert.notEqual(rotated, secret);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('button', { name: 'Send test event' }).click();
    await until('the test event after rotation', () => receiver.received.length === 5);
    for (const key of [secret, rotated]) assert.equal(verified(key, receiver.received[4]!).type, 'webhook.test');

    // 410 Gone disables it: the page says so and why; enable it again.
    answer = 410;
    await page.getByRole('button', { name: 'Send test event' }).click();
    await until('disabled', async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      return /disabled/.test(await row.innerText());
    });
    await page.reload();
    await page.getByText('This endpoint is disabled: it answered 410 Gone').waitFor();
    assert.match(await row.innerText(), /disabled[\s\S]*410 Gone/);
    await screenshot(page, 'webhook-disabled');
    await row.getByRole('button', { name: `Enable ${receiver.url}` }).click();
    await until('enabled', async () => /enabled/.test(await row.innerText()));
    assert.equal(await page.getByText('This endpoint is disabled').count(), 0);

    // Delete asks first.
    await row.getByRole('button', { name: `Delete ${receiver.url}` }).click();
    const dialog = page.getByRole('dialog');
    assert.match((await dialog.textContent()) ?? '', /its delivery log is deleted with it/);
    await dialog.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByRole('heading', { name: 'No webhook endpoints yet' }).waitFor();
    assert.equal((await server.request('/v1/webhook-endpoints', { key: tenant.fullKey })).body.length, 0);
  });

  test('in French for a French user: the form, event types in words, a delivery with its French date, why it was disabled', async (t) => {
    const { server, tenant, page } = await signedInApp(browser(), t, engine, ENV);
    let answer = 200;
    const receiver = await startReceiver(t, (_r, _i, response) => response.writeHead(answer).end());
    const created = await server.request('/v1/webhook-endpoints', { key: tenant.fullKey, body: { url: receiver.url, eventTypes: ['list.created'], description: 'Synchro CRM' } });
    assert.equal(created.status, 201, created.text);
    await inFrench(server, tenant, page, '/webhooks');
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByLabel('URL de l’endpoint').waitFor();
    await page.getByLabel('Une liste est créée').waitFor();
    await page.getByRole('button', { name: 'Créer l’endpoint' }).waitFor();
    const row = page.getByTestId('webhook-endpoints').locator('tbody tr', { hasText: receiver.url });
    assert.match(await row.innerText(), /Synchro CRM[\s\S]*Une liste est créée[\s\S]*actif/);
    assert.equal(await row.locator('td').nth(2).getAttribute('title'), 'list.created', 'the code in the tooltip');

    await row.getByRole('button', { name: `Envois vers ${receiver.url}` }).click();
    await page.getByRole('heading', { name: 'Aucun envoi pour l’instant' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer un événement de test' }).click();
    await page.getByRole('status').filter({ hasText: 'Un événement de test est en route : actualisez pour voir son envoi.' }).waitFor();
    const newest = page.getByTestId('deliveries').locator('tbody tr').first();
    await until('the test event delivered', async () => {
      await page.getByRole('button', { name: 'Actualiser' }).click();
      return (await newest.count()) > 0 && /Un événement de test[\s\S]*HTTP 200[\s\S]*livré/.test(await newest.innerText());
    });
    // The delivery's time as fr-FR writes it: 3 déc. 2026, 10:20.
    assert.match((await newest.locator('td').first().textContent()) ?? '', /^\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? \d{4}/);
    await page.getByTestId('deliveries').getByRole('columnheader', { name: 'Début de la réponse' }).waitFor();
    await screenshot(page, 'webhooks-fr');

    // The server writes why it disabled an endpoint in English; the page says it in French.
    answer = 410;
    await page.getByRole('button', { name: 'Envoyer un événement de test' }).click();
    await until('disabled by a 410', async () => {
      await page.getByRole('button', { name: 'Actualiser' }).click();
      return /désactivé/.test(await row.innerText());
    });
    await page.getByText('Cet endpoint est désactivé : il a répondu 410 Gone.').waitFor();
    assert.match(await row.innerText(), /désactivé[\s\S]*il a répondu 410 Gone/);
  });
});
