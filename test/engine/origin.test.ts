// docs/api.md#origin-and-activity: origin.name is 1–64 printable characters after trimming; native integrations show by
// their own name (matched case-insensitively), anything else as API-<name>.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkOriginName, originLabel } from '../../src/engine/origin.js';

describe('originLabel', () => {
  test('native integrations are matched case-insensitively and shown by their own name', () => {
    for (const name of ['Make', 'make', 'MAKE', 'mAkE']) assert.equal(originLabel(name), 'Make', name);
    for (const name of ['Zapier', 'zapier', 'ZAPIER']) assert.equal(originLabel(name), 'Zapier', name);
    for (const name of ['n8n', 'N8N', 'N8n']) assert.equal(originLabel(name), 'n8n', name);
  });

  test('anything else is API-<name>, the name kept as written', () => {
    assert.equal(originLabel('example'), 'API-example');
    assert.equal(originLabel('My CRM'), 'API-My CRM');
    assert.equal(originLabel('make.com'), 'API-make.com', 'only the exact native name is native');
    assert.equal(originLabel('n8n-custom'), 'API-n8n-custom');
  });
});

describe('checkOriginName', () => {
  test('trims and accepts 1 to 64 printable characters', () => {
    assert.deepEqual(checkOriginName('  example  '), { ok: true, name: 'example' });
    assert.deepEqual(checkOriginName('x'), { ok: true, name: 'x' });
    assert.deepEqual(checkOriginName('a'.repeat(64)), { ok: true, name: 'a'.repeat(64) });
    assert.deepEqual(checkOriginName('Zoé’s CRM 🚀'), { ok: true, name: 'Zoé’s CRM 🚀' });
  });

  test('counts characters, not UTF-16 units: 64 emoji are fine', () => {
    assert.equal(checkOriginName('🚀'.repeat(64)).ok, true);
    assert.equal(checkOriginName('🚀'.repeat(65)).ok, false);
  });

  test('refuses empty, blank, too long, and control or format characters, with a reason', () => {
    const refused: [string, RegExp][] = [
      ['', /empty/],
      ['   \t ', /empty/],
      ['a'.repeat(65), /at most 64/],
      ['bad\u0000name', /printable/],
      ['bad\nname', /printable/],
      ['bad\u0007name', /printable/],
      ['bad\u009fname', /printable/],
      ['bad\u202ename', /printable/],
      ['bad\u200bname', /printable/],
    ];
    for (const [raw, reason] of refused) {
      const checked = checkOriginName(raw);
      assert.equal(checked.ok, false, JSON.stringify(raw));
      if (!checked.ok) assert.match(checked.reason, reason, JSON.stringify(raw));
    }
  });

  test('trailing whitespace does not count toward the limit', () => {
    assert.deepEqual(checkOriginName(` ${'a'.repeat(64)} \n`), { ok: true, name: 'a'.repeat(64) });
  });
});
