import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from '../../app/src/i18n/en.js';
import { fr } from '../../app/src/i18n/fr.js';

// The app's two catalogues (app/src/i18n): fr.ts is typed by en.ts, so a missing key already fails
// `npm run typecheck`; this holds the rest — every text is there, in the same shape, and says something.

type Tree = { [key: string]: unknown };

function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? leaves(value as Tree, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

test('French has every English text, no more, each of the same kind and taking the same arguments', () => {
  const english = new Map(leaves(en));
  const french = new Map(leaves(fr));
  assert.deepEqual([...french.keys()].sort(), [...english.keys()].sort());
  for (const [key, value] of english) {
    const theirs = french.get(key);
    assert.equal(typeof theirs, typeof value, key);
    if (typeof value === 'function') assert.equal((theirs as (...args: unknown[]) => string).length, value.length, `${key} takes as many arguments`);
  }
});

test('every text says something, in both languages, whatever its arguments', () => {
  for (const catalogue of [en, fr]) {
    for (const [key, value] of leaves(catalogue)) {
      const text = typeof value === 'function' ? (value as (...args: unknown[]) => unknown)('42', 42) : value;
      assert.equal(typeof text, 'string', key);
      assert.ok((text as string).trim().length > 0, `${key} is empty`);
    }
  }
});

test('no sentence of the French catalogue is left in English', () => {
  const english = new Map(leaves(en));
  const same = leaves(fr).filter(([key, value]) => typeof value === 'string' && value === english.get(key) && value.length > 12);
  assert.deepEqual(same.map(([key]) => key), []);
});

test('plurals: one and many in English; zero and one are singular in French', () => {
  assert.equal(en.common.prospects('1', 1), '1 prospect');
  assert.equal(en.common.prospects('0', 0), '0 prospects');
  assert.equal(fr.common.prospects('0', 0), '0 prospect');
  assert.equal(fr.common.prospects('1', 1), '1 prospect');
  assert.equal(fr.common.prospects('2', 2), '2 prospects');
});

test("a prospect's history line is put together from its parts in each language", () => {
  assert.equal(en.prospect.historyLine.withCampaign(en.prospect.historyLine.imported('Imported', 'API-n8n', 'Founders'), 'enrolled in the campaign'), 'Imported via API-n8n into Founders; enrolled in the campaign');
  assert.equal(fr.prospect.historyLine.imported('Importé', 'API-n8n', 'Fondateurs'), 'Importé via API-n8n dans Fondateurs');
});
