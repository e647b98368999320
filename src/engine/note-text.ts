import { codePointName, type TextFault } from './text-fault.js';

/**
 * The text of a note (docs/v1.md#tags-and-notes): line breaks kept (CR LF read as LF), trimmed, never
 * empty, at most `max` characters, and no character that hides or reorders what is shown: controls
 * other than tab and line feed, and bidi overrides or isolates (zero-width joiners stay: emoji use them).
 */
export type NoteTextCheck = { ok: true; text: string } | { ok: false; fault: TextFault };

export function checkNoteText(raw: string, max: number): NoteTextCheck {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text === '') return { ok: false, fault: { rule: 'empty' } };
  if ([...text].length > max) return { ok: false, fault: { rule: 'too_long', limit: max } };
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (isRefused(code)) return { ok: false, fault: { rule: 'hidden_character', character: codePointName(code) } };
  }
  return { ok: true, text };
}

function isRefused(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}
