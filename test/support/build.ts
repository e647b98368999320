import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** An output older than any of its sources (or missing): the tests would run yesterday's code. */
function stale(output: string, sources: string[]): boolean {
  const path = join(ROOT, output);
  return !existsSync(path) || statSync(path).mtimeMs < Math.max(...sources.map((source) => newestMtime(join(ROOT, source))));
}

/**
 * Runs `npm run build` when dist/ is older than src/ (the CLI and server processes the tests spawn)
 * or than app/ (the web app the server serves). Test files run in parallel processes, so a lock
 * directory (mkdir is atomic) makes sure only one of them builds at a time.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = join(tmpdir(), `prospect-hub-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is older than any build takes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    const cli = 'dist/cli/main.js';
    const app = 'dist/app/index.html';
    if (stale(cli, ['src']) || stale(app, ['app/src', 'app/index.html'])) {
      const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
      // tsc still emits on type errors (caught by `npm run typecheck`); only a missing output stops us.
      for (const output of [cli, app]) {
        if (!existsSync(join(ROOT, output))) throw new Error(`npm run build produced no ${output}:\n${result.stdout}\n${result.stderr}`);
      }
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
