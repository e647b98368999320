import type { CustomProfile, CustomVariable } from '../schemas/import.js';

/**
 * A prospect's profile data as stored: only fields that carry a value (null and "" in a request
 * mean "no value" and are dropped), strings trimmed.
 */
export interface StoredProfile {
  firstName?: string;
  lastName?: string;
  occupation?: string;
  email?: string;
  region?: string;
  phoneNumbers?: { number: string; type: 'mobile' | 'work' | 'home' | 'other' }[];
  birthday?: { day?: number; month?: number };
  company?: { name?: string; linkedinUrl?: string; website?: string };
}

export interface StoredVariable {
  label: string;
  value: string;
}

const TEXT_FIELDS = ['firstName', 'lastName', 'occupation', 'email', 'region'] as const;
const COMPANY_FIELDS = ['name', 'linkedinUrl', 'website'] as const;

function text(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function normalizeProfile(input: CustomProfile | null | undefined): StoredProfile {
  const profile: StoredProfile = {};
  if (!input) return profile;
  for (const field of TEXT_FIELDS) {
    const value = text(input[field]);
    if (value !== undefined) profile[field] = value;
  }
  if (input.phoneNumbers && input.phoneNumbers.length > 0) {
    profile.phoneNumbers = input.phoneNumbers.map((p) => ({ number: p.number.trim(), type: p.type }));
  }
  if (input.birthday && (input.birthday.day !== undefined || input.birthday.month !== undefined)) {
    profile.birthday = {};
    if (input.birthday.day !== undefined) profile.birthday.day = input.birthday.day;
    if (input.birthday.month !== undefined) profile.birthday.month = input.birthday.month;
  }
  if (input.company) {
    const company: NonNullable<StoredProfile['company']> = {};
    for (const field of COMPANY_FIELDS) {
      const value = text(input.company[field]);
      if (value !== undefined) company[field] = value;
    }
    if (Object.keys(company).length > 0) profile.company = company;
  }
  return profile;
}

/**
 * A deep copy of a stored profile. Hand-written because it runs for every new prospect of a batch and
 * structuredClone costs several microseconds per call (docs/benchmarks.md).
 */
export function cloneProfile(profile: StoredProfile): StoredProfile {
  const copy: StoredProfile = { ...profile };
  if (profile.phoneNumbers) copy.phoneNumbers = profile.phoneNumbers.map((p) => ({ ...p }));
  if (profile.birthday) copy.birthday = { ...profile.birthday };
  if (profile.company) copy.company = { ...profile.company };
  return copy;
}

/** Keeps the last value per label; null and "" values carry nothing. */
export function normalizeVariables(input: CustomVariable[] | null | undefined): StoredVariable[] {
  if (!input) return [];
  const byLabel = new Map<string, string>();
  for (const variable of input) {
    if (variable.value == null || variable.value === '') continue;
    byLabel.set(variable.label.trim(), variable.value);
  }
  return [...byLabel].map(([label, value]) => ({ label, value }));
}

/**
 * Merges incoming data into an existing profile (docs/api.md#profile-data): by default incoming
 * values only fill empty fields; with `overwrite` they replace existing ones. Company merges per
 * sub-field; phone numbers and birthday are one value each. Returns whether anything changed.
 */
export function mergeProfile(target: StoredProfile, incoming: StoredProfile, overwrite: boolean): boolean {
  let changed = false;
  for (const field of TEXT_FIELDS) {
    const value = incoming[field];
    if (value !== undefined && target[field] !== value && (overwrite || target[field] === undefined)) {
      target[field] = value;
      changed = true;
    }
  }
  if (incoming.phoneNumbers && (overwrite || !target.phoneNumbers)) {
    if (JSON.stringify(target.phoneNumbers) !== JSON.stringify(incoming.phoneNumbers)) {
      target.phoneNumbers = incoming.phoneNumbers.map((p) => ({ ...p }));
      changed = true;
    }
  }
  if (incoming.birthday && (overwrite || !target.birthday)) {
    if (target.birthday?.day !== incoming.birthday.day || target.birthday?.month !== incoming.birthday.month) {
      target.birthday = { ...incoming.birthday };
      changed = true;
    }
  }
  if (incoming.company) {
    const company = { ...target.company };
    let companyChanged = false;
    for (const field of COMPANY_FIELDS) {
      const value = incoming.company[field];
      if (value !== undefined && company[field] !== value && (overwrite || company[field] === undefined)) {
        company[field] = value;
        companyChanged = true;
      }
    }
    if (companyChanged) {
      target.company = company;
      changed = true;
    }
  }
  return changed;
}

/** The same rule per label for custom variables. Returns whether anything changed. */
export function mergeVariables(target: StoredVariable[], incoming: StoredVariable[], overwrite: boolean): boolean {
  let changed = false;
  for (const variable of incoming) {
    const existing = target.find((v) => v.label === variable.label);
    if (!existing) {
      target.push({ ...variable });
      changed = true;
    } else if (overwrite && existing.value !== variable.value) {
      existing.value = variable.value;
      changed = true;
    }
  }
  return changed;
}
