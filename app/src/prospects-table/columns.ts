import type { TableSettings } from '../api-types.js';
import { PAGE_SIZES } from './paging.js';

// The table's choices: which columns, in which order (custom variables too, as "var:<label>"), and
// the page size. Remembered per user in local storage; a saved view carries its own (docs/app.md).

/** The columns of the table's own fields; their names are the catalogue's (i18n/en.ts, prospectsTable.columns). */
export const BUILT_IN_COLUMNS = ['occupation', 'company', 'email', 'origin', 'list', 'added', 'updated', 'campaign', 'tags'] as const;

export type BuiltInColumn = (typeof BUILT_IN_COLUMNS)[number];

export const DEFAULT_COLUMNS: readonly string[] = ['occupation', 'company', 'email', 'origin', 'added', 'campaign'];

export interface TableChoices {
  /** After the name, which is always first. */
  columns: string[];
  pageSize: number;
}

export const DEFAULT_CHOICES: TableChoices = { columns: [...DEFAULT_COLUMNS], pageSize: 50 };

const VARIABLE = 'var:';

export function variableColumn(label: string): string {
  return `${VARIABLE}${label}`;
}

/** The label of a variable column, or undefined for a built-in one. */
export function variableOf(column: string): string | undefined {
  return column.startsWith(VARIABLE) ? column.slice(VARIABLE.length) : undefined;
}

function isBuiltIn(column: string): column is BuiltInColumn {
  return (BUILT_IN_COLUMNS as readonly string[]).includes(column);
}

/** A column's name: a custom variable's own label, else the catalogue's name of a built-in column. */
export function columnLabel(column: string, names: Readonly<Record<BuiltInColumn, string>>): string {
  return variableOf(column) ?? (isBuiltIn(column) ? names[column] : column);
}

function isColumn(column: unknown): column is string {
  return typeof column === 'string' && (isBuiltIn(column) || (column.startsWith(VARIABLE) && column.length > VARIABLE.length));
}

/** Choices read from storage or a view, every unknown part replaced by the default. */
export function validChoices(raw: Partial<TableSettings> | null | undefined): TableChoices {
  const columns = Array.isArray(raw?.columns) ? [...new Set(raw.columns.filter(isColumn))] : [...DEFAULT_CHOICES.columns];
  const pageSize = PAGE_SIZES.find((size) => size === raw?.pageSize) ?? DEFAULT_CHOICES.pageSize;
  return { columns, pageSize };
}

/** The part of localStorage the choices use (a stand-in in unit tests). */
interface ChoiceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const storageKey = (userId: string) => `prospect-hub:prospect-table:${userId}`;

export function readChoices(storage: Pick<ChoiceStorage, 'getItem'>, userId: string): TableChoices {
  try {
    return validChoices(JSON.parse(storage.getItem(storageKey(userId)) ?? 'null') as Partial<TableSettings> | null);
  } catch {
    return validChoices(null);
  }
}

export function saveChoices(storage: Pick<ChoiceStorage, 'setItem'>, userId: string, choices: TableChoices): void {
  try {
    storage.setItem(storageKey(userId), JSON.stringify(choices));
  } catch {
    // Private windows may refuse storage: the choices then last until the page is left.
  }
}

export function toggleColumn(columns: readonly string[], column: string): string[] {
  return columns.includes(column) ? columns.filter((c) => c !== column) : [...columns, column];
}

/** Moves a shown column one place up (-1) or down (+1). */
export function moveColumn(columns: readonly string[], column: string, by: -1 | 1): string[] {
  const at = columns.indexOf(column);
  const to = at + by;
  if (at < 0 || to < 0 || to >= columns.length) return [...columns];
  const next = [...columns];
  [next[at], next[to]] = [next[to]!, next[at]!];
  return next;
}
