// Random sequences of imports over real HTTP, on every engine. After
// every step the database itself is read back and the invariants must hold: no double prospect
// without permission, exact counts, closed code sets, one answer per prospect, one active campaign
// per prospect; and every code matches a small model of the caller's CRM.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseLinkedInUrl } from '../../src/engine/linkedin-url.js';
import { CAMPAIGN_CODES, IMPORT_CODES, type ImportResultItem } from '../../src/schemas/import.js';
import type { Db } from '../../src/store/db.js';
import { ENGINES } from '../support/engines.js';
import { startServer, type TestServer } from '../support/server.js';
import { createTenant, type Tenant } from '../support/tenant.js';
import { randomBytes } from 'node:crypto';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261127);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);

// ---------------------------------------------------------------- the pool of profiles and URL shapes

const TAIL = '1234567890abcdefghijklmnopqrstu';
interface PoolProfile {
  /** Different ways to write a URL naming this one profile (docs/api.md, identity). */
  shapes: string[];
}
const slug = (name: string): PoolProfile => ({
  shapes: [
    `https://www.linkedin.com/in/${name}`,
    `https://www.linkedin.com/in/${name.toUpperCase()}/`,
    `https://fr.linkedin.com/in/${name}/?trk=people-guest`,
    `linkedin.com/in/${name}`,
    `http://m.linkedin.com/in/${name}#about`,
  ],
});
const member = (n: number): PoolProfile => {
  const id = `ACoAA${n}${TAIL}`;
  return { shapes: [`https://www.linkedin.com/in/${id}`, `https://www.linkedin.com/in/${id}/?miniProfileUrn=x`, `https://www.linkedin.com/sales/people/${id},name,omNh`] };
};
const sales = (n: number): PoolProfile => {
  const id = `ACwAA${n}${TAIL}`;
  return { shapes: [`https://www.linkedin.com/sales/lead/${id},NAME_SEARCH,x`, `https://www.linkedin.com/sales/people/${id}`, `https://www.linkedin.com/sales/lead/${id}`] };
};
const POOL: PoolProfile[] = [
  slug('ada-lovelace'),
  slug('grace-hopper-42'),
  slug('alan-turing'),
  slug('edsger-dijkstra'),
  slug('barbara-liskov'),
  slug('donald-knuth'),
  member(1),
  member(2),
  member(3),
  sales(1),
  sales(2),
  sales(3),
];

/** The identity key of every pool profile, checked once: every shape must name the same profile. */
const POOL_KEYS: string[] = POOL.map((profile) => {
  const keys = new Set(
    profile.shapes.map((url) => {
      const parsed = parseLinkedInUrl(url);
      assert.ok(parsed.ok, `pool URL must parse: ${url}`);
      return `${parsed.identity.kind}:${parsed.identity.value}`;
    }),
  );
  assert.equal(keys.size, 1, `every shape of one pool profile names one identity: ${profile.shapes.join(' ')}`);
  return [...keys][0]!;
});

// ---------------------------------------------------------------- generated scenarios

const CAMPAIGN_CHOICES = ['none', 'running', 'paused', 'archived', 'draft', 'requiresEmail', 'bogus'] as const;
type CampaignChoice = (typeof CAMPAIGN_CHOICES)[number];
const ADD_EXISTING = ['absent', 'canonical', 'alias', 'false'] as const;

const prospectArb = fc.record({
  profile: fc.integer({ min: 0, max: POOL.length - 1 }),
  shape: fc.nat(),
  email: fc.boolean(),
  firstName: fc.option(fc.constantFrom('Ada', 'Grace', 'Alan'), { nil: undefined }),
  variable: fc.option(fc.constantFrom('v1', 'v2'), { nil: undefined }),
  tooLong: fc.integer({ min: 0, max: 14 }).map((n) => n === 0),
});
type GeneratedProspect = typeof prospectArb extends fc.Arbitrary<infer T> ? T : never;

const requestArb = fc.record({
  list: fc.integer({ min: 0, max: 2 }),
  prospects: fc.array(prospectArb, { minLength: 1, maxLength: 10 }),
  canCreateDuplicates: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  moveDuplicatesToOtherList: fc.boolean(),
  overwrite: fc.boolean(),
  addExisting: fc.constantFrom(...ADD_EXISTING),
  campaign: fc.constantFrom(...CAMPAIGN_CHOICES),
  /** ?dryRun=true: the same answer, nothing written. */
  dryRun: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
});
type GeneratedRequest = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

