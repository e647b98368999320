// Reading an import request into the engine's batch, without a database: URLs, the character
// count of customVariables values, the flags and their alias.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { characterCount, importFlags, readBatch } from '../../src/engine/read-import-request.js';
import type { ImportRequest } from '../../src/schemas/import.js';

describe('readBatch', () => {
  test('every URL parsed, profile and variables normalised, in request order', () => {
    const reading = readBatch([
      { url: 'https://www.linkedin.com/in/ada-lovelace/', customProfile: { firstName: ' Ada ', lastName: '' }, customVariables: [{ label: 'a', value: 'x' }] },
      { url: 'linkedin.com/in/grace' },
    ]);
    assert.ok(reading.ok);
    assert.deepEqual(
      reading.batch.map((item) => [item.identity.kind, item.identity.value]),
      [
        ['publicIdentifier', 'ada-lovelace'],
        ['publicIdentifier', 'grace'],
      ],
    );
    assert.equal(reading.batch[0]!.variableTooLong, false);
    assert.deepEqual(reading.batch[1]!.variables, []);
  });

  test('every bad URL is reported with its index, and no batch is returned', () => {
    const reading = readBatch([{ url: 'https://www.linkedin.com/in/ok' }, { url: 'https://example.com/in/nope' }, { url: '' }]);
    assert.equal(reading.ok, false);
    assert.deepEqual(
      !reading.ok && reading.invalidUrls.map((u) => [u.index, u.url]),
      [
        [1, 'https://example.com/in/nope'],
        [2, ''],
      ],
    );
  });

  test('a value over 1000 characters marks the item, an emoji counting as one', () => {
    const at = (value: string) => readBatch([{ url: 'https://www.linkedin.com/in/ada', customVariables: [{ label: 'v', value }] }]);
    const limit = at('😀'.repeat(1000));
    const over = at('😀'.repeat(1001));
    assert.ok(limit.ok && over.ok);
    assert.equal(limit.batch[0]!.variableTooLong, false, '1000 emoji are 2000 UTF-16 units but 1000 characters');
    assert.equal(over.batch[0]!.variableTooLong, true);
  });
});

describe('characterCount', () => {
  test('counts code points: a surrogate pair is one, a lone surrogate is one', () => {
    assert.equal(characterCount('a'.repeat(1001)), 1001);
    assert.equal(characterCount('😀'.repeat(600)), 600);
    assert.equal(characterCount('\ud83d'.repeat(1001)), 1001, 'lone high surrogates');
    assert.equal(characterCount('\ude00'.repeat(1001)), 1001, 'lone low surrogates');
    assert.equal(characterCount('a'.repeat(999) + '😀'), 1000);
  });
});

describe('importFlags', () => {
  const request = (extra: Partial<ImportRequest>): ImportRequest => ({ prospects: [{ url: 'x' }], prospectListId: 'l', origin: { name: 'o' }, ...extra });

  test('absent flags are false', () => {
    assert.deepEqual(importFlags(request({})), { canCreateDuplicates: false, moveDuplicatesToOtherList: false, overwriteProfile: false, addExistingToCampaign: false });
  });

  test('either name of the campaign flag asks for it', () => {
    assert.equal(importFlags(request({ addExistingProspectInCampaign: true })).addExistingToCampaign, true);
    assert.equal(importFlags(request({ addDuplicateProspectsToCampaign: true })).addExistingToCampaign, true);
    assert.equal(importFlags(request({ shouldOverwriteCustomProfileData: true })).overwriteProfile, true);
  });
});
