// The check every compatible answer of the suite goes through (test/support/waalaxy-shapes.ts) must
// refuse what Waalaxy's clients break on, or a drift would pass unnoticed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertWaalaxyShape } from '../support/waalaxy-shapes.js';

const IMPORT = '/prospects/addProspectFromIntegration';
const item = (prospect: unknown, extra: Record<string, unknown> = {}) => ({ result: [{ importCode: 'success', prospect, message: null, ...extra }] });
const profile = { firstName: 'Ada', lastName: null, publicIdentifier: 'ada', linkedinUrl: 'https://www.linkedin.com/in/ada' };

describe("Waalaxy's published answer shapes", () => {
  test('an item with or without _id, with extra fields, passes', () => {
    assertWaalaxyShape('POST', IMPORT, 200, item({ _id: 'x', listId: 'l', profile, customVariables: [] }));
    assertWaalaxyShape('POST', `${IMPORT}?dryRun=true`, 200, { ...item({ profile }), warnings: [], dryRun: true, activityId: null });
  });

  test('a null prospect, a null identity field or an unknown code is refused', () => {
    assert.throws(() => assertWaalaxyShape('POST', IMPORT, 200, item(null)), /prospect/);
    assert.throws(() => assertWaalaxyShape('POST', IMPORT, 200, item({ profile: { ...profile, memberId: null } })), /memberId/);
    assert.throws(() => assertWaalaxyShape('POST', IMPORT, 200, item({ _id: 'x', profile: { ...profile, firstName: null } })), /firstName/);
    assert.throws(() => assertWaalaxyShape('POST', IMPORT, 200, item({ profile }, { importCode: 'imported' })), /importCode/);
    assert.throws(() => assertWaalaxyShape('POST', IMPORT, 200, item({ profile }, { addToCampaignCode: 'queued' })), /addToCampaignCode/);
  });

  test('lists, campaigns, the key test and 429 problems are checked too; other answers are not', () => {
    assert.throws(() => assertWaalaxyShape('GET', '/prospectLists/getProspectLists', 200, [{ _id: 'l', user: 'u' }]), /name/);
    assert.throws(() => assertWaalaxyShape('GET', '/campaigns/getAll', 200, { campaigns: [] }), /total/);
    assert.throws(() => assertWaalaxyShape('GET', '/integrations/test', 200, { ok: true }));
    assert.throws(() => assertWaalaxyShape('GET', '/integrations/test', 429, { title: 'x', status: 429 }), /type/);
    assertWaalaxyShape('GET', '/integrations/test', 401, { anything: true });
    assertWaalaxyShape('GET', '/v1/lists', 200, null);
  });
});
