// A problem+json answer (RFC 7807) as an Error: the server's code and words, and the whole document.
// Its own module so pure code (app/src/import) can tell problems apart without the browser's fetch.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole problem document (e.g. invalidUrls of R000401-003). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
