// The import engine without a database (docs/api.md: codes, order, precedence, teams, plans):
// decideImport is handed a snapshot and must return every code and write exactly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decideImport,
  identityKey,
  type BatchItem,
  type CampaignInfo,
  type CrmSnapshot,
  type ImportFlags,
  type ProspectState,
} from '../../src/engine/decide-import.js';
import { parseLinkedInUrl, type LinkedInIdentity } from '../../src/engine/linkedin-url.js';
import type { StoredProfile, StoredVariable } from '../../src/engine/profile.js';
import { emptySnapshot } from '../support/crm-snapshot.js';

const TARGET = 'list-target';
const OTHER = 'list-other';

function identity(url: string): LinkedInIdentity {
  const parsed = parseLinkedInUrl(url);
  assert.ok(parsed.ok, `test URL must parse: ${url}`);
  return parsed.identity;
}

const ALICE = identity('https://www.linkedin.com/in/alice');
const BOB = identity('https://www.linkedin.com/in/bob');

function item(id: LinkedInIdentity, profile: StoredProfile = {}, variables: StoredVariable[] = [], variableTooLong = false): BatchItem {
  return { identity: id, profile, variables, variableTooLong };
}

function existing(id: string, who: LinkedInIdentity, listId: string, profile: StoredProfile = {}, duplicateOf: string | null = null): ProspectState {
  return { id, listId, identity: who, profile, variables: [], duplicateOf };
}

const NO_FLAGS: ImportFlags = { canCreateDuplicates: false, moveDuplicatesToOtherList: false, overwriteProfile: false, addExistingToCampaign: false };

function snapshot(overrides: Partial<CrmSnapshot> = {}): CrmSnapshot {
  return emptySnapshot(TARGET, {
    listNames: new Map([
      [TARGET, 'Target'],
      [OTHER, 'Other'],
    ]),
    ...overrides,
  });
}

function ids(): () => string {
  let n = 0;
  return () => `new-${++n}`;
}

const RUNNING: CampaignInfo = { id: 'camp-running', state: 'running', requiresEmail: false };

