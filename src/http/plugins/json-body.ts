import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import secureJson from 'secure-json-parse';
import { validationProblem } from '../../problems.js';

/**
 * The JSON body parser (replaces Fastify's default, same protections): refuses nesting deeper than
 * `maxDepth` by scanning the text BEFORE any object is built (a 5 MB body of `[[[[…` would otherwise
 * build a million nested arrays), and keeps secure-json-parse's refusal of `__proto__` and
 * `constructor.prototype` keys (prototype poisoning). Every refusal is a V000400-001 problem.
 */
export default fp(async function jsonBody(app: FastifyInstance, options: { maxDepth: number }) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(validationProblem([{ path: '', message: 'the body is empty; send a JSON object' }]), undefined);
    const depth = jsonDepth(text);
    if (depth > options.maxDepth) {
      return done(validationProblem([{ path: '', message: `JSON nested ${depth} levels deep; at most ${options.maxDepth} accepted` }]), undefined);
    }
    try {
      return done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      const reason = error instanceof SyntaxError ? error.message : 'the body contains a forbidden key (__proto__ or constructor.prototype)';
      return done(validationProblem([{ path: '', message: `the body is not valid JSON: ${reason}` }]), undefined);
    }
  });
});

/** Deepest nesting of arrays/objects in JSON text, ignoring brackets inside strings. Stops early past 1000. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Most of a body is string content: jump to the closing quote (indexOf runs natively)
      // instead of looking at every character of it.
      i = closingQuote(text, i);
      if (i < 0) return deepest; // unterminated: JSON.parse reports it
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > 1000) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** Index of the quote that ends the string opened at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at >= 0) {
    // A quote after an odd run of backslashes is escaped: each pair is one literal backslash.
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}
