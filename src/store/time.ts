/** Timestamps are stored as ISO-8601 UTC text on both engines: portable, and sortable as text. */
export function nowIso(now: number = Date.now()): string {
  return new Date(now).toISOString();
}

/** Splits rows into chunks that stay under both engines' bound-parameter limits. */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