describe('decideImport: import codes', () => {
  test('a profile never seen is created in the target list and counted', () => {
    const { items, writes } = decideImport([item(ALICE, { firstName: 'Alice' })], NO_FLAGS, snapshot(), ids());
    assert.equal(items[0]!.importCode, 'success');
    assert.equal(items[0]!.message, null);
    assert.equal(items[0]!.prospect?.id, 'new-1');
    assert.equal(items[0]!.addToCampaignCode, undefined, 'no campaign asked, no campaign code');
    assert.equal(writes.creates.length, 1);
    assert.deepEqual(writes.creates[0]!.profile, { firstName: 'Alice' });
    assert.equal(writes.creates[0]!.duplicateOf, null);
    assert.equal(writes.crmDelta, 1);
    assert.deepEqual([...writes.listDeltas], [[TARGET, 1]]);
  });

  test('a profile repeated inside one batch is created once, later copies are duplicated_prospect', () => {
    const { items, writes } = decideImport([item(ALICE), item(BOB), item(ALICE)], NO_FLAGS, snapshot(), ids());
    assert.deepEqual(items.map((i) => i.importCode), ['success', 'success', 'duplicated_prospect']);
    assert.equal(items[2]!.prospect?.id, items[0]!.prospect?.id);
    assert.equal(writes.creates.length, 2);
    assert.equal(writes.crmDelta, 2);
  });

  test('already in the target list: duplicated_prospect, profile filled, nothing moved or counted', () => {
    const alice = existing('p1', ALICE, TARGET, { firstName: 'Alice' });
    const { items, writes } = decideImport([item(ALICE, { firstName: 'Other', lastName: 'Liddell' })], NO_FLAGS, snapshot({ prospects: [alice] }), ids());
    assert.equal(items[0]!.importCode, 'duplicated_prospect');
    assert.match(items[0]!.message!, /this list/);
    assert.deepEqual(items[0]!.prospect?.profile, { firstName: 'Alice', lastName: 'Liddell' });
    assert.equal(writes.changed.get('p1'), items[0]!.prospect);
    assert.deepEqual(alice.profile, { firstName: 'Alice' }, 'the snapshot is left as given');
    assert.equal(writes.creates.length, 0);
    assert.equal(writes.crmDelta, 0);
    assert.equal(writes.listDeltas.size, 0);
  });

  test('in another list with no flag: duplicated_prospect naming that list, left exactly as it was', () => {
    const alice = existing('p1', ALICE, OTHER, { firstName: 'Alice' });
    const { items, writes } = decideImport([item(ALICE, { lastName: 'Liddell' })], NO_FLAGS, snapshot({ prospects: [alice] }), ids());
    assert.equal(items[0]!.importCode, 'duplicated_prospect');
    assert.match(items[0]!.message!, /"Other"/);
    assert.equal(items[0]!.prospect?.listId, OTHER);
    assert.deepEqual(alice.profile, { firstName: 'Alice' }, 'a skipped duplicate is not merged');
    assert.equal(writes.changed.size, 0);
    assert.equal(writes.listDeltas.size, 0);
  });

  test('in another list with moveDuplicatesToOtherList: moved, counts move with it, profile merged', () => {
    const alice = existing('p1', ALICE, OTHER, { firstName: 'Alice' });
    const flags = { ...NO_FLAGS, moveDuplicatesToOtherList: true };
    const { items, writes } = decideImport([item(ALICE, { lastName: 'Liddell' })], flags, snapshot({ prospects: [alice] }), ids());
    assert.equal(items[0]!.importCode, 'prospect_successfully_moved_to_another_list');
    assert.match(items[0]!.message!, /"Other"/);
    assert.equal(items[0]!.prospect?.listId, TARGET);
    assert.deepEqual(items[0]!.prospect?.profile, { firstName: 'Alice', lastName: 'Liddell' });
    assert.deepEqual([...writes.changed.keys()], ['p1']);
    assert.equal(writes.changed.get('p1')?.listId, TARGET);
    assert.equal(alice.listId, OTHER, 'the snapshot is left as given');
    assert.equal(writes.listDeltas.get(OTHER), -1);
    assert.equal(writes.listDeltas.get(TARGET), 1);
    assert.equal(writes.crmDelta, 0);
  });

  test('precedence: move wins over canCreateDuplicates', () => {
    const alice = existing('p1', ALICE, OTHER);
    const flags = { ...NO_FLAGS, moveDuplicatesToOtherList: true, canCreateDuplicates: true };
    const { items, writes } = decideImport([item(ALICE)], flags, snapshot({ prospects: [alice] }), ids());
    assert.equal(items[0]!.importCode, 'prospect_successfully_moved_to_another_list');
    assert.equal(writes.creates.length, 0);
  });

  test('canCreateDuplicates alone: a copy in the target list pointing at the original', () => {
    const alice = existing('p1', ALICE, OTHER, { firstName: 'Alice' });
    const flags = { ...NO_FLAGS, canCreateDuplicates: true };
    const { items, writes } = decideImport([item(ALICE, { firstName: 'Copy' })], flags, snapshot({ prospects: [alice], prospectCount: 1 }), ids());
    assert.equal(items[0]!.importCode, 'success');
    assert.equal(writes.creates[0]!.duplicateOf, 'p1');
    assert.equal(writes.creates[0]!.listId, TARGET);
    assert.deepEqual(writes.creates[0]!.profile, { firstName: 'Copy' }, 'a new prospect takes customProfile whole');
    assert.equal(alice.listId, OTHER);
    assert.equal(writes.crmDelta, 1);
  });

  test('a copy of a copy still points at the original', () => {
    const original = existing('p1', ALICE, OTHER);
    const copy = existing('p2', ALICE, 'list-third', {}, 'p1');
    const flags = { ...NO_FLAGS, canCreateDuplicates: true };
    const { writes } = decideImport([item(ALICE)], flags, snapshot({ prospects: [copy, original] }), ids());
    assert.equal(writes.creates[0]!.duplicateOf, 'p1');
  });

  test('a copy already in the target list answers duplicated_prospect, even with canCreateDuplicates', () => {
    const original = existing('p1', ALICE, OTHER);
    const copy = existing('p2', ALICE, TARGET, {}, 'p1');
    const flags = { ...NO_FLAGS, canCreateDuplicates: true };
    const { items, writes } = decideImport([item(ALICE)], flags, snapshot({ prospects: [original, copy] }), ids());
    assert.equal(items[0]!.importCode, 'duplicated_prospect');
    assert.equal(items[0]!.prospect?.id, 'p2');
    assert.equal(writes.creates.length, 0);
  });

  test("a teammate's profile: duplicated_prospect without a prospect; a copy with canCreateDuplicates; move fails", () => {
    const teammates = new Set([identityKey(ALICE)]);
    const skip = decideImport([item(ALICE)], NO_FLAGS, snapshot({ teammateIdentityKeys: teammates }), ids());
    assert.equal(skip.items[0]!.importCode, 'duplicated_prospect');
    assert.equal(skip.items[0]!.prospect, null);
    assert.match(skip.items[0]!.message!, /teammate/);
    assert.equal(skip.writes.creates.length, 0);

    const copy = decideImport([item(ALICE)], { ...NO_FLAGS, canCreateDuplicates: true }, snapshot({ teammateIdentityKeys: teammates }), ids());
    assert.equal(copy.items[0]!.importCode, 'success');
    assert.equal(copy.writes.creates[0]!.duplicateOf, null, "the caller's first own prospect is an original");

    const move = decideImport([item(ALICE)], { ...NO_FLAGS, moveDuplicatesToOtherList: true }, snapshot({ teammateIdentityKeys: teammates }), ids());
    assert.equal(move.items[0]!.importCode, 'failed_to_change_prospect_list');
    assert.equal(move.writes.creates.length + move.writes.changed.size, 0);
  });

  test("the caller's own prospect wins over a teammate's: it is handled as the caller's", () => {
    const alice = existing('p1', ALICE, OTHER);
    const flags = { ...NO_FLAGS, moveDuplicatesToOtherList: true };
    const { items } = decideImport([item(ALICE)], flags, snapshot({ prospects: [alice], teammateIdentityKeys: new Set([identityKey(ALICE)]) }), ids());
    assert.equal(items[0]!.importCode, 'prospect_successfully_moved_to_another_list');
  });

  test('max_limit_crm once the CRM is full; earlier items of the batch still count against it', () => {
    const { items, writes } = decideImport([item(ALICE), item(BOB)], NO_FLAGS, snapshot({ prospectCount: 9, crmLimit: 10 }), ids());
    assert.deepEqual(items.map((i) => i.importCode), ['success', 'max_limit_crm']);
    assert.equal(items[1]!.prospect, null);
    assert.match(items[1]!.message!, /limit of 10/);
    assert.equal(writes.crmDelta, 1);
  });

  test('a full CRM still answers duplicates and moves (they need no new prospect)', () => {
    const alice = existing('p1', ALICE, OTHER);
    const flags = { ...NO_FLAGS, moveDuplicatesToOtherList: true };
    const { items } = decideImport([item(ALICE)], flags, snapshot({ prospects: [alice], prospectCount: 5, crmLimit: 5 }), ids());
    assert.equal(items[0]!.importCode, 'prospect_successfully_moved_to_another_list');
    const copy = decideImport([item(ALICE)], { ...NO_FLAGS, canCreateDuplicates: true }, snapshot({ prospects: [existing('p1', ALICE, OTHER)], prospectCount: 5, crmLimit: 5 }), ids());
    assert.equal(copy.items[0]!.importCode, 'max_limit_crm', 'a copy is a new prospect');
  });

  test('a customVariables value over 1000 characters: that item only is refused, nothing written for it', () => {
    const alice = existing('p1', ALICE, OTHER);
    const flags = { ...NO_FLAGS, moveDuplicatesToOtherList: true };
    const { items, writes } = decideImport([item(ALICE, {}, [], true), item(BOB, {}, [], true), item(BOB)], flags, snapshot({ prospects: [alice], campaign: RUNNING }), ids());
    assert.deepEqual(items.map((i) => i.importCode), ['custom_variable_exceeds_1000_chars', 'custom_variable_exceeds_1000_chars', 'success']);
    assert.equal(items[0]!.prospect?.id, 'p1', 'the existing record is shown so a client can link to it');
    assert.equal(items[0]!.addToCampaignCode, undefined, 'never enrol a failed item');
    assert.equal(items[1]!.prospect, null);
    assert.equal(alice.listId, OTHER);
    assert.equal(writes.changed.size, 0);
    assert.equal(writes.creates.length, 1);
  });
});

