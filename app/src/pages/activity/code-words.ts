import { en } from '../../i18n/en.js';

// What the activity pages show for the API's codes: words, with the code itself in a tooltip
// (docs/app.md#activity). The words are the catalogue's (activity.importCodes, …): a page passes
// those of its language; without them, English.

type Words = Readonly<Record<string, string>>;

/** A code the catalogue does not know yet reads as itself, turned into words. */
const fallback = (code: string) => code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export const importWords = (code: string, words: Words = en.activity.importCodes) => words[code] ?? fallback(code);
export const campaignWords = (code: string, words: Words = en.activity.campaignCodes) => words[code] ?? fallback(code);
export const changeWords = (code: string, words: Words = en.activity.changes) => words[code] ?? fallback(code);
export const reasonWords = (code: string, words: Words = en.activity.reasons) => words[code] ?? fallback(code);
