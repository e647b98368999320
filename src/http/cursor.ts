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
  throw new ApiProblem('V000400-001', 'the page cursor is not one this server gave', { errors: [{ path: field, message: 'is not a valid cursor' }] });
}
