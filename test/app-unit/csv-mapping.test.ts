import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeProfile, guessMapping, toProspects } from '../../app/src/import/csv-mapping.js';

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

test('custom variables stay within the import limits: labels of 100 characters, 50 of them', () => {
  const headers = ['url', ...Array.from({ length: 60 }, (_, i) => `${'x'.repeat(120)}${i}`)];
  const row = ['https://x', ...Array.from({ length: 60 }, (_, i) => `v${i}`)];
  const [prospect] = toProspects(headers, [row], guessMapping(headers), true);
  assert.equal(prospect!.customVariables!.length, 50);
  assert.ok(prospect!.customVariables!.every((v) => v.label.length === 100));
  assert.equal(prospect!.customVariables![49]!.value, 'v49');
});
