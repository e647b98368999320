import { checkDisplayName } from '../engine/display-name.js';
import { textFieldError, validationProblem } from '../problems.js';

/** The cleaned name, or a 400 V000400-001 naming the field at fault (e.g. `/name`). */
export function displayNameOf(raw: string, path = '/name'): string {
  const checked = checkDisplayName(raw);
  if (!checked.ok) throw validationProblem([textFieldError(path, checked.fault)]);
  return checked.name;
}

/** The same for an optional name of a change (absent stays absent). */
export function optionalDisplayNameOf(raw: string | undefined, path = '/name'): string | undefined {
  return raw === undefined ? undefined : displayNameOf(raw, path);
}
