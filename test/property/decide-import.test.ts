// decideImport driven directly with random snapshots and batches (no database): one decision per
// item, counts that add up, never a second original of one identity, the precedence of the flags
// (move, then a permitted copy, else skip), at most one enrolment per prospect, and the snapshot
// left as it was given. test/property/import-invariants.test.ts checks the same over real HTTP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decideImport, identityKey, type BatchItem, type CrmSnapshot, type ImportFlags, type ProspectState } from '../../src/engine/decide-import.js';
import type { LinkedInIdentity } from '../../src/engine/linkedin-url.js';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261202);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

const TARGET = 'list-target';
const LISTS = [TARGET, 'list-a', 'list-b'];

const IDENTITIES: LinkedInIdentity[] = [
  ...['ada', 'grace', 'alan', 'edsger'].map((v): LinkedInIdentity => ({ kind: 'publicIdentifier', value: v, canonicalUrl: `https://www.linkedin.com/in/${v}` })),
  ...['ACoAA1', 'ACoAA2'].map((v): LinkedInIdentity => ({ kind: 'memberId', value: v, canonicalUrl: `https://www.linkedin.com/in/${v}` })),
  ...['ACwAA1', 'ACwAA2'].map((v): LinkedInIdentity => ({ kind: 'salesMemberId', value: v, canonicalUrl: `https://www.linkedin.com/sales/lead/${v}` })),
];

/** Per identity of the pool: absent, or an original in one list with copies in some others. */
const crmEntry = fc.option(fc.record({ originalList: fc.constantFrom(...LISTS), copyLists: fc.subarray(LISTS) }), { nil: undefined });

const snapshotArbitrary = fc
  .record({
    entries: fc.array(crmEntry, { minLength: IDENTITIES.length, maxLength: IDENTITIES.length }),
    teammates: fc.subarray(IDENTITIES.map((identity) => identityKey(identity))),
    erased: fc.subarray(IDENTITIES.map((identity) => identityKey(identity)), { maxLength: 2 }),
    doNotContactLists: fc.subarray(LISTS, { maxLength: 1 }),
    doNotContact: fc.array(fc.boolean(), { minLength: IDENTITIES.length, maxLength: IDENTITIES.length }),
    headroom: fc.integer({ min: 0, max: 6 }),
    otherProspects: fc.integer({ min: 0, max: 3 }),
    campaign: fc.constantFrom(undefined, null, 'draft', 'running', 'paused', 'archived'),
    requiresEmail: fc.boolean(),
    enrolled: fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 4 }),
  })
  .map((spec): CrmSnapshot => {
    const prospects: ProspectState[] = [];
    spec.entries.forEach((entry, i) => {
      if (!entry) return;
      const identity = IDENTITIES[i]!;
      const originalId = `old-${i}`;
      prospects.push({ id: originalId, listId: entry.originalList, identity, profile: { firstName: `F${i}` }, variables: [], duplicateOf: null, doNotContact: spec.doNotContact[i] });
      entry.copyLists
        .filter((list) => list !== entry.originalList)
        .forEach((list, c) => prospects.push({ id: `old-${i}-copy-${c}`, listId: list, identity, profile: {}, variables: [], duplicateOf: originalId }));
    });
    const prospectCount = prospects.length + spec.otherProspects;
    const campaign =
      spec.campaign === undefined || spec.campaign === null ? spec.campaign : { id: 'camp', state: spec.campaign, requiresEmail: spec.requiresEmail };
    const enrolments =
      prospects.length === 0
        ? []
        : spec.enrolled.map(([n, active]) => ({ prospectId: prospects[n % prospects.length]!.id, campaignId: active ? 'camp-elsewhere' : 'camp', active }));
    return {
      targetListId: TARGET,
      prospects,
      teammateIdentityKeys: new Set(spec.teammates),
      // An erased identity has no prospect left in the CRM (the erasure deleted every copy).
      erasedIdentityKeys: new Set(spec.erased.filter((key) => !prospects.some((p) => identityKey(p.identity) === key))),
      doNotContactLists: new Set(spec.doNotContactLists),
      listNames: new Map(LISTS.map((id) => [id, id.toUpperCase()])),
      prospectCount,
      crmLimit: prospectCount + spec.headroom,
      campaign,
      enrolments,
    };
  });

