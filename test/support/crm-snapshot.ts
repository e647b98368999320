import type { CrmSnapshot } from '../../src/engine/decide-import.js';

/** A CRM with no prospect, no mark and room to spare, importing into `targetListId`: tests override what they need. */
export function emptySnapshot(targetListId: string, overrides: Partial<CrmSnapshot> = {}): CrmSnapshot {
  return {
    targetListId,
    prospects: [],
    teammateIdentityKeys: new Set(),
    erasedIdentityKeys: new Set(),
    doNotContactLists: new Set(),
    listNames: new Map(),
    prospectCount: 0,
    crmLimit: 100,
    campaign: undefined,
    enrolments: [],
    ...overrides,
  };
}
