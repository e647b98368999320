/**
 * The text of a note (docs/v1.md#tags-and-notes): line breaks kept (CR LF read as LF), trimmed, never
 * empty, at most `max` characters, and no character that hides or reorders what is shown: controls
 * other than tab and line feed, and bidi overrides or isolates (zero-width joiners stay: emoji use them).
 */
export type NoteTextCheck = { ok: true; text: string } | { ok: false; reason: string };

export function checkNoteText(raw: string, max: number): NoteTextCheck {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text === '') return { ok: false, reason: 'must not be empty or only spaces' };
  if ([...text].length > max) return { ok: false, reason: `must be at most ${max} characters` };
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (isRefused(code)) return { ok: false, reason: `must not contain control or direction-changing characters (U+${code.toString(16).toUpperCase().padStart(4, '0')})` };
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
