import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './build.js';

/** The built CLI the package's `bin` points at. */
export const BIN = join(ROOT, 'bin/prospect-hub.js');

/** The environment a child starts with: ours without anything that would change its behaviour. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['NODE_ENV', 'DATABASE_URL', 'PORT', 'HOST', 'LOG_LEVEL', 'PUBLIC_URL', 'NODE_OPTIONS']) delete env[name];
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  return env;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/prospect-hub.js ...args` to completion. */
export function runCli(args: string[], options: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(options.env ?? {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Exactly one JSON value on stdout (one line), and a zero exit. */
export function jsonOf(result: CliResult): any {
  assert.equal(result.code, 0, `exit code; stderr: ${result.stderr}`);
  const lines = result.stdout.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line of JSON on stdout, got: ${result.stdout}`);
  return JSON.parse(lines[0]!);
}

/** A refusal: non-zero exit, exactly one line on stderr, no stack trace. */
export function assertRefused(result: CliResult, reason: RegExp): void {
  assert.notEqual(result.code, 0, `non-zero exit; stdout: ${result.stdout}`);
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${result.stderr}`);
  assert.match(lines[0]!, reason);
  assert.ok(!result.stderr.includes('    at ') && !result.stdout.includes('    at '), 'no stack trace');
}