const batchArbitrary = fc.array(
  fc.record({ which: fc.nat({ max: IDENTITIES.length - 1 }), email: fc.boolean(), tooLong: fc.boolean(), name: fc.constantFrom(undefined, 'Ann', 'Bea') }),
  { minLength: 1, maxLength: 12 },
);

const flagsArbitrary = fc.record<ImportFlags>({
  canCreateDuplicates: fc.boolean(),
  moveDuplicatesToOtherList: fc.boolean(),
  overwriteProfile: fc.boolean(),
  addExistingToCampaign: fc.boolean(),
});

function toBatch(spec: { which: number; email: boolean; tooLong: boolean; name: string | undefined }[]): BatchItem[] {
  return spec.map((s) => ({
    identity: IDENTITIES[s.which]!,
    profile: { ...(s.name ? { firstName: s.name } : {}), ...(s.email ? { email: 'x@example.test' } : {}) },
    variables: [{ label: 'v', value: s.name ?? 'none' }],
    variableTooLong: s.tooLong && s.which % 2 === 0,
  }));
}

/** What the caller owns, per identity, as a list of { id, listId, original } updated as the batch goes. */
type Model = Map<string, { id: string; listId: string; original: boolean }[]>;

function modelOf(snapshot: CrmSnapshot): Model {
  const model: Model = new Map();
  for (const p of snapshot.prospects) {
    const key = identityKey(p.identity);
    model.set(key, [...(model.get(key) ?? []), { id: p.id, listId: p.listId, original: p.duplicateOf === null }]);
  }
  return model;
}

/** The code precedence documents, from what the caller owns at that point of the batch. */
function expectedCode(model: Model, snapshot: CrmSnapshot, flags: ImportFlags, item: BatchItem, count: number): string {
  const key = identityKey(item.identity);
  const own = model.get(key) ?? [];
  const full = count >= snapshot.crmLimit;
  if (snapshot.erasedIdentityKeys.has(key)) return 'profile_deleted';
  if (item.variableTooLong) return 'custom_variable_exceeds_1000_chars';
  if (own.some((p) => p.listId === TARGET)) return 'duplicated_prospect';
  if (own.length > 0) {
    if (flags.moveDuplicatesToOtherList) return 'prospect_successfully_moved_to_another_list';
    if (flags.canCreateDuplicates) return full ? 'max_limit_crm' : 'success';
    return 'duplicated_prospect';
  }
  if (snapshot.teammateIdentityKeys.has(key) && !flags.canCreateDuplicates) {
    return flags.moveDuplicatesToOtherList ? 'failed_to_change_prospect_list' : 'duplicated_prospect';
  }
  return full ? 'max_limit_crm' : 'success';
}

