import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnEachEngine, screenshot, sharedBrowser, signedInApp } from '../support/browser.js';
import { prospectRows } from '../support/compatible-api.js';
import { inFrench } from '../support/french.js';
import type { startServer } from '../support/server.js';
import { importBody, uniqueProfileUrl } from '../support/tenant.js';

// The prospect page in real Chromium: edit the profile and custom variables, move it to another
// list, tag it, write, edit and delete notes, and delete it behind a confirmation (docs/app.md);
// and the same page in French.


describeOnEachEngine('the prospect page in Chromium', (engine) => {
  const browser = sharedBrowser();
  const signedIn = (t: Parameters<typeof startServer>[0]) => signedInApp(browser(), t, engine);

  test('edit fields and variables, move, tag, write notes, then delete: each change is stored and shown', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const person = { url: uniqueProfileUrl('ada'), customProfile: { firstName: 'Ada', lastName: 'Lovelace', occupation: 'Analyst' }, customVariables: [{ label: 'source', value: 'fair' }] };
    const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [person]) });
    const id = imported.body.result[0].prospect._id as string;
    const detail = async () => (await server.request(`/v1/prospects/${id}`, { key: tenant.fullKey })).body;

    await page.goto(`${server.baseUrl}/prospects/${id}`);
    await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();

    // Profile fields and custom variables.
    await page.getByRole('button', { name: 'Edit profile' }).click();
    const form = page.getByRole('form', { name: 'Edit profile' });
    await form.getByLabel('Occupation').fill('Mathematician');
    await form.getByLabel('Email').fill('ada@example.test');
    await form.getByLabel('Company', { exact: true }).fill('Analytical Engines');
    await form.getByLabel('Value of source').fill('conference');
    await form.getByLabel('New variable name').fill('tier');
    await form.getByLabel('New variable value').first().fill('gold');
    await screenshot(page, 'prospect-edit');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Edit profile' }).waitFor();
    await page.getByText('Mathematician').waitFor();
    const edited = await detail();
    assert.equal(edited.profile.occupation, 'Mathematician');
    assert.equal(edited.profile.email, 'ada@example.test');
    assert.deepEqual(edited.profile.company, { name: 'Analytical Engines' });
    assert.deepEqual(edited.customVariables, [
      { label: 'source', value: 'conference' },
      { label: 'tier', value: 'gold' },
    ]);

    // Tags: add two (one offered from the user's tags), remove one.
    await server.request(`/v1/prospects/bulk`, { key: tenant.fullKey, body: { action: 'tag', ids: [id], tags: ['Known'] } });
    await page.reload();
    await page.getByRole('list', { name: 'Tags of this prospect' }).getByText('Known').waitFor();
    for (const name of ['VIP', 'Fair 2026']) {
      await page.getByLabel('Add a tag').fill(name);
      await page.getByRole('button', { name: 'Add tag' }).click();
      await page.getByRole('list', { name: 'Tags of this prospect' }).getByText(name).waitFor();
    }
    await page.getByRole('button', { name: 'Remove tag Known' }).click();
    await page.getByRole('button', { name: 'Remove tag Known' }).waitFor({ state: 'detached' });
    assert.deepEqual((await detail()).tags, ['Fair 2026', 'VIP']);

    // Notes: write two, edit one, delete one (confirmed).
    for (const text of ['Met at the fair.', 'Call back in January.']) {
      await page.getByLabel('New note').fill(text);
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByRole('list', { name: 'Notes, newest first' }).getByText(text).waitFor();
    }
    const notes = page.getByRole('list', { name: 'Notes, newest first' }).getByRole('listitem');
    assert.equal(await notes.count(), 2);
    assert.match((await notes.first().textContent()) ?? '', /Call back in January/, 'newest first');
    await notes.last().getByRole('button', { name: 'Edit note' }).click();
    await notes.last().getByLabel('Text of the note').fill('Met at the fair; wants a demo.');
    await notes.last().getByRole('button', { name: 'Save note' }).click();
    await page.getByText('Met at the fair; wants a demo.').waitFor();
    await notes.first().getByRole('button', { name: 'Delete note' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete note' }).click();
    await page.getByText('Call back in January.').waitFor({ state: 'detached' });
    const stored = (await server.request(`/v1/prospects/${id}/notes`, { key: tenant.fullKey })).body.data;
    assert.deepEqual(stored.map((n: { body: string; author: { kind: string } }) => [n.body, n.author.kind]), [['Met at the fair; wants a demo.', 'person']]);
    await screenshot(page, 'prospect-tags-notes');

    // Move to another list; a move into a list that already holds the person says why in words.
    await page.getByLabel('Move to list').selectOption({ label: 'List 2' });
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByRole('link', { name: '← List 2' }).waitFor();
    assert.equal((await detail()).list.id, tenant.lists[1]!.id);

    // Delete, behind a confirmation that says what goes with it; Cancel first changes nothing.
    await page.getByRole('button', { name: 'Delete prospect' }).click();
    const dialog = page.getByRole('dialog');
    assert.match((await dialog.textContent()) ?? '', /Ada Lovelace is deleted from “List 2” with their tags, notes and campaign enrolments/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await prospectRows(server.database, tenant.user.id)).length, 1);
    await page.getByRole('button', { name: 'Delete prospect' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete prospect' }).click();
    await page.getByRole('heading', { name: 'List 2' }).waitFor();
    assert.equal((await prospectRows(server.database, tenant.user.id)).length, 0);
  });

  test('in French for a French user: its cards, a note, the deletion dialog, a French date', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const person = { url: uniqueProfileUrl('ada'), customProfile: { firstName: 'Ada', lastName: 'Lovelace', occupation: 'Analyste' } };
    const imported = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [person]) });
    const id = imported.body.result[0].prospect._id as string;
    await inFrench(server, tenant, page, `/prospects/${id}`);
    await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
    for (const heading of ['Profil', 'Dans prospect-hub', 'Variables personnalisées', 'Tags', 'Liste et suppression', 'Notes', 'Historique', 'Confidentialité']) {
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    }
    await page.getByRole('link', { name: 'Profil LinkedIn ↗' }).waitFor();
    // The profile's fields under their French names; the date added as fr-FR writes it.
    await page.locator('dt', { hasText: 'Poste' }).waitFor();
    const added = (await page.locator('.facts > div', { has: page.locator('dt', { hasText: 'Ajouté le' }) }).locator('dd').textContent()) ?? '';
    assert.match(added, /^\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? \d{4}/);
    // Its history in French, from the parts of each entry; the codes in the tooltip.
    const line = page.locator('ol.history li span').first();
    assert.match((await line.textContent()) ?? '', /^Importé via \S+ dans List 1$/);
    assert.equal(await line.getAttribute('title'), 'Codes : success');

    await page.getByLabel('Nouvelle note').fill('Rencontrée au salon.');
    await page.getByRole('button', { name: 'Ajouter la note' }).click();
    const notes = page.getByRole('list', { name: 'Notes, les plus récentes d’abord' });
    await notes.getByText('Rencontrée au salon.').waitFor();
    await notes.getByRole('button', { name: 'Modifier la note' }).waitFor();

    await page.getByRole('button', { name: 'Modifier le profil' }).click();
    const form = page.getByRole('form', { name: 'Modifier le profil' });
    await form.getByLabel('Site web de l’entreprise').waitFor();
    await form.getByRole('button', { name: 'Annuler' }).click();

    await page.getByRole('button', { name: 'Supprimer le prospect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer Ada Lovelace ?' });
    assert.match((await dialog.textContent()) ?? '', /Le prospect Ada Lovelace est supprimé de « List 1 » avec ses tags, ses notes et ses inscriptions aux campagnes\. C’est définitif/);
    await screenshot(page, 'prospect-fr');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    assert.equal((await prospectRows(server.database, tenant.user.id)).length, 1, 'cancel deletes nothing');
  });

  test('a move the server refuses shows its reason in words, and the prospect stays', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    const url = uniqueProfileUrl('grace');
    const first = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, [url]) });
    await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.lists[1]!.id, [url], { canCreateDuplicates: true }) });
    const id = first.body.result[0].prospect._id as string;
    await page.goto(`${server.baseUrl}/prospects/${id}`);
    await page.getByLabel('Move to list').selectOption({ label: 'List 2' });
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /This profile is already in that list/);
    assert.doesNotMatch((await alert.textContent()) ?? '', /R000409/, 'no raw code');
    assert.equal((await server.request(`/v1/prospects/${id}`, { key: tenant.fullKey })).body.list.id, tenant.listId);
  });

  test('a duplicate list or key name is refused in words, the code only in the tooltip', async (t) => {
    const { server, tenant, page } = await signedIn(t);
    await page.getByLabel('New list name').fill('  list 1 ');
    await page.getByRole('button', { name: 'Create list' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.textContent(), 'The name is taken by “List 1”; choose another.');
    assert.equal(await alert.getAttribute('title'), 'Code R000409-060: another list of yours is already named “List 1”; choose another name');
    assert.equal((await server.request('/v1/lists', { key: tenant.fullKey })).body.data.length, 3, 'nothing created');

    await page.getByRole('button', { name: 'Rename List 2' }).click();
    await page.getByLabel('New name for List 2').fill('LIST 3');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The name is taken by “List 3”; choose another.').waitFor();

    await page.goto(`${server.baseUrl}/keys`);
    await page.getByLabel('Key name').fill('Every scope');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('The name is taken by “every scope”; choose another.').waitFor();
  });
});
