/**
 * Origin names and their labels in the activity feed (docs/api.md#origin-and-activity): the native integrations show
 * by their own name, matched case-insensitively; anything else shows as API-<name>.
 */
const NATIVE_INTEGRATIONS = new Map([
  ['make', 'Make'],
  ['zapier', 'Zapier'],
  ['n8n', 'n8n'],
]);

export const ORIGIN_MAX_LENGTH = 64;

export function originLabel(name: string): string {
  return NATIVE_INTEGRATIONS.get(name.toLowerCase()) ?? `API-${name}`;
}

/** Returns the trimmed origin name, or the reason it is refused: 1–64 printable characters after trimming. */
export function checkOriginName(raw: string): { ok: true; name: string } | { ok: false; reason: string } {
  const name = raw.trim();
  if (name.length === 0) return { ok: false, reason: 'must not be empty' };
  if ([...name].length > ORIGIN_MAX_LENGTH) return { ok: false, reason: `must be at most ${ORIGIN_MAX_LENGTH} characters` };
  // Control and format characters (C0/C1, bidi overrides, zero-width) are not printable.
  if (/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u.test(name)) return { ok: false, reason: 'must contain printable characters only' };
  return { ok: true, name };
}
