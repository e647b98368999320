import { ApiProblem } from '../problems.js';

/**
 * Opaque keyset cursors (docs/v1.md#pagination): the sort key and id of the last row of a page,
 * base64url JSON. A page goes on strictly after that (key, id) pair, so rows inserted between two
 * requests never shift a page: nothing is skipped or repeated.
 */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a cursor names; a cursor this server did not give is a 400 naming the field. */
export function decodeCursor(text: string | undefined, field = 'querystring/cursor'): (string | number)[] | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length > 0 && value.every((part) => typeof part === 'string' || typeof part === 'number')) return value;
  } catch {
    // fall through to the problem below
  }
  throw invalidCursor(field);
}

function invalidCursor(field = 'querystring/cursor'): ApiProblem {
  return new ApiProblem('V000400-001', 'the page cursor is not one this server gave', { errors: [{ path: field, message: 'is not a valid cursor' }] });
}

/** The one key a cursor of `[key]` names (pages ordered by one unique key), or undefined on the first page. */
function singleKeyAfterCursor<K extends 'string' | 'number'>(text: string | undefined, kind: K): (K extends 'string' ? string : number) | undefined {
  const position = decodeCursor(text);
  if (position === undefined) return undefined;
  if (position.length !== 1 || typeof position[0] !== kind) throw invalidCursor();
  return position[0] as K extends 'string' ? string : number;
}

/** The id a cursor of `[id]` names (pages ordered by id alone), or undefined on the first page. */
export const idAfterCursor = (text: string | undefined) => singleKeyAfterCursor(text, 'string');

/** The position a cursor of `[position]` names (pages of a fixed array), or undefined on the first page. */
export const positionAfterCursor = (text: string | undefined) => singleKeyAfterCursor(text, 'number');

/**
 * One page of the envelope from `limit + 1` rows read past the cursor: the extra row only says that
 * another page follows, whose cursor is the position of this page's last row.
 */
export function pageFromRows<Row, Item>(rows: readonly Row[], limit: number, render: (row: Row) => Item, position: (row: Row) => (string | number)[]): { data: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(render), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(position(last)) : null };
}