const scenarioArb = fc.record({
  plan: fc.constantFrom('business', 'business', 'advanced') as fc.Arbitrary<'business' | 'advanced'>,
  crmLimit: fc.constantFrom(5, 15, undefined),
  /** Pool profiles already in a teammate's CRM (team deduplication on), or null: no team. */
  teammateProfiles: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: POOL.length - 1 }), { minLength: 1, maxLength: 4 }), { nil: null }),
  requests: fc.array(requestArb, { minLength: 1, maxLength: 8 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------- the model

interface ModelProspect {
  id: string;
  key: string;
  list: number;
  isCopy: boolean;
  hasEmail: boolean;
  /** Every enrolment here is active: no campaign changes state during a run. */
  enrolledIn: Set<string>;
}

interface ModelItem {
  importCode: string;
  addToCampaignCode: string | undefined;
  /** The model prospect the answer must show (id '' until the server names a new one), or null. */
  prospect: ModelProspect | null;
}

class CrmModel {
  prospects: ModelProspect[] = [];
  copiesAllowed = false;
  constructor(
    readonly crmLimit: number,
    readonly teammateKeys: ReadonlySet<string>,
  ) {}

  /** A deep copy to decide a dry run on, so the real model stays as the database does. */
  clone(): CrmModel {
    const copy = new CrmModel(this.crmLimit, this.teammateKeys);
    copy.prospects = this.prospects.map((p) => ({ ...p, enrolledIn: new Set(p.enrolledIn) }));
    copy.copiesAllowed = this.copiesAllowed;
    return copy;
  }

  /** Predicts one item's codes, in request order, then applies the answer's ids once known. */
  decide(request: GeneratedRequest, item: GeneratedProspect, campaignId: string | undefined): ModelItem {
    const key = POOL_KEYS[item.profile]!;
    const own = this.prospects.filter((p) => p.key === key);
    const inTarget = own.find((p) => p.list === request.list);
    const original = own.find((p) => !p.isCopy) ?? own[0];
    if (item.tooLong) return { importCode: 'custom_variable_exceeds_1000_chars', addToCampaignCode: undefined, prospect: inTarget ?? original ?? null };

    let outcome: { code: string; prospect: ModelProspect | null };
    if (inTarget) {
      if (item.email) inTarget.hasEmail = true;
      outcome = { code: 'duplicated_prospect', prospect: inTarget };
    } else if (original) {
      if (request.moveDuplicatesToOtherList) {
        original.list = request.list;
        if (item.email) original.hasEmail = true;
        outcome = { code: 'prospect_successfully_moved_to_another_list', prospect: original };
      } else if (request.canCreateDuplicates) outcome = this.create(key, request, item, true);
      else outcome = { code: 'duplicated_prospect', prospect: original };
    } else if (this.teammateKeys.has(key)) {
      if (request.canCreateDuplicates) outcome = this.create(key, request, item, false);
      else if (request.moveDuplicatesToOtherList) outcome = { code: 'failed_to_change_prospect_list', prospect: null };
      else outcome = { code: 'duplicated_prospect', prospect: null };
    } else outcome = this.create(key, request, item, false);

    const addExisting = request.addExisting === 'canonical' || request.addExisting === 'alias';
    const existed = outcome.code === 'duplicated_prospect' || outcome.code === 'prospect_successfully_moved_to_another_list';
    let campaignCode: string | undefined;
    if (request.campaign !== 'none' && outcome.prospect !== null && (outcome.code === 'success' || (existed && addExisting))) {
      campaignCode = this.enrol(outcome.prospect, request.campaign, campaignId!);
    }
    return { importCode: outcome.code, addToCampaignCode: campaignCode, prospect: outcome.prospect };
  }

  private create(key: string, request: GeneratedRequest, item: GeneratedProspect, isCopy: boolean): { code: string; prospect: ModelProspect | null } {
    if (this.prospects.length >= this.crmLimit) return { code: 'max_limit_crm', prospect: null };
    const prospect: ModelProspect = { id: '', key, list: request.list, isCopy, hasEmail: item.email, enrolledIn: new Set() };
    this.prospects.push(prospect);
    if (isCopy) this.copiesAllowed = true;
    return { code: 'success', prospect };
  }

  private enrol(prospect: ModelProspect, choice: CampaignChoice, campaignId: string): string {
    if (choice === 'bogus' || choice === 'draft') return 'cant_add_prospect_campaign_not_exist';
    if (choice === 'archived') return 'cant_add_prospect_campaign_is_archived';
    if (prospect.enrolledIn.size > 0) return 'already_in_campaign';
    if (choice === 'requiresEmail' && !prospect.hasEmail) return 'prospect_does_not_match_preconditions';
    prospect.enrolledIn.add(campaignId);
    return 'success';
  }
}

// ---------------------------------------------------------------- building requests

const BOGUS_CAMPAIGN = 'ffffffffffffffffffffffff';

function campaignIdFor(tenant: Tenant, choice: CampaignChoice): string | undefined {
  if (choice === 'none') return undefined;
  if (choice === 'bogus') return BOGUS_CAMPAIGN;
  return tenant.campaigns[choice].id;
}

function bodyFor(tenant: Tenant, request: GeneratedRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    prospectListId: tenant.lists[request.list]!.id,
    origin: { name: 'property' },
    prospects: request.prospects.map((p) => {
      const shapes = POOL[p.profile]!.shapes;
      const prospect: Record<string, unknown> = { url: shapes[p.shape % shapes.length] };
      const customProfile: Record<string, unknown> = {};
      if (p.email) customProfile.email = `p${p.profile}@example.test`;
      if (p.firstName) customProfile.firstName = p.firstName;
      if (Object.keys(customProfile).length > 0) prospect.customProfile = customProfile;
      const variables = [];
      if (p.variable) variables.push({ label: 'note', value: p.variable });
      if (p.tooLong) variables.push({ label: 'essay', value: 'x'.repeat(1001) });
      if (variables.length > 0) prospect.customVariables = variables;
      return prospect;
    }),
    canCreateDuplicates: request.canCreateDuplicates,
    moveDuplicatesToOtherList: request.moveDuplicatesToOtherList,
    shouldOverwriteCustomProfileData: request.overwrite,
  };
  if (request.addExisting === 'canonical') body.addExistingProspectInCampaign = true;
  if (request.addExisting === 'alias') body.addDuplicateProspectsToCampaign = true;
  if (request.addExisting === 'false') body.addExistingProspectInCampaign = false;
  const campaignId = campaignIdFor(tenant, request.campaign);
  if (campaignId) body.campaignId = campaignId;
  return body;
}

// ---------------------------------------------------------------- reading the database back

function identityKeyOfRow(row: { public_identifier: string | null; member_id: string | null; sales_member_id: string | null }): string {
  if (row.public_identifier !== null) return `publicIdentifier:${row.public_identifier}`;
  if (row.member_id !== null) return `memberId:${row.member_id}`;
  return `salesMemberId:${row.sales_member_id}`;
}

/** The invariants that hold whatever was asked, read from the tables themselves. */
async function checkDatabaseInvariants(db: Db, userIds: string[], crmLimit: number, copiesAllowed: boolean, where: string): Promise<void> {
  for (const userId of userIds) {
    const rows = await db.selectFrom('prospects').select(['id', 'list_id', 'public_identifier', 'member_id', 'sales_member_id', 'duplicate_of']).where('user_id', '=', userId).execute();
    const originals = new Map<string, number>();
    for (const row of rows) {
      const set = [row.public_identifier, row.member_id, row.sales_member_id].filter((v) => v !== null);
      assert.equal(set.length, 1, `${where}: exactly one identity per prospect`);
      if (row.duplicate_of === null) {
        const key = identityKeyOfRow(row);
        originals.set(key, (originals.get(key) ?? 0) + 1);
      }
    }
    for (const [key, n] of originals) assert.ok(n <= 1, `${where}: ${n} originals of ${key} in one CRM`);
    const copies = rows.filter((r) => r.duplicate_of !== null);
    if (userId === userIds[0] && !copiesAllowed) assert.equal(copies.length, 0, `${where}: a copy without any canCreateDuplicates request`);
    for (const copy of copies) {
      const of = rows.find((r) => r.id === copy.duplicate_of);
      assert.ok(of && of.duplicate_of === null && identityKeyOfRow(of) === identityKeyOfRow(copy), `${where}: a copy points at its own original`);
    }

    const lists = await db.selectFrom('prospect_lists').select(['id', 'total_prospects']).where('user_id', '=', userId).execute();
    for (const list of lists) {
      const real = rows.filter((r) => r.list_id === list.id).length;
      assert.equal(Number(list.total_prospects), real, `${where}: totalProspects of ${list.id}`);
    }
    assert.ok(rows.every((r) => lists.some((l) => l.id === r.list_id)), `${where}: every prospect is in one of its user's lists`);

    const user = await db.selectFrom('users').select('prospect_count').where('id', '=', userId).executeTakeFirstOrThrow();
    assert.equal(Number(user.prospect_count), rows.length, `${where}: users.prospect_count`);
    if (userId === userIds[0]) assert.ok(rows.length <= crmLimit, `${where}: ${rows.length} prospects over the CRM limit ${crmLimit}`);

    const enrolments = await db.selectFrom('enrolments').select(['prospect_id', 'active']).where('user_id', '=', userId).execute();
    const active = new Map<string, number>();
    for (const e of enrolments) if (Number(e.active) === 1) active.set(e.prospect_id, (active.get(e.prospect_id) ?? 0) + 1);
    for (const [prospectId, n] of active) assert.ok(n <= 1, `${where}: prospect ${prospectId} active in ${n} campaigns`);
    assert.ok(enrolments.every((e) => rows.some((r) => r.id === e.prospect_id)), `${where}: enrolments belong to the user's prospects`);
  }
}

async function countEvents(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('activity_events').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------- one scenario

async function runScenario(server: TestServer, scenario: Scenario): Promise<void> {
  const db = server.database.db;
  const team = scenario.teammateProfiles ? `team-${randomBytes(6).toString('hex')}` : undefined;
  const tenant = await createTenant(server.database, { plan: scenario.plan, crmLimit: scenario.crmLimit, team });
  const userIds = [tenant.user.id];
  const teammateKeys = new Set<string>();
  if (scenario.teammateProfiles && team) {
    const teammate = await createTenant(server.database, { team });
    userIds.push(teammate.user.id);
    const urls = scenario.teammateProfiles.map((i) => POOL[i]!.shapes[0]!);
    const seeded = await server.request('/prospects/addProspectFromIntegration', {
      key: teammate.key,
      body: { prospectListId: teammate.listId, origin: { name: 'teammate' }, prospects: urls.map((url) => ({ url })) },
    });
    assert.equal(seeded.status, 200);
    assert.ok(seeded.body.result.every((r: { importCode: string }) => r.importCode === 'success'));
    for (const i of scenario.teammateProfiles) teammateKeys.add(POOL_KEYS[i]!);
  }
  const plan = await db.selectFrom('plans').select('crm_limit').where('id', '=', scenario.plan).executeTakeFirstOrThrow();
  const crmLimit = scenario.crmLimit ?? Number(plan.crm_limit);
  const model = new CrmModel(crmLimit, teammateKeys);

  for (const [step, request] of scenario.requests.entries()) {
    const where = `step ${step + 1}/${scenario.requests.length}`;
    const body = bodyFor(tenant, request);
    const eventsBefore = await countEvents(db, tenant.user.id);
    const path = `/prospects/addProspectFromIntegration${request.dryRun ? '?dryRun=true' : ''}`;
    const answer = await server.request(path, { key: tenant.key, body });

    if (request.canCreateDuplicates && scenario.plan === 'advanced') {
      // Without import_duplicates the whole request is refused, nothing written.
      assert.equal(answer.status, 403, where);
      assert.equal(answer.body.code, 'M000401-001', where);
      await checkDatabaseInvariants(db, userIds, crmLimit, model.copiesAllowed, where);
      continue;
    }
    assert.equal(answer.status, 200, `${where}: ${answer.text}`);
    const result: ImportResultItem[] = answer.body.result;
    assert.equal(result.length, request.prospects.length, `${where}: one answer per prospect`);

    const campaignId = campaignIdFor(tenant, request.campaign);
    // A dry run is decided on a copy: the real model (and the database) must not change.
    const live = request.dryRun ? model.clone() : model;
    const countBefore = model.prospects.length;
    const newKeys = new Set(request.prospects.map((p) => POOL_KEYS[p.profile]!).filter((k) => !model.prospects.some((p) => p.key === k)));
    const distinctKeys = new Set(request.prospects.map((p) => POOL_KEYS[p.profile]!));

    // The model decides every item first: `prospect` shows its state after the WHOLE request
    // (docs/api.md), so a later item of the batch may have moved it.
    const expectations = request.prospects.map((p) => live.decide(request, p, campaignId));
    result.forEach((item, index) => {
      const at = `${where} item ${index}`;
      assert.ok((IMPORT_CODES as readonly string[]).includes(item.importCode), `${at}: importCode ${item.importCode}`);
      if (item.addToCampaignCode !== undefined) {
        assert.ok((CAMPAIGN_CODES as readonly string[]).includes(item.addToCampaignCode), `${at}: addToCampaignCode ${item.addToCampaignCode}`);
        assert.notEqual(request.campaign, 'none', `${at}: a campaign code without campaignId`);
      }
      const expected = expectations[index]!;
      assert.deepEqual(
        { importCode: item.importCode, addToCampaignCode: item.addToCampaignCode },
        { importCode: expected.importCode, addToCampaignCode: expected.addToCampaignCode },
        `${at}: codes for ${JSON.stringify(request.prospects[index])} with ${JSON.stringify({ ...request, prospects: undefined })}`,
      );
      assert.ok(item.prospect?.profile, `${at}: every item carries a prospect with its profile`);
      if (expected.prospect === null) assert.equal(item.prospect._id, undefined, `${at}: no prospect of the caller to show`);
      else {
        assert.ok(item.prospect._id, `${at}: the prospect in the CRM is shown`);
        if (expected.prospect.id === '') expected.prospect.id = request.dryRun ? `dry-${index}` : item.prospect._id!;
        else if (!expected.prospect.id.startsWith('dry-')) assert.equal(item.prospect._id, expected.prospect.id, `${at}: the answer shows the model's prospect`);
        assert.equal(item.prospect.listId, tenant.lists[expected.prospect.list]!.id, `${at}: shown in its list after the request`);
      }
      if (item.importCode !== 'success') assert.ok(item.message, `${at}: a message says why nothing was created`);
    });

    const successes = result.filter((r) => r.importCode === 'success').length;
    assert.equal(successes, live.prospects.length - countBefore, `${where}: successes = prospects created`);
    // One activity event per import (none for a dry run), counting each code.
    const events = await db.selectFrom('activity_events').select(['counts', 'origin_label']).where('user_id', '=', tenant.user.id).orderBy('id', 'desc').execute();
    assert.equal(events.length, eventsBefore + (request.dryRun ? 0 : 1), `${where}: activity events`);
    if (!request.dryRun) {
      const counted: Record<string, number> = {};
      for (const r of result) counted[r.importCode] = (counted[r.importCode] ?? 0) + 1;
      assert.deepEqual(JSON.parse(events[0]!.counts).importCodes, counted, `${where}: the event counts the codes`);
      assert.equal(events[0]!.origin_label, 'API-property');
    }
    assert.ok(successes <= (request.canCreateDuplicates ? distinctKeys.size : newKeys.size), `${where}: ${successes} successes for ${newKeys.size} new identities`);

    await checkDatabaseInvariants(db, userIds, crmLimit, model.copiesAllowed, where);
    const rows = await db.selectFrom('prospects').select(['id', 'list_id']).where('user_id', '=', tenant.user.id).orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => ({ id: r.id, list: r.list_id })),
      model.prospects.map((p) => ({ id: p.id, list: tenant.lists[p.list]!.id })).sort((a, b) => (a.id < b.id ? -1 : 1)),
      `${where}: the CRM holds exactly the model's prospects, each in the model's list`,
    );
  }
}

for (const engine of ENGINES) {
  describe(`import invariants, property-based (${engine})`, () => {
    test(`random import sequences keep every invariant (seed ${SEED}, ${RUNS} runs)`, async (t) => {
      const server = await startServer(t, engine);
      await fc.assert(
        fc.asyncProperty(scenarioArb, (scenario) => runScenario(server, scenario)),
        { seed: SEED, numRuns: RUNS },
      );
    });
  });
}
