/**
 * docs/benchmarks.md is made of sections that separate runs measure: the import figures of a full
 * run at the top, then sections such as the /v1 reads, webhooks, import jobs and start-up time, then
 * the notes (bench/notes.md, from "## Reproduce" on). A run replaces the sections it measured and
 * keeps the others as the last run that measured them left them.
 */

export interface SectionPlace {
  /** The section's heading line, or its start when the rest varies (e.g. "## /v1 reads at "). */
  heading: string;
  /** When the document has no such section yet: put it before this heading (else before the notes). */
  before?: string;
}

const startOf = (text: string, heading: string, from = 0): number => text.indexOf(`\n${heading}`, from);

/** The document without its notes (everything from the notes' first line on). */
function withoutNotes(document: string, notes: string): string {
  const firstNote = notes.trim().split('\n')[0]!;
  const notesAt = document.indexOf(`\n${firstNote}\n`);
  return notesAt === -1 ? document : document.slice(0, notesAt + 1);
}

/** The section under `heading` (up to the next "## "), or null when the document has none. */
export function extractSection(document: string, notes: string, heading: string): string | null {
  const text = withoutNotes(document, notes);
  const start = startOf(text, heading);
  if (start === -1) return null;
  const next = text.indexOf('\n## ', start + 1);
  return text.slice(start + 1, next === -1 ? undefined : next + 1).trimEnd() + '\n';
}

/** `document` with the section at `place` replaced by `section` (or added), and its notes by `notes`. */
export function spliceSection(document: string, place: SectionPlace, section: string, notes: string): string {
  let text = withoutNotes(document, notes);
  const start = startOf(text, place.heading);
  if (start === -1) {
    const before = place.before ? startOf(text, place.before) : -1;
    text = before === -1 ? `${text.trimEnd()}\n\n${section.trimEnd()}\n` : `${text.slice(0, before + 1)}${section.trimEnd()}\n\n${text.slice(before + 1)}`;
  } else {
    const next = text.indexOf('\n## ', start + 1);
    text = `${text.slice(0, start + 1)}${section.trimEnd()}\n\n${next === -1 ? '' : text.slice(next + 1)}`;
  }
  return `${text.trimEnd()}\n\n${notes.trim()}\n`;
}
