import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { PG_URL } from './database.js';
import { ROOT } from './server.js';

export interface Machine {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  sqlite: string;
  postgres: string | null;
  commit: string;
  loadAtStart: string;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function currentLoad(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

export async function describeMachine(withPostgres: boolean): Promise<Machine> {
  const memory = new SQLite(':memory:');
  const sqlite = (memory.prepare('select sqlite_version() as v').get() as { v: string }).v;
  memory.close();
  let postgres: string | null = null;
  if (withPostgres) {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    postgres = ((await client.query('show server_version')).rows[0] as { server_version: string }).server_version;
    await client.end();
  }
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite,
    postgres,
    commit: git(['rev-parse', '--short', 'HEAD']) + (dirty ? ' (with uncommitted changes)' : ''),
    loadAtStart: currentLoad(),
  };
}
