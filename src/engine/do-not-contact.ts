/**
 * Why a prospect may not be enrolled in a campaign because someone asked not to contact them, or null
 * (docs/v1.md#privacy-erasure-do-not-contact-access). The import and the app's enrolment both ask this.
 */
export function doNotContactRefusal(marked: { prospect: boolean; list: boolean }): string | null {
  if (marked.prospect) return 'this person is marked do-not-contact: they stay in your CRM but are never enrolled in a campaign';
  if (marked.list) return 'this list is marked do-not-contact: its prospects stay in your CRM but are never enrolled in a campaign';
  return null;
}

/** The import's answer for a person erased from the caller's CRM: nothing about them is stored again. */
export const ERASED_PERSON_MESSAGE =
  'this person was erased from your CRM at your request and cannot be imported again; nothing was stored';
