// The import engine's privacy rules (docs/v1.md#privacy-erasure-do-not-contact-access): an erased
// identity is answered profile_deleted and nothing is written; a do-not-contact prospect or list is
// never enrolled, and the message says why.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideImport, identityKey, type BatchItem, type CrmSnapshot, type ImportFlags, type ProspectState } from '../../src/engine/decide-import.js';
import { doNotContactRefusal } from '../../src/engine/do-not-contact.js';
import { parseLinkedInUrl, type LinkedInIdentity } from '../../src/engine/linkedin-url.js';
import { emptySnapshot } from '../support/crm-snapshot.js';

const TARGET = 'list-target';
const OTHER = 'list-other';
const FLAGS: ImportFlags = { canCreateDuplicates: true, moveDuplicatesToOtherList: false, overwriteProfile: false, addExistingToCampaign: true };

function identity(url: string): LinkedInIdentity {
  const parsed = parseLinkedInUrl(url);
  assert.ok(parsed.ok, url);
  return parsed.identity;
}

const ERASED = identity('https://www.linkedin.com/in/erased-person');
const KEPT = identity('https://www.linkedin.com/in/kept-person');

const item = (who: LinkedInIdentity): BatchItem => ({ identity: who, profile: { firstName: 'Name' }, variables: [], variableTooLong: false });
const existing = (id: string, who: LinkedInIdentity, listId: string, doNotContact = false): ProspectState => ({
  id,
  listId,
  identity: who,
  profile: { email: 'someone@example.test' },
  variables: [],
  duplicateOf: null,
  doNotContact,
});

function snapshot(overrides: Partial<CrmSnapshot> = {}): CrmSnapshot {
  return emptySnapshot(TARGET, { listNames: new Map([[OTHER, 'Other']]), campaign: { id: 'camp', state: 'running', requiresEmail: false }, ...overrides });
}

const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};

describe('privacy in the import engine', () => {
  test('an erased identity is profile_deleted, with the identity from the URL only, and nothing is written', () => {
    const { items, writes } = decideImport([item(ERASED), item(KEPT)], FLAGS, snapshot({ erasedIdentityKeys: new Set([identityKey(ERASED)]) }), ids());
    assert.equal(items[0]!.importCode, 'profile_deleted');
    assert.equal(items[0]!.prospect, null);
    assert.match(items[0]!.message ?? '', /erased from your CRM at your request/);
    assert.equal(items[0]!.addToCampaignCode, undefined, 'nobody to enrol');
    assert.equal(items[1]!.importCode, 'success');
    assert.deepEqual(writes.creates.map((p) => p.identity.value), [KEPT.value]);
    assert.equal(writes.crmDelta, 1);
  });

  test('a do-not-contact prospect is found but not enrolled, and the message says do-not-contact', () => {
    const { items, writes } = decideImport([item(KEPT)], FLAGS, snapshot({ prospects: [existing('p1', KEPT, TARGET, true)] }), ids());
    assert.equal(items[0]!.importCode, 'duplicated_prospect');
    assert.equal(items[0]!.addToCampaignCode, 'prospect_does_not_match_preconditions');
    assert.match(items[0]!.message ?? '', /do-not-contact/);
    assert.deepEqual(writes.enrolments, []);
  });

  test('a new prospect in a do-not-contact list, or one moved into it, is not enrolled; elsewhere it is', () => {
    const dncTarget = decideImport([item(KEPT)], FLAGS, snapshot({ doNotContactLists: new Set([TARGET]) }), ids());
    assert.equal(dncTarget.items[0]!.importCode, 'success');
    assert.equal(dncTarget.items[0]!.addToCampaignCode, 'prospect_does_not_match_preconditions');
    assert.match(dncTarget.items[0]!.message ?? '', /list is marked do-not-contact/);
    assert.deepEqual(dncTarget.writes.enrolments, []);

    const moved = decideImport([item(KEPT)], { ...FLAGS, moveDuplicatesToOtherList: true }, snapshot({ prospects: [existing('p1', KEPT, OTHER)], doNotContactLists: new Set([TARGET]) }), ids());
    assert.equal(moved.items[0]!.importCode, 'prospect_successfully_moved_to_another_list');
    assert.equal(moved.items[0]!.addToCampaignCode, 'prospect_does_not_match_preconditions');

    const elsewhere = decideImport([item(KEPT)], FLAGS, snapshot({ doNotContactLists: new Set([OTHER]) }), ids());
    assert.equal(elsewhere.items[0]!.addToCampaignCode, 'success');
    assert.equal(elsewhere.writes.enrolments.length, 1);
  });

  test('doNotContactRefusal names which mark refuses', () => {
    assert.equal(doNotContactRefusal({ prospect: false, list: false }), null);
    assert.match(doNotContactRefusal({ prospect: true, list: true }) ?? '', /person is marked do-not-contact/);
    assert.match(doNotContactRefusal({ prospect: false, list: true }) ?? '', /list is marked do-not-contact/);
  });
});
