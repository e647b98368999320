import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import type { Database } from '../store/database.js';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

export interface CommandContext {
  config: Config;
  /** Opens (and migrates) the database on first use, so `--help` needs none. */
  database(): Promise<Database>;
  /** The migrations that database() applied (empty when the schema was already current). */
  appliedMigrations(): string[];
  values: Values;
  positionals: string[];
  /** Writes a progress or hint line for people: to stderr, so --json stdout stays one object. */
  note(line: string): void;
}

export interface Command {
  /** The words that name it, e.g. "key create". */
  name: string;
  summary: string;
  usage: string;
  options: Options;
  /** How many positional arguments it takes (default none); more is a usage error, never ignored. */
  positionals?: number;
  /** Runs the command and returns what --json prints (with `id` for what it created). */
  run(context: CommandContext): Promise<unknown>;
  /** The human rendering of the result; JSON when absent. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command types its own result; the registry holds them all
  human?(result: any): string;
}

export class UsageError extends Error {}

export function requireString(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function optionalString(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function optionalInteger(values: Values, name: string, min = 0): number | undefined {
  const raw = optionalString(values, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${name} must be a whole number of at least ${min} (got "${raw}")`);
  return value;
}

export function oneOf<T extends string>(values: Values, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  const raw = optionalString(values, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return raw as T;
}

export function positional(context: CommandContext, index: number, label: string): string {
  const value = context.positionals[index];
  if (!value) throw new UsageError(`missing ${label}`);
  return value;
}
