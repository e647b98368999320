/**
 * An erased person named in another prospect's note (docs/v1.md#privacy-erasure-do-not-contact-access):
 * each mention of what identifies them — profile identifier, URL, e-mail, full name — is replaced by
 * ERASED_MENTION, case ignored; the rest of the note stays. Single first or last names are left:
 * "Ada" alone names too many people to be theirs.
 */
export const ERASED_MENTION = '[erased]';

export interface PersonMentions {
  /** Texts that name the person, each at least 3 characters. */
  texts: string[];
}

export function mentionsOf(parts: readonly (string | null | undefined)[]): PersonMentions {
  const texts = new Set<string>();
  for (const part of parts) {
    const text = part?.trim();
    if (text && text.length >= 3) texts.add(text);
  }
  // Longest first: a URL is replaced whole before the identifier inside it.
  return { texts: [...texts].sort((a, b) => b.length - a.length) };
}

/** The note without the mentions, or null when it has none. */
export function redactNote(body: string, mentions: PersonMentions): string | null {
  let text = body;
  for (const mention of mentions.texts) text = text.replace(new RegExp(escapeRegExp(mention), 'giu'), ERASED_MENTION);
  return text === body ? null : text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
