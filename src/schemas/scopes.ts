import { Type, type Static } from '@sinclair/typebox';

/**
 * What an API key may do (docs/v1.md#scopes):
 * - `import`: the four compatible endpoints;
 * - `read`: every GET of /v1;
 * - `write`: every change of /v1 to prospects, lists, campaigns and enrolments;
 * - `admin`: API keys (and what configures the account).
 * A signed-in person holds every scope; a key holds the ones it was created with.
 */
export const SCOPES = ['import', 'read', 'write', 'admin'] as const;
export const Scope = Type.Union(SCOPES.map((scope) => Type.Literal(scope)));
export type Scope = Static<typeof Scope>;

/** Keys created without scopes keep exactly the rights keys had before scopes existed. */
export const DEFAULT_SCOPES: readonly Scope[] = ['import'];

/** The scopes stored with a key (a JSON array, or NULL for a key older than scopes). */
export function storedScopes(stored: string | null): Scope[] {
  if (stored === null) return [...DEFAULT_SCOPES];
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? SCOPES.filter((scope) => parsed.includes(scope)) : [...DEFAULT_SCOPES];
}

/** Reads a comma-separated list ("import,read") into scopes, or says which name is unknown. */
export function parseScopeList(text: string): { ok: true; scopes: Scope[] } | { ok: false; unknown: string } {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) if (!(SCOPES as readonly string[]).includes(name)) return { ok: false, unknown: name };
  return { ok: true, scopes: SCOPES.filter((scope) => names.includes(scope)) };
}
