import { createInterface } from 'node:readline/promises';
import { UserFacingError } from '../services/accounts.js';
import type { Values } from './command.js';

/**
 * A password from --password-value, else from stdin: typed at a prompt on a terminal, or the first
 * line of piped input (so scripts never put it in the process list).
 */
export async function readPassword(values: Values): Promise<string> {
  const given = values['password-value'];
  if (typeof given === 'string') return given;
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new UserFacingError('no password given: type it at the prompt, pipe it on stdin, or pass --password-value');
}
