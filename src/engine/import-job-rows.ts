import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { stripUnknownFields } from '../http/unknown-fields.js';
import { ProspectInput, type CustomVariable, type Warning } from '../schemas/import.js';
import { MAPPED_FIELDS, type ColumnMapping, type MappedField } from '../schemas/import-jobs.js';
import type { BatchItem } from './decide-import.js';
import { readBatch } from './read-import-request.js';

/**
 * The rows of an import job (docs/v1.md#import-jobs), pure: how a CSV header is mapped to fields,
 * how a staged row (a CSV record, a JSON value, or a line that could not be parsed) becomes the
 * prospect the compatible endpoint would have been sent, and why a row cannot be read. A row that
 * cannot be read is a result of its own, never the failure of the file.
 */

/** A row as staged while the upload streamed in: its input row number and what was read. */
export type StagedRow =
  /** A CSV record, in the header's column order. */
  | { n: number; r: string[] }
  /** A JSON value (a JSON Lines line, an element of a JSON body's prospects). */
  | { n: number; v: unknown }
  /** A line that could not be parsed: its text (cut to STAGED_TEXT_MAX) and why. */
  | { n: number; t: string; e: string };

/** A broken line's text is kept this long at most (for the failed-rows file). */
export const STAGED_TEXT_MAX = 10_000;

/** `warnings`: the row's unknown fields, ignored (paths from the row: /customProfile/nickname). */
export type RowReading = { ok: true; input: ProspectInput; item: BatchItem; warnings: Warning[] } | { ok: false; url: string | null; reason: string };

/** A mapping resolved against a header: the column index of each field, and the custom-variable columns with their labels. */
export interface ResolvedMapping {
  fields: Partial<Record<Exclude<MappedField, 'ignore'>, number>>;
  variables: { index: number; label: string }[];
}

const comparable = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

// Headers that name a field without spelling it: the automatic mapping knows these too.
const ALIASES: Record<string, Exclude<MappedField, 'ignore'>> = {
  linkedinurl: 'url',
  profileurl: 'url',
  linkedinprofileurl: 'url',
  company: 'company.name',
  title: 'occupation',
  jobtitle: 'occupation',
  phonenumber: 'phone',
};

const AUTOMATIC = new Map<string, Exclude<MappedField, 'ignore'>>([
  ...MAPPED_FIELDS.filter((f): f is Exclude<MappedField, 'ignore'> => f !== 'ignore').map((f) => [comparable(f), f] as const),
  ...Object.entries(ALIASES),
]);

/**
 * Resolves a mapping against a CSV header: each header named like a field (any case, spaces and
 * punctuation ignored: "First Name" is firstName) is mapped to it, then the explicit `columns` are
 * applied over that; `variablePrefix` and `variableColumns` name custom variables. Answers the
 * resolved mapping or every problem (a header the mapping names that the file lacks, a field
 * mapped twice, no url column).
 */
export function resolveMapping(header: readonly string[], mapping: ColumnMapping = {}): { ok: true; resolved: ResolvedMapping } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const byColumn = new Map<number, MappedField>();
  header.forEach((name, index) => {
    const field = AUTOMATIC.get(comparable(name));
    if (field) byColumn.set(index, field);
  });
  const variableColumns = new Set(mapping.variableColumns ?? []);
  for (const [name, field] of Object.entries(mapping.columns ?? {})) {
    const index = header.indexOf(name);
    if (index < 0) problems.push(`mapping.columns names "${name}", which is not a column of the file`);
    else byColumn.set(index, field);
  }
  for (const name of variableColumns) if (!header.includes(name)) problems.push(`mapping.variableColumns names "${name}", which is not a column of the file`);
  const resolved: ResolvedMapping = { fields: {}, variables: [] };
  header.forEach((name, index) => {
    const prefix = mapping.variablePrefix;
    if (variableColumns.has(name)) resolved.variables.push({ index, label: name });
    else if (prefix !== undefined && name.startsWith(prefix) && name.length > prefix.length && !mapping.columns?.[name]) {
      resolved.variables.push({ index, label: name.slice(prefix.length) });
    } else {
      const field = byColumn.get(index);
      if (field === undefined || field === 'ignore') return;
      const taken = resolved.fields[field];
      // An automatic match never beats an explicit one, nor a column mapped before it.
      if (taken !== undefined) {
        if (mapping.columns?.[name] === field && mapping.columns[header[taken]!] !== field) resolved.fields[field] = index;
        else if (mapping.columns?.[name] === field) problems.push(`"${header[taken]}" and "${name}" are both mapped to ${field}`);
        return;
      }
      resolved.fields[field] = index;
    }
  });
  if (resolved.fields.url === undefined) problems.push('no column is mapped to url: name one with mapping.columns ({"Profile": "url"}) or map=Profile=url');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, resolved };
}

