import { searchOfFilter, type TableFilter } from './filters.js';

// Pages of the prospect table. /v1/prospects pages by cursor (docs/v1.md#pagination); the table
// numbers its pages from an exact count (GET /v1/prospects/count). Next and previous follow the
// cursors already seen; a page reached otherwise (a jump, a reload of ?page=7) is read with
// `offset`, which the server caps (docs/v1.md#prospects). Pure, unit-tested.

export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** The server's MAX_OFFSET (src/schemas/prospects.ts): test/app-unit/prospect-table.test.ts holds them equal. */
export const MAX_OFFSET = 100_000;

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The deepest page a jump can open. */
export function deepestJump(pageSize: number): number {
  return Math.floor(MAX_OFFSET / pageSize) + 1;
}

/** The cursors seen for one filter and page size: the cursor that opens page n (n ≥ 2). */
export interface CursorMemory {
  key: string;
  cursors: Map<number, string>;
}

export function memoryKey(filter: TableFilter, pageSize: number): string {
  return `${searchOfFilter(filter).toString()}|${pageSize}`;
}

/** The query string of GET /v1/prospects for a page: by its cursor when one was seen, else by offset. */
export function pageRequest(filter: TableFilter, page: number, pageSize: number, memory: CursorMemory): string {
  const search = searchOfFilter(filter);
  search.set('limit', String(pageSize));
  const cursor = memory.key === memoryKey(filter, pageSize) ? memory.cursors.get(page) : undefined;
  if (cursor) search.set('cursor', cursor);
  else if (page > 1) search.set('offset', String((page - 1) * pageSize));
  return search.toString();
}

/** After a page is shown: its nextCursor opens the page after it. */
export function remember(memory: CursorMemory, filter: TableFilter, pageSize: number, page: number, nextCursor: string | null): CursorMemory {
  const key = memoryKey(filter, pageSize);
  const cursors = key === memory.key ? memory.cursors : new Map<number, string>();
  if (nextCursor) cursors.set(page + 1, nextCursor);
  return { key, cursors };
}
