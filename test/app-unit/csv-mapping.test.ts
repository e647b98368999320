import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeProfile, guessMapping, jobMapping, toProspects } from '../../app/src/import/csv-mapping.js';
import { readCsvHead } from '../../app/src/import/csv-preview.js';

// The CSV screen's column mapping (app/src/import/csv-mapping.ts): from a table to the prospects sent.

test('columns are guessed from their headers, each column feeding one field at most', () => {
  const mapping = guessMapping(['Profile URL', 'Prénom', 'Nom', 'Job title', 'E-mail', 'Société', 'City', 'Tag']);
  assert.deepEqual(mapping, { url: 0, firstName: 1, lastName: 2, occupation: 3, email: 4, company: 5, region: 6 });
  // "Job location" looks like an occupation and like a region: the first field in order takes it.
  assert.deepEqual(guessMapping(['url', 'Job location']), { url: 0, firstName: -1, lastName: -1, occupation: 1, email: -1, company: -1, region: -1 });
});

test('a row becomes url, profile (company as an object) and the other columns as custom variables', () => {
  const headers = ['Profile URL', 'First name', 'Company', 'Tag', '', 'Empty'];
  const rows = [[' https://www.linkedin.com/in/jane ', ' Jane ', 'Acme', 'vip', 'no header', '  ']];
  const [prospect] = toProspects(headers, rows, guessMapping(headers), true);
  assert.deepEqual(prospect, {
    url: 'https://www.linkedin.com/in/jane',
    customProfile: { firstName: 'Jane', company: { name: 'Acme' } },
    customVariables: [{ label: 'Tag', value: 'vip' }],
  });
  assert.equal(describeProfile(prospect!), 'firstName: Jane · company: Acme');
});

test('without custom variables, or without profile cells, those keys are left out; a short row reads as empty cells', () => {
  const headers = ['url', 'first name', 'tag'];
  const mapping = guessMapping(headers);
  assert.deepEqual(toProspects(headers, [['https://x', '', 'vip']], mapping, false), [{ url: 'https://x' }]);
  assert.deepEqual(toProspects(headers, [['https://x']], mapping, true), [{ url: 'https://x' }]);
  assert.deepEqual(toProspects(headers, [[]], mapping, true), [{ url: '' }]);
});

test('custom variables stay within the import job limits: headers of at most 100 characters, 50 of them', () => {
  const headers = ['url', 'x'.repeat(101), ...Array.from({ length: 60 }, (_, i) => `${'x'.repeat(97)}${i}`)];
  const row = ['https://x', 'too long', ...Array.from({ length: 60 }, (_, i) => `v${i}`)];
  const mapping = guessMapping(headers);
  const [prospect] = toProspects(headers, [row], mapping, true);
  assert.equal(prospect!.customVariables!.length, 50);
  assert.equal(prospect!.customVariables![0]!.value, 'v0');
  assert.equal(prospect!.customVariables![49]!.value, 'v49');
  const sent = jobMapping(headers, mapping, true);
  assert.deepEqual(sent.variableColumns, prospect!.customVariables!.map((v) => v.label), 'the job reads the same columns as variables');
  assert.equal(sent.columns!['x'.repeat(101)], 'ignore');
});

test('the job mapping names every column: a field, a variable, or ignored — never left to the server to guess', () => {
  const headers = ['Profile URL', 'First name', 'Company', 'Email', 'Tag', ''];
  const mapping = { ...guessMapping(headers), email: -1 };
  assert.deepEqual(jobMapping(headers, mapping, true), {
    columns: { 'Profile URL': 'url', 'First name': 'firstName', Company: 'company.name' },
    variableColumns: ['Email', 'Tag'],
  });
  assert.deepEqual(jobMapping(headers, mapping, false), {
    columns: { 'Profile URL': 'url', 'First name': 'firstName', Company: 'company.name', Email: 'ignore', Tag: 'ignore' },
  });
});

test('the preview reads the head of the file with a CSV parser: quotes, line breaks in a cell, a BOM', async () => {
  const csv = '\uFEFFurl,Note\r\nhttps://a,"one, ""two""\nthree"\r\nhttps://b,\r\n';
  assert.deepEqual(await readCsvHead(new Blob([csv])), { headers: ['url', 'Note'], rows: [['https://a', 'one, "two"\nthree'], ['https://b', '']], more: false });
  assert.equal(await readCsvHead(new Blob(['url\n'])), null, 'no data row');
  // A big file: only whole lines of its head are read.
  const big = ['url', ...Array.from({ length: 5000 }, (_, i) => `https://www.linkedin.com/in/p${i}`)].join('\n');
  const head = await readCsvHead(new Blob([big]));
  assert.equal(head!.more, true);
  assert.ok(head!.rows.length > 100 && head!.rows.length < 5000);
  assert.match(head!.rows.at(-1)![0]!, /^https:\/\/www\.linkedin\.com\/in\/p\d+$/);
});