/** A CSV record as the compatible endpoint's prospect: empty cells are no value. */
export function prospectOfRecord(record: readonly string[], mapping: ResolvedMapping): ProspectInput {
  const cell = (field: Exclude<MappedField, 'ignore'>) => {
    const index = mapping.fields[field];
    const value = index === undefined ? '' : (record[index] ?? '').trim();
    return value === '' ? undefined : value;
  };
  const profile: Record<string, unknown> = {};
  for (const field of ['firstName', 'lastName', 'occupation', 'email', 'region'] as const) {
    const value = cell(field);
    if (value !== undefined) profile[field] = value;
  }
  const phone = cell('phone');
  if (phone !== undefined) profile.phoneNumbers = [{ number: phone, type: 'other' }];
  const company: Record<string, string> = {};
  for (const part of ['name', 'linkedinUrl', 'website'] as const) {
    const value = cell(`company.${part}`);
    if (value !== undefined) company[part] = value;
  }
  if (Object.keys(company).length > 0) profile.company = company;
  const variables: CustomVariable[] = [];
  for (const { index, label } of mapping.variables) {
    const value = (record[index] ?? '').trim();
    if (value !== '') variables.push({ label, value });
  }
  return {
    url: cell('url') ?? '',
    ...(Object.keys(profile).length > 0 ? { customProfile: profile as ProspectInput['customProfile'] } : {}),
    ...(variables.length > 0 ? { customVariables: variables } : {}),
  };
}

/**
 * A staged row as the engine's batch item, or why it cannot be read: a broken line, a record with
 * another number of fields than the header, a value the compatible endpoint's schema refuses, a URL
 * that is not a LinkedIn profile's.
 */
// Compiled once: every row of a job is checked against it (TypeBox's interpreted check cost more).
const prospectInput = TypeCompiler.Compile(ProspectInput);

export function readStagedRow(row: StagedRow, context: { header: readonly string[] | null; mapping: ResolvedMapping | null }): RowReading {
  if ('e' in row) return { ok: false, url: null, reason: row.e };
  let value: unknown;
  if ('r' in row) {
    if (!context.mapping || !context.header) return { ok: false, url: null, reason: 'a CSV record without its header' };
    if (row.r.length !== context.header.length) {
      return { ok: false, url: null, reason: `the line has ${row.r.length} fields where the header has ${context.header.length}` };
    }
    value = prospectOfRecord(row.r, context.mapping);
  } else {
    value = row.v;
  }
  const url = urlOf(value);
  if (!prospectInput.Check(value)) {
    const error = fieldError(ProspectInput, value, '');
    return { ok: false, url, reason: error ? `${error.path || '(row)'}: ${error.message}` : 'not a prospect' };
  }
  // Only the fields the compatible endpoint reads: an unknown field is never stored, and reported (docs/api.md#warnings).
  // A CSV record's prospect is new; a JSON row is still the staged one, which a failed-rows file repeats whole.
  const input = 'r' in row ? value : Value.Clone(value);
  const warnings = stripUnknownFields(ProspectInput, input);
  const reading = readBatch([input]);
  if (!reading.ok) return { ok: false, url, reason: `not a LinkedIn profile URL: ${reading.invalidUrls[0]!.reason}` };
  return { ok: true, input, item: reading.batch[0]!, warnings };
}

/** The first error, named at the field: TypeBox stops at a union ("Expected union value"), so the variant of the value's kind is searched in turn. */
function fieldError(schema: TSchema, value: unknown, prefix: string): { path: string; message: string } | undefined {
  const first = Value.Errors(schema, value).First();
  if (!first) return undefined;
  const kind = Array.isArray(first.value) ? 'array' : first.value === null ? 'null' : typeof first.value;
  const variants = first.schema.anyOf as TSchema[] | undefined;
  const variant = variants?.find((s) => s.type === kind);
  if (variant) return fieldError(variant, first.value, prefix + first.path) ?? { path: prefix + first.path, message: first.message };
  const kinds = variants?.map((s) => String(s.type)).filter((t) => t !== 'undefined');
  return { path: prefix + first.path, message: kinds && kinds.length > 0 ? `Expected ${kinds.join(' or ')}` : first.message };
}

function urlOf(value: unknown): string | null {
  const url = (value as { url?: unknown } | null)?.url;
  return typeof url === 'string' ? url : null;
}
