import { CUSTOM_VARIABLE_MAX, type ImportRequest, type ProspectInput } from '../schemas/import.js';
import type { BatchItem, ImportFlags } from './decide-import.js';
import { parseLinkedInUrl } from './linkedin-url.js';
import { normalizeProfile, normalizeVariables } from './profile.js';

/** Reading an import request into what decideImport takes. Pure: the use case turns a refusal into a problem. */

export interface InvalidUrl {
  index: number;
  url: string;
  reason: string;
}

/** The batch, or every URL that is not a LinkedIn profile URL (one of them refuses the whole request). */
export type BatchReading = { ok: true; batch: BatchItem[] } | { ok: false; invalidUrls: InvalidUrl[] };

export function readBatch(prospects: readonly ProspectInput[]): BatchReading {
  const invalidUrls: InvalidUrl[] = [];
  const batch: BatchItem[] = [];
  prospects.forEach((prospect, index) => {
    const parsed = parseLinkedInUrl(prospect.url);
    if (!parsed.ok) {
      invalidUrls.push({ index, url: prospect.url, reason: parsed.reason });
      return;
    }
    batch.push({
      identity: parsed.identity,
      profile: normalizeProfile(prospect.customProfile),
      variables: normalizeVariables(prospect.customVariables),
      variableTooLong: (prospect.customVariables ?? []).some((v) => v.value != null && characterCount(v.value) > CUSTOM_VARIABLE_MAX),
    });
  });
  return invalidUrls.length > 0 ? { ok: false, invalidUrls } : { ok: true, batch };
}

export function importFlags(request: ImportRequest): ImportFlags {
  return {
    canCreateDuplicates: request.canCreateDuplicates ?? false,
    moveDuplicatesToOtherList: request.moveDuplicatesToOtherList ?? false,
    overwriteProfile: request.shouldOverwriteCustomProfileData ?? false,
    // Either name asks for it: the n8n node sends the alias, other clients the original.
    addExistingToCampaign: request.addExistingProspectInCampaign === true || request.addDuplicateProspectsToCampaign === true,
  };
}

/**
 * Characters as a person (and JSON Schema's maxLength) counts them: code points, so an emoji is one,
 * not two UTF-16 units ("each value at most 1000 characters").
 */
export function characterCount(text: string): number {
  // At most one code point per UTF-16 unit: short strings need no walk.
  if (text.length <= CUSTOM_VARIABLE_MAX) return text.length;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

