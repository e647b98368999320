import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prospectOfRecord, readStagedRow, resolveMapping } from '../../src/engine/import-job-rows.js';

test('headers named like a field are mapped automatically; explicit columns add and override', () => {
  const header = ['LinkedIn URL', 'First Name', 'last_name', 'Company', 'Notes', 'cv.source', 'Team'];
  const resolved = resolveMapping(header, { columns: { Notes: 'occupation', Company: 'ignore' }, variablePrefix: 'cv.', variableColumns: ['Team'] });
  assert.ok(resolved.ok);
  assert.deepEqual(resolved.resolved.fields, { url: 0, firstName: 1, lastName: 2, occupation: 4 });
  assert.deepEqual(resolved.resolved.variables, [{ index: 5, label: 'source' }, { index: 6, label: 'Team' }]);
  const prospect = prospectOfRecord(['https://www.linkedin.com/in/ann', 'Ann', '', 'Acme', 'CTO', 'webinar', ''], resolved.resolved);
  assert.deepEqual(prospect, { url: 'https://www.linkedin.com/in/ann', customProfile: { firstName: 'Ann', occupation: 'CTO' }, customVariables: [{ label: 'source', value: 'webinar' }] });
});

test('a mapping that does not fit the header lists every problem', () => {
  const resolved = resolveMapping(['Who', 'A', 'B'], { columns: { Missing: 'url', A: 'email', B: 'email' }, variableColumns: ['Nope'] });
  assert.ok(!resolved.ok);
  assert.deepEqual(resolved.problems, [
    'mapping.columns names "Missing", which is not a column of the file',
    'mapping.variableColumns names "Nope", which is not a column of the file',
    '"A" and "B" are both mapped to email',
    'no column is mapped to url: name one with mapping.columns ({"Profile": "url"}) or map=Profile=url',
  ]);
});

test('a row that cannot be read says why, naming the field at fault', () => {
  const context = { header: null, mapping: null };
  assert.deepEqual(readStagedRow({ n: 1, t: '{"url', e: 'unreadable JSON line: x' }, context), { ok: false, url: null, reason: 'unreadable JSON line: x' });
  assert.deepEqual(readStagedRow({ n: 2, v: { url: 'https://www.linkedin.com/in/x', customProfile: { email: 5 } } }, context), {
    ok: false,
    url: 'https://www.linkedin.com/in/x',
    reason: '/customProfile/email: Expected string or null',
  });
  assert.deepEqual(readStagedRow({ n: 3, v: 'just text' }, context), { ok: false, url: null, reason: '(row): Expected object' });
  const bad = readStagedRow({ n: 4, v: { url: 'https://example.com/in/x' } }, context);
  assert.ok(!bad.ok && bad.reason.startsWith('not a LinkedIn profile URL: '));
  const good = readStagedRow({ n: 5, v: { url: 'linkedin.com/in/ann', unknown: 1 } }, context);
  assert.ok(good.ok);
  assert.deepEqual(good.input, { url: 'linkedin.com/in/ann' }, 'only the fields the compatible endpoint reads');
});
