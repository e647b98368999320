import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** A connection or an open transaction: every store function takes one as its first parameter. */
export type Db = Kysely<Schema>;

export function parseJsonArray(text: string | null): string[] {
  if (!text) return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
