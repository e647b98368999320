import type { TSchema } from '@sinclair/typebox';
import type { Warning } from '../schemas/import.js';

/**
 * Removes the fields a schema does not declare, and reports each one (docs/api.md#warnings):
 * unknown fields are never stored, and never dropped silently. Runs after validation, so the
 * value already has the schema's shape.
 */
export function stripUnknownFields(schema: TSchema, value: unknown, path = ''): Warning[] {
  const warnings: Warning[] = [];
  walk(schema, value, { parent: null, key: path }, warnings);
  return warnings;
}

/**
 * Where the walk is, as a linked list of keys: the JSON Pointer is only spelled out for a warning,
 * since building it for every field of a 1,000-prospect body was a visible cost (docs/benchmarks.md).
 */
interface Location {
  parent: Location | null;
  key: string;
}

function pointer(location: Location): string {
  const keys: string[] = [];
  for (let at: Location | null = location; at; at = at.parent) keys.push(at.key);
  return keys.reverse().join('/');
}

function walk(schema: TSchema, value: unknown, location: Location, warnings: Warning[]): void {
  if (value === null || typeof value !== 'object') return;
  if (schema.anyOf) {
    const branch = (schema.anyOf as TSchema[]).find((s) => (Array.isArray(value) ? s.type === 'array' : s.type === 'object'));
    if (branch) walk(branch, value, location, warnings);
    return;
  }
  if (schema.type === 'array' && Array.isArray(value) && schema.items) {
    const items = schema.items as TSchema;
    for (let index = 0; index < value.length; index++) walk(items, value[index], { parent: location, key: String(index) }, warnings);
    return;
  }
  if (schema.type === 'object' && schema.properties && !Array.isArray(value)) {
    const properties = schema.properties as Record<string, TSchema>;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const child = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (!child) {
        warnings.push({ path: pointer({ parent: location, key: escapePointer(key) }), message: 'unknown field, ignored' });
        delete record[key];
      } else {
        const inner = record[key];
        if (inner !== null && typeof inner === 'object') walk(child, inner, { parent: location, key: escapePointer(key) }, warnings);
      }
    }
  }
}

/** JSON Pointer escaping (RFC 6901). */
function escapePointer(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}
