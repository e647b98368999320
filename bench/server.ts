import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/ports.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface RunningServer {
  url: string;
  pid: number;
  /** From the spawn to the first 200 of the ready path, in ms (to within READY_POLL_MS). */
  readyMs: number;
  /** Peak resident memory of the process so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

function readStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

/** How often the ready path is asked while a process starts: the resolution of its start-up time. */
const READY_POLL_MS = 5;

/**
 * Starts a process that serves HTTP on PORT and waits until `readyPath` answers 200. The child is
 * the node process itself (no shell in between), so /proc/<pid> is the server's own memory.
 */
export async function startProcess(args: string[], env: Record<string, string>, readyPath: string): Promise<RunningServer> {
  const port = await freePort();
  const spawned = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering:\n${output}`);
    try {
      const answer = await fetch(url + readyPath);
      if (answer.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer ${readyPath} within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, READY_POLL_MS));
  }

  const readyMs = performance.now() - spawned;
  const pid = child.pid!;
  return {
    url,
    pid,
    readyMs,
    peakRssMb: () => readStatusKb(pid, 'VmHWM') / 1024,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (/"level":(50|60)/.test(output)) process.stderr.write(`server logged errors:\n${output}\n`);
    },
  };
}

/**
 * Our server, from the built dist, on the given database, logging warnings only. A start is retried
 * when the migration check trips over another schema being dropped meanwhile: on the shared
 * PostgreSQL, Kysely's migrator lists the tables of every schema, and other people's test runs drop
 * theirs at any moment ('schema "t_…" does not exist').
 */
export async function startProspectHub(databaseUrl: string, extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startProcess(
        [...nodeArgs, 'bin/prospect-hub.js', 'serve'],
        { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', RATE_LIMIT: 'off', ...extraEnv },
        '/readyz',
      );
    } catch (error) {
      if (attempt >= 3 || !/schema "[^"]+" does not exist/.test(String(error))) throw error;
      process.stderr.write(`  server start tripped over a concurrent schema drop; retrying\n`);
    }
  }
}

/** The bare Fastify process of the HTTP ceiling. */
export function startHttpCeiling(): Promise<RunningServer> {
  return startProcess(['--import', 'tsx', 'bench/http-ceiling-server.ts'], {}, '/healthz');
}