test('decideImport: random snapshots and batches keep every invariant', () => {
  fc.assert(
    fc.property(snapshotArbitrary, batchArbitrary, flagsArbitrary, (snapshot, batchSpec, flags) => {
      const batch = toBatch(batchSpec);
      const given = structuredClone(snapshot);
      let n = 0;
      const { items, writes } = decideImport(batch, flags, snapshot, () => `new-${++n}`);

      assert.deepEqual(snapshot, given, 'the snapshot is left as given');
      assert.equal(items.length, batch.length, 'one decision per item');

      // Precedence, item by item, against a model of what the caller owns.
      const model = modelOf(snapshot);
      let count = snapshot.prospectCount;
      let creates = 0;
      items.forEach((decision, i) => {
        const item = batch[i]!;
        const key = identityKey(item.identity);
        assert.equal(decision.importCode, expectedCode(model, snapshot, flags, item, count), `item ${i}`);
        const own = model.get(key) ?? [];
        if (decision.importCode === 'success') {
          assert.equal(decision.prospect, writes.creates[creates++], `item ${i} shows what it created`);
          assert.equal(decision.prospect!.listId, TARGET);
          own.push({ id: decision.prospect!.id, listId: TARGET, original: !own.some((p) => p.original) });
          model.set(key, own);
          count++;
        } else if (decision.importCode === 'prospect_successfully_moved_to_another_list') {
          const original = own.find((p) => p.original) ?? own[0]!;
          assert.equal(decision.prospect?.id, original.id, 'the original is the one moved');
          original.listId = TARGET;
        } else if (decision.importCode === 'duplicated_prospect' && own.length > 0) {
          assert.ok(own.some((p) => p.id === decision.prospect?.id), "a duplicate shows the caller's own prospect");
        } else if (decision.importCode !== 'custom_variable_exceeds_1000_chars') {
          assert.equal(decision.prospect, null, "nothing of the caller's to show");
        }
        if (decision.prospect) assert.equal(identityKey(decision.prospect.identity), key, 'the prospect shown has the identity sent');
      });

      // Counts.
      assert.equal(creates, writes.creates.length, 'every create answered success');
      assert.equal(writes.crmDelta, writes.creates.length);
      assert.ok(snapshot.prospectCount + writes.crmDelta <= Math.max(snapshot.crmLimit, snapshot.prospectCount), 'never past the limit');
      const moves = items.filter((d) => d.importCode === 'prospect_successfully_moved_to_another_list').length;
      const deltaSum = [...writes.listDeltas.values()].reduce((a, b) => a + b, 0);
      assert.equal(deltaSum, writes.creates.length, 'a move takes one from a list and gives one to another');
      const finalLists = new Map<string, number>();
      for (const group of model.values()) for (const p of group) finalLists.set(p.listId, (finalLists.get(p.listId) ?? 0) + 1);
      const startLists = new Map<string, number>();
      for (const p of snapshot.prospects) startLists.set(p.listId, (startLists.get(p.listId) ?? 0) + 1);
      for (const list of LISTS) {
        assert.equal((startLists.get(list) ?? 0) + (writes.listDeltas.get(list) ?? 0), finalLists.get(list) ?? 0, `count of ${list}`);
      }
      assert.ok(moves <= writes.changed.size, 'every move is written');

      // No second original per identity, and an original only where a teammate's is allowed.
      const originals = new Map<string, number>();
      for (const p of [...snapshot.prospects, ...writes.creates]) {
        if (p.duplicateOf === null) originals.set(identityKey(p.identity), (originals.get(identityKey(p.identity)) ?? 0) + 1);
      }
      for (const [key, number] of originals) assert.ok(number <= 1, `one original of ${key}`);
      for (const created of writes.creates) {
        if (snapshot.teammateIdentityKeys.has(identityKey(created.identity))) assert.ok(flags.canCreateDuplicates, "a teammate's profile is only copied on request");
      }

      // Campaign: enrolments only where asked, at most once per prospect, and each one answered success.
      const enrolled = writes.enrolments.map((e) => e.prospectId);
      assert.equal(new Set(enrolled).size, enrolled.length, 'at most one enrolment per prospect');
      const successes = items.filter((d) => d.addToCampaignCode === 'success').length;
      assert.equal(successes, enrolled.length);
      for (const decision of items) {
        if (decision.addToCampaignCode === undefined) continue;
        assert.notEqual(snapshot.campaign, undefined);
        assert.ok(decision.prospect, 'only a prospect of the caller is enrolled');
        assert.ok(decision.importCode === 'success' || flags.addExistingToCampaign, 'an existing prospect only with addExistingToCampaign');
      }
      const activeBefore = new Set(snapshot.enrolments.filter((e) => e.active).map((e) => e.prospectId));
      for (const id of enrolled) assert.ok(!activeBefore.has(id), 'never a second active campaign');

      // Privacy: nothing is written for an erased identity; nobody marked do-not-contact is enrolled.
      for (const p of writes.creates) assert.ok(!snapshot.erasedIdentityKeys.has(identityKey(p.identity)), 'an erased person is never created');
      for (const decision of items) {
        if (decision.addToCampaignCode !== 'success') continue;
        assert.ok(!decision.prospect!.doNotContact && !snapshot.doNotContactLists.has(decision.prospect!.listId), 'a do-not-contact prospect is never enrolled');
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
});