describe('decideImport: campaign codes', () => {
  const withCampaign = (campaign: CampaignInfo | null, extra: Partial<CrmSnapshot> = {}) => snapshot({ campaign, ...extra });

  test('a new prospect is enrolled in a running or paused campaign', () => {
    for (const state of ['running', 'paused'] as const) {
      const { items, writes } = decideImport([item(ALICE)], NO_FLAGS, withCampaign({ ...RUNNING, state }), ids());
      assert.equal(items[0]!.addToCampaignCode, 'success', state);
      assert.deepEqual(writes.enrolments, [{ prospectId: 'new-1', campaignId: 'camp-running' }]);
    }
  });

  test('unknown or draft campaign: cant_add_prospect_campaign_not_exist; archived: cant_add_prospect_campaign_is_archived', () => {
    const unknown = decideImport([item(ALICE)], NO_FLAGS, withCampaign(null), ids());
    assert.equal(unknown.items[0]!.importCode, 'success', 'the import itself still happens');
    assert.equal(unknown.items[0]!.addToCampaignCode, 'cant_add_prospect_campaign_not_exist');
    const draft = decideImport([item(ALICE)], NO_FLAGS, withCampaign({ ...RUNNING, state: 'draft' }), ids());
    assert.equal(draft.items[0]!.addToCampaignCode, 'cant_add_prospect_campaign_not_exist');
    const archived = decideImport([item(ALICE)], NO_FLAGS, withCampaign({ ...RUNNING, state: 'archived' }), ids());
    assert.equal(archived.items[0]!.addToCampaignCode, 'cant_add_prospect_campaign_is_archived');
    for (const d of [unknown, draft, archived]) assert.equal(d.writes.enrolments.length, 0);
  });

  test('a campaign that requires an email: prospect_does_not_match_preconditions without one, success with one', () => {
    const campaign = { ...RUNNING, requiresEmail: true };
    const { items, writes } = decideImport([item(ALICE), item(BOB, { email: 'bob@example.test' })], NO_FLAGS, withCampaign(campaign), ids());
    assert.deepEqual(items.map((i) => i.addToCampaignCode), ['prospect_does_not_match_preconditions', 'success']);
    assert.equal(writes.enrolments.length, 1);
  });

  test('existing prospects are enrolled only with addExistingToCampaign', () => {
    const prospects = () => [existing('p1', ALICE, TARGET), existing('p2', BOB, OTHER)];
    const without = decideImport([item(ALICE), item(BOB)], NO_FLAGS, withCampaign(RUNNING, { prospects: prospects() }), ids());
    assert.deepEqual(without.items.map((i) => i.addToCampaignCode), [undefined, undefined]);
    const flags = { ...NO_FLAGS, addExistingToCampaign: true, moveDuplicatesToOtherList: true };
    const withFlag = decideImport([item(ALICE), item(BOB)], flags, withCampaign(RUNNING, { prospects: prospects() }), ids());
    assert.deepEqual(withFlag.items.map((i) => i.importCode), ['duplicated_prospect', 'prospect_successfully_moved_to_another_list']);
    assert.deepEqual(withFlag.items.map((i) => i.addToCampaignCode), ['success', 'success']);
  });

  test('already enrolled here, or active in another campaign: already_in_campaign', () => {
    const prospects = [existing('p1', ALICE, TARGET), existing('p2', BOB, TARGET)];
    const enrolments = [
      { prospectId: 'p1', campaignId: RUNNING.id, active: false },
      { prospectId: 'p2', campaignId: 'camp-elsewhere', active: true },
    ];
    const flags = { ...NO_FLAGS, addExistingToCampaign: true };
    const { items, writes } = decideImport([item(ALICE), item(BOB)], flags, withCampaign(RUNNING, { prospects, enrolments }), ids());
    assert.deepEqual(items.map((i) => i.addToCampaignCode), ['already_in_campaign', 'already_in_campaign']);
    assert.equal(writes.enrolments.length, 0);
  });

  test('a profile repeated in a batch is enrolled once', () => {
    const flags = { ...NO_FLAGS, addExistingToCampaign: true };
    const { items, writes } = decideImport([item(ALICE), item(ALICE)], flags, withCampaign(RUNNING), ids());
    assert.deepEqual(items.map((i) => i.addToCampaignCode), ['success', 'already_in_campaign']);
    assert.equal(writes.enrolments.length, 1);
  });

  test('no enrolment for items that failed (max_limit_crm, teammate skip)', () => {
    const full = decideImport([item(ALICE)], NO_FLAGS, withCampaign(RUNNING, { prospectCount: 1, crmLimit: 1 }), ids());
    assert.equal(full.items[0]!.importCode, 'max_limit_crm');
    assert.equal(full.items[0]!.addToCampaignCode, undefined);
    const team = decideImport([item(ALICE)], { ...NO_FLAGS, addExistingToCampaign: true }, withCampaign(RUNNING, { teammateIdentityKeys: new Set([identityKey(ALICE)]) }), ids());
    assert.equal(team.items[0]!.addToCampaignCode, undefined);
  });
});

