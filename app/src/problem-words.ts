// A failure in the words of the app's language: the catalogue's sentence for the server's problem
// code, the rules of the fields at fault, the holder of a name already taken. The server's English
// detail is for the tooltip (support), never the text.

import { ApiError } from './api-error.js';
import type { FieldError, ProblemCode } from './api-types.js';
import type { Messages } from './i18n/en.js';

export function problemWords(error: unknown, t: Messages, words: Record<string, string> = {}): string {
  if (!(error instanceof ApiError)) {
    // fetch rejects with a TypeError when the server cannot be reached at all.
    if (error instanceof TypeError) return t.problems.offline;
    return error instanceof Error ? error.message : String(error);
  }
  const own = words[error.code];
  if (own) return own;
  if (error.code === 'R000409-060') {
    const holder = error.problem.existing as { name?: unknown } | undefined;
    if (typeof holder?.name === 'string') return t.problems.nameTaken(holder.name);
  }
  if (error.code === 'V000400-001') {
    const said = [...new Set(fieldErrorsOf(error).map((field) => ruleWords(field, t)).filter((text) => text !== null))];
    if (said.length > 0) return said.join(' ');
  }
  return t.problems.codes[error.code as ProblemCode] ?? error.message;
}

/** The tooltip of a failure: its code and the server's own words, for a support request. */
export function problemTooltip(error: unknown, t: Messages): string | undefined {
  return error instanceof ApiError ? `${t.common.problemCode(error.code)}: ${error.message}` : undefined;
}

function fieldErrorsOf(error: ApiError): FieldError[] {
  const errors = error.problem.errors;
  return Array.isArray(errors) ? (errors as FieldError[]) : [];
}

function ruleWords(field: FieldError, t: Messages): string | null {
  const rules = t.problems.rules;
  switch (field.rule) {
    case 'required':
      return rules.required;
    case 'empty':
      return rules.empty;
    case 'too_long':
      return rules.tooLong(field.limit ?? 0);
    case 'too_short':
      return rules.tooShort(field.limit ?? 0);
    case 'too_many':
      return rules.tooMany(field.limit ?? 0);
    case 'too_few':
      return rules.tooFew(field.limit ?? 0);
    case 'hidden_character':
      return rules.hiddenCharacter(field.character ?? '?');
    default:
      return null;
  }
}
