// docs/api.md#profile-data: a new prospect takes customProfile whole; an existing one is merged,
// fill-empty by default, overwrite with shouldOverwriteCustomProfileData; customVariables per label.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeProfile, mergeVariables, normalizeProfile, normalizeVariables, type StoredProfile } from '../../src/engine/profile.js';

describe('normalizeProfile', () => {
  test('drops null and empty values, trims text, keeps structured fields', () => {
    const profile = normalizeProfile({
      firstName: '  Ada ',
      lastName: '',
      occupation: null,
      email: 'ada@example.test',
      phoneNumbers: [{ number: ' +44 1 ', type: 'work' }],
      birthday: { day: 10, month: 12 },
      company: { name: ' Analytical ', linkedinUrl: null, website: '' },
    });
    assert.deepEqual(profile, {
      firstName: 'Ada',
      email: 'ada@example.test',
      phoneNumbers: [{ number: '+44 1', type: 'work' }],
      birthday: { day: 10, month: 12 },
      company: { name: 'Analytical' },
    });
  });

  test('nothing in, nothing stored: null, empty phone list, empty company', () => {
    assert.deepEqual(normalizeProfile(null), {});
    assert.deepEqual(normalizeProfile(undefined), {});
    assert.deepEqual(normalizeProfile({ phoneNumbers: [], company: { name: ' ' }, birthday: null }), {});
  });
});

describe('normalizeVariables', () => {
  test('the last value per (trimmed) label wins; null and empty values carry nothing', () => {
    assert.deepEqual(
      normalizeVariables([
        { label: 'a', value: '1' },
        { label: ' a ', value: '2' },
        { label: 'b', value: null },
        { label: 'c', value: '' },
        { label: 'd', value: 'x' },
      ]),
      [
        { label: 'a', value: '2' },
        { label: 'd', value: 'x' },
      ],
    );
    assert.deepEqual(normalizeVariables(null), []);
  });
});

describe('mergeProfile', () => {
  const stored = (): StoredProfile => ({
    firstName: 'Ada',
    occupation: 'Countess',
    phoneNumbers: [{ number: '1', type: 'home' }],
    birthday: { day: 10, month: 12 },
    company: { name: 'Old Co' },
  });
  const incoming: StoredProfile = {
    firstName: 'Augusta',
    lastName: 'Lovelace',
    phoneNumbers: [{ number: '2', type: 'mobile' }],
    birthday: { day: 1, month: 1 },
    company: { name: 'New Co', website: 'https://new.example' },
  };

  test('fill-empty: only fields without a value take the incoming one', () => {
    const target = stored();
    assert.equal(mergeProfile(target, incoming, false), true);
    assert.deepEqual(target, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      occupation: 'Countess',
      phoneNumbers: [{ number: '1', type: 'home' }],
      birthday: { day: 10, month: 12 },
      company: { name: 'Old Co', website: 'https://new.example' },
    });
  });

  test('overwrite: every incoming value replaces the stored one; absent incoming fields keep theirs', () => {
    const target = stored();
    assert.equal(mergeProfile(target, incoming, true), true);
    assert.deepEqual(target, {
      firstName: 'Augusta',
      lastName: 'Lovelace',
      occupation: 'Countess',
      phoneNumbers: [{ number: '2', type: 'mobile' }],
      birthday: { day: 1, month: 1 },
      company: { name: 'New Co', website: 'https://new.example' },
    });
  });

  test('reports no change when nothing changes, in either mode', () => {
    for (const overwrite of [false, true]) {
      const target = stored();
      assert.equal(mergeProfile(target, stored(), overwrite), false);
      assert.equal(mergeProfile(target, {}, overwrite), false);
      assert.deepEqual(target, stored());
    }
  });

  test('fill-empty reports no change when every incoming field is already set', () => {
    const target = stored();
    assert.equal(mergeProfile(target, { firstName: 'Other', company: { name: 'Other Co' } }, false), false);
    assert.deepEqual(target, stored());
  });

  test('the merged profile does not share arrays with the incoming one', () => {
    const target: StoredProfile = {};
    const source: StoredProfile = { phoneNumbers: [{ number: '9', type: 'other' }] };
    mergeProfile(target, source, false);
    source.phoneNumbers![0]!.number = 'changed';
    assert.equal(target.phoneNumbers![0]!.number, '9');
  });
});

describe('mergeVariables', () => {
  test('fill-empty adds new labels and keeps existing values', () => {
    const target = [{ label: 'a', value: 'old' }];
    assert.equal(mergeVariables(target, [{ label: 'a', value: 'new' }, { label: 'b', value: 'b1' }], false), true);
    assert.deepEqual(target, [{ label: 'a', value: 'old' }, { label: 'b', value: 'b1' }]);
  });

  test('overwrite replaces values of existing labels', () => {
    const target = [{ label: 'a', value: 'old' }, { label: 'keep', value: 'k' }];
    assert.equal(mergeVariables(target, [{ label: 'a', value: 'new' }], true), true);
    assert.deepEqual(target, [{ label: 'a', value: 'new' }, { label: 'keep', value: 'k' }]);
  });

  test('no change reported when values are equal or fill-empty finds nothing empty', () => {
    assert.equal(mergeVariables([{ label: 'a', value: 'x' }], [{ label: 'a', value: 'x' }], true), false);
    assert.equal(mergeVariables([{ label: 'a', value: 'x' }], [{ label: 'a', value: 'y' }], false), false);
    assert.equal(mergeVariables([], [], false), false);
  });
});
