// Redacting an erased person from stored documents (docs/v1.md#privacy-erasure-do-not-contact-access):
// their items lose everything personal and keep their codes; everyone else's stay byte for byte.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redactImportAnswer, redactOutcomes, REDACTED_MESSAGE, withoutErasedPeople, type ErasedPerson } from '../../src/engine/redact-person.js';

const person: ErasedPerson = { identityKeys: new Set(['publicIdentifier:erin-x', 'memberId:ACoAAxyz']), prospectIds: new Set(['p-erin']) };

describe('redacting an erased person', () => {
  test('activity outcomes: by prospect id or by any URL shape of theirs; codes kept, others untouched', () => {
    const other = { url: 'https://www.linkedin.com/in/someone', importCode: 'success', addToCampaignCode: null, prospectId: 'p-other', message: null };
    const outcomes = [
      { url: 'https://www.linkedin.com/in/whatever', importCode: 'success', addToCampaignCode: 'success', prospectId: 'p-erin', message: null },
      { url: 'HTTPS://FR.LINKEDIN.COM/mwlite/in/ERIN-X/', importCode: 'max_limit_crm', addToCampaignCode: null, prospectId: null, message: 'full' },
      { url: 'https://www.linkedin.com/in/ACoAAxyz', importCode: 'duplicated_prospect', addToCampaignCode: null, prospectId: null, message: 'already in your list "A"' },
      other,
    ];
    const result = redactOutcomes(outcomes, person);
    assert.ok(result);
    assert.equal(result.redacted, 3);
    assert.deepEqual(result.outcomes.slice(0, 3).map((o) => [o.url, o.prospectId, o.importCode, o.addToCampaignCode, o.message]), [
      [null, null, 'success', 'success', REDACTED_MESSAGE],
      [null, null, 'max_limit_crm', null, REDACTED_MESSAGE],
      [null, null, 'duplicated_prospect', null, REDACTED_MESSAGE],
    ]);
    assert.equal(result.outcomes[3], other);
    assert.equal(redactOutcomes([other], person), null, 'nothing of theirs: nothing to write');
  });

  test('a stored import answer keeps its shape and the other items; a profile_deleted item is stored without its identity', () => {
    const theirs = { importCode: 'success', addToCampaignCode: 'success', prospect: { _id: 'p-erin', profile: { firstName: 'Erin', lastName: null, publicIdentifier: 'erin-x', linkedinUrl: 'https://www.linkedin.com/in/erin-x' } }, message: null };
    const bySlug = { importCode: 'max_limit_crm', prospect: { profile: { lastName: null, memberId: 'ACoAAxyz', linkedinUrl: 'https://www.linkedin.com/in/ACoAAxyz' } }, message: 'full' };
    const other = { importCode: 'success', prospect: { _id: 'p-other', profile: { lastName: null, publicIdentifier: 'someone', linkedinUrl: 'https://www.linkedin.com/in/someone' } }, message: null };
    const result = redactImportAnswer({ result: [theirs, bySlug, other], warnings: [], dryRun: false, activityId: 'a' }, person);
    assert.ok(result);
    assert.equal(result.redacted, 2);
    const text = JSON.stringify(result.answer);
    assert.doesNotMatch(text, /erin|ACoAAxyz|p-erin/i);
    assert.match(text, /someone/);
    assert.deepEqual((result.answer as { result: unknown[] }).result[0], { importCode: 'success', addToCampaignCode: 'success', prospect: { profile: { lastName: null, linkedinUrl: '' } }, message: REDACTED_MESSAGE });

    const refused = { importCode: 'profile_deleted', prospect: { profile: { lastName: null, publicIdentifier: 'erin-x', linkedinUrl: 'https://www.linkedin.com/in/erin-x' } }, message: 'erased' };
    const stored = withoutErasedPeople({ result: [refused, other] });
    assert.deepEqual(stored.result[0], { importCode: 'profile_deleted', prospect: { profile: { lastName: null, linkedinUrl: '' } }, message: 'erased' });
    assert.equal(stored.result[1], other);
    const untouched = { result: [other] };
    assert.equal(withoutErasedPeople(untouched), untouched);
  });
});
