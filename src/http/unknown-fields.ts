import type { TSchema } from '@sinclair/typebox';
import type { Warning } from '../schemas/import.js';

/**
 * Removes the fields a schema does not declare, and reports each one (contract §4 "warnings"):
 * unknown fields are never stored, and never dropped silently. Runs after validation, so the
 * value already has the schema's shape.
 */
export function stripUnknownFields(schema: TSchema, value: unknown, path = ''): Warning[] {
  const warnings: Warning[] = [];
  walk(schema, value, path, warnings);
  return warnings;
}

function walk(schema: TSchema, value: unknown, path: string, warnings: Warning[]): void {
  if (value === null || typeof value !== 'object') return;
  if (schema.anyOf) {
    const branch = (schema.anyOf as TSchema[]).find((s) => (Array.isArray(value) ? s.type === 'array' : s.type === 'object'));
    if (branch) walk(branch, value, path, warnings);
    return;
  }
  if (schema.type === 'array' && Array.isArray(value) && schema.items) {
    value.forEach((item, index) => walk(schema.items as TSchema, item, `${path}/${index}`, warnings));
    return;
  }
  if (schema.type === 'object' && schema.properties && !Array.isArray(value)) {
    const properties = schema.properties as Record<string, TSchema>;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (!child) {
        warnings.push({ path: `${path}/${escapePointer(key)}`, message: 'unknown field, ignored' });
        delete record[key];
      } else {
        walk(child, record[key], `${path}/${escapePointer(key)}`, warnings);
      }
    }
  }
}

/** JSON Pointer escaping (RFC 6901). */
function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