describe('decideImport: profile data of existing prospects', () => {
  test('fill-empty by default, overwrite with overwriteProfile; variables per label', () => {
    const make = () => ({ ...existing('p1', ALICE, TARGET, { firstName: 'Alice', occupation: 'Queen' }), variables: [{ label: 'a', value: 'old' }] });
    const incoming = item(ALICE, { firstName: 'Alicia', lastName: 'Liddell' }, [
      { label: 'a', value: 'new' },
      { label: 'b', value: 'added' },
    ]);
    const given = make();
    const fill = decideImport([incoming], NO_FLAGS, snapshot({ prospects: [given] }), ids()).writes.changed.get('p1')!;
    assert.deepEqual(fill.profile, { firstName: 'Alice', occupation: 'Queen', lastName: 'Liddell' });
    assert.deepEqual(fill.variables, [{ label: 'a', value: 'old' }, { label: 'b', value: 'added' }]);

    const over = decideImport([incoming], { ...NO_FLAGS, overwriteProfile: true }, snapshot({ prospects: [given] }), ids()).writes.changed.get('p1')!;
    assert.deepEqual(over.profile, { firstName: 'Alicia', occupation: 'Queen', lastName: 'Liddell' });
    assert.deepEqual(over.variables, [{ label: 'a', value: 'new' }, { label: 'b', value: 'added' }]);
    assert.deepEqual(given, make(), 'the snapshot is left as given');
  });

  test('an unchanged prospect is not written back', () => {
    const alice = existing('p1', ALICE, TARGET, { firstName: 'Alice' });
    const { writes } = decideImport([item(ALICE, { firstName: 'Alice' })], { ...NO_FLAGS, overwriteProfile: true }, snapshot({ prospects: [alice] }), ids());
    assert.equal(writes.changed.size, 0);
  });
});
