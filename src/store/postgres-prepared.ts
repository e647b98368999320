import { createHash } from 'node:crypto';
import type Pg from 'pg';

/**
 * Named statements on PostgreSQL for the texts written once and run on every request (runSql,
 * runPrebuilt, the import's read and write). An unnamed statement is parsed and planned at each
 * execution: of the ~2.2 ms PostgreSQL spent on a one-prospect import, 1.4 ms was parsing and
 * planning its two statements, and the imports of one CRM wait for each other (bench/notes.md).
 * A named statement is parsed once per connection, and PostgreSQL keeps a generic plan once it
 * costs no more than the custom ones. Only registered texts are named: a builder's text that varies
 * (an IN list of its own length) would fill every connection's statement cache.
 */

// The registered texts are written in the code, not built from input; the cap is a backstop.
const MAX_TEXTS = 500;
const names = new Map<string, string>();

/**
 * Marks `text` to run as a named statement; answers the text. A text with a `*` is left unnamed:
 * `select *` takes the columns the table has when the statement is prepared, and once a migration
 * adds one (a rolling upgrade, the other instances still running) PostgreSQL refuses every further
 * execution of it on that connection ("cached plan must not change result type"). A caller whose
 * stars are only inside, under a result of listed columns, says so with `starsOnlyInside`.
 */
export function prepared(text: string, options: { starsOnlyInside?: boolean } = {}): string {
  if (!options.starsOnlyInside && text.includes('*')) return text;
  if (!names.has(text) && names.size < MAX_TEXTS) names.set(text, `ph_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`);
  return text;
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Has a pool's client run the registered texts as named statements. A query without parameters
 * keeps the simple protocol, which takes several statements in one text (the commit group's).
 */
export function nameRegisteredStatements(client: Pg.PoolClient): void {
  const query = client.query.bind(client) as Query;
  (client as unknown as { query: Query }).query = (config, values, callback) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = names.get(config);
      if (name !== undefined) return query({ name, text: config, values }, callback);
    }
    return query(config, values, callback);
  };
}
