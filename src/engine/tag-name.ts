import { checkDisplayName } from './display-name.js';
import type { TextFault } from './text-fault.js';

/**
 * Tag names (docs/v1.md#tags-and-notes): a display name (trimmed, never empty, no control, zero-width
 * or bidi characters: src/engine/display-name.ts), in NFC so that "é" typed two ways is one tag, at
 * most MAX_TAG_LENGTH characters. Tags are unique per user without regard to case: `key` is what
 * makes two names the same tag.
 */
export const MAX_TAG_LENGTH = 50;

export type TagNameCheck = { ok: true; name: string; key: string } | { ok: false; fault: TextFault };

export function checkTagName(raw: string): TagNameCheck {
  const checked = checkDisplayName(raw.normalize('NFC'));
  if (!checked.ok) return checked;
  if ([...checked.name].length > MAX_TAG_LENGTH) return { ok: false, fault: { rule: 'too_long', limit: MAX_TAG_LENGTH } };
  return { ok: true, name: checked.name, key: tagKey(checked.name) };
}

/** What makes two tag names one tag: the same letters whatever their case. */
export function tagKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
