import { codePointName, type TextFault } from './text-fault.js';

/**
 * Names people give lists, campaigns and keys: trimmed, never empty, and free of characters that make
 * a name show as something else — controls, zero-width characters and bidi overrides or isolates
 * ("abc\u202Eevil" would display as "abclive").
 */
export type NameCheck = { ok: true; name: string } | { ok: false; fault: TextFault };

export function checkDisplayName(raw: string): NameCheck {
  const name = raw.trim();
  if (name === '') return { ok: false, fault: { rule: 'empty' } };
  for (const char of name) {
    const code = char.codePointAt(0)!;
    if (isHidden(code)) return { ok: false, fault: { rule: 'hidden_character', character: codePointName(code) } };
  }
  return { ok: true, name };
}

function isHidden(code: number): boolean {
  return (
    code < 0x20 || // C0 controls, tab and newlines included
    (code >= 0x7f && code <= 0x9f) || // DEL and C1 controls
    code === 0xad || // soft hyphen
    (code >= 0x200b && code <= 0x200f) || // zero-width space, joiners, LRM, RLM
    (code >= 0x202a && code <= 0x202e) || // bidi embeddings and overrides
    (code >= 0x2060 && code <= 0x2069) || // word joiner, invisible operators, bidi isolates
    code === 0xfeff // zero-width no-break space
  );
}
