/**
 * Runs N prospect-hub server processes on one database, the way a scaled-out deployment does
 * (docs/deploy.md), and is the harness the concurrency and operations tests reuse.
 *
 *   npm run cluster                  # 2 instances on the local PostgreSQL (SQLite when none answers)
 *   npm run cluster -- --instances 3 --port 9000
 *   npm run cluster -- --sqlite      # 2 processes on one SQLite file (WAL)
 *
 * It migrates once first (`prospect-hub migrate`), then starts the servers on consecutive ports,
 * prints their URLs, and forwards SIGTERM/SIGINT to every instance (each shuts down gracefully).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresAnswers } from '../src/store/database.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** dist: the built CLI (bin/prospect-hub.js), as deployed. source: src/ through tsx, so tests run the code under test. */
export type Runtime = 'dist' | 'source';

export interface ClusterOptions {
  databaseUrl: string;
  instances?: number;
  /** First port; instance i listens on basePort + i. Default: consecutive free ports. */
  basePort?: number;
  host?: string;
  /** Extra environment for every instance (LOG_LEVEL, DB_POOL_SIZE, …). */
  env?: Record<string, string>;
  runtime?: Runtime;
  /** Echo the instances' output to this process (the CLI does; tests capture it instead). */
  echo?: boolean;
}

export interface Instance {
  readonly index: number;
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr), for log assertions and failure reports. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** Sends a signal (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface Cluster {
  readonly databaseUrl: string;
  readonly instances: Instance[];
  readonly urls: string[];
  /** SIGTERM to every instance; resolves with their exit codes. */
  stop(): Promise<(number | string)[]>;
}

/** The command line that runs the CLI in the given runtime. */
export function cliCommand(runtime: Runtime, args: string[]): { command: string; args: string[] } {
  if (runtime === 'dist') return { command: process.execPath, args: [join(ROOT, 'bin/prospect-hub.js'), ...args] };
  const entry = `import { main } from ${JSON.stringify(join(ROOT, 'src/cli/main.ts'))}; process.exitCode = await main(process.argv.slice(1));`;
  return { command: process.execPath, args: ['--import', 'tsx', '--input-type=module', '-e', entry, ...args] };
}

/** Runs one CLI command to completion; throws with its output when it fails. */
export async function runCli(runtime: Runtime, args: string[], env: Record<string, string>): Promise<string> {
  const { command, args: argv } = cliCommand(runtime, args);
  const child = spawn(command, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`prospect-hub ${args.join(' ')} exited with ${code}:\n${output}`);
  return output;
}

/** Starts one server process on `port` and waits until its /readyz answers 200. */
export async function startInstance(options: ClusterOptions & { index: number; port: number }): Promise<Instance> {
  const host = options.host ?? '127.0.0.1';
  const { command, args } = cliCommand(options.runtime ?? 'dist', ['serve']);
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...options.env, DATABASE_URL: options.databaseUrl, PORT: String(options.port), HOST: host },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    output += chunk.toString();
    if (options.echo) stream.write(chunk.toString().replace(/^(?=.)/gm, `[${options.index}] `));
  };
  child.stdout!.on('data', collect(process.stdout));
  child.stderr!.on('data', collect(process.stderr));
  const exited = new Promise<number | string>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown')),
  );
  const url = `http://${host}:${options.port}`;
  const instance: Instance = {
    index: options.index,
    port: options.port,
    url,
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  let ended = false;
  void exited.then(() => (ended = true));
  // Wait for readiness, not for a duration: poll until it answers or the process dies.
  for (;;) {
    if (ended) throw new Error(`instance ${options.index} exited before it was ready (${await exited}):\n${output}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return instance;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Migrates the database once, then starts the instances side by side. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const count = options.instances ?? 2;
  const runtime = options.runtime ?? 'dist';
  await runCli(runtime, ['migrate'], { ...options.env, DATABASE_URL: options.databaseUrl });
  // A port found free can be taken by another process before an instance binds it (tests start
  // clusters in parallel): with chosen-for-us ports, such a start is retried on fresh ports.
  for (let attempt = 1; ; attempt++) {
    const basePort = options.basePort ?? (await freeConsecutivePorts(count));
    const started = await Promise.allSettled(
      Array.from({ length: count }, (_, index) => startInstance({ ...options, runtime, index, port: basePort + index })),
    );
    const instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (!failure) return cluster(options.databaseUrl, instances);
    await Promise.all(instances.map((i) => i.stop()));
    const portTaken = String((failure.reason as Error)?.message ?? failure.reason).includes('EADDRINUSE');
    if (!portTaken || options.basePort !== undefined || attempt >= 3) throw failure.reason;
  }
}

function cluster(databaseUrl: string, instances: Instance[]): Cluster {
  return {
    databaseUrl,
    instances,
    urls: instances.map((i) => i.url),
    stop: () => Promise.all(instances.map((i) => i.stop())),
  };
}

/** A first port such that it and the next count-1 ports are free on loopback right now. */
export async function freeConsecutivePorts(count: number): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const first = await listenOn(0);
    if (first === null) continue;
    let ok = true;
    for (let i = 1; i < count && ok; i++) ok = first + i <= 65535 && (await listenOn(first + i)) !== null;
    if (ok) return first;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

function listenOn(port: number): Promise<number | null> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(null));
    server.listen(port, '127.0.0.1', () => {
      const chosen = (server.address() as { port: number }).port;
      server.close(() => resolvePort(chosen));
    });
  });
}

export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres?schema=prospect_hub_cluster';

async function cli(argv: string[]): Promise<number> {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    args: argv,
    options: {
      instances: { type: 'string', short: 'n', default: '2' },
      port: { type: 'string', default: '8080' },
      sqlite: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('usage: npm run cluster -- [--instances N] [--port FIRST_PORT] [--sqlite]\n(DATABASE_URL overrides the database)\n');
    return 0;
  }
  const instances = Number(values.instances);
  const basePort = Number(values.port);
  if (!Number.isInteger(instances) || instances < 1 || !Number.isInteger(basePort)) {
    process.stderr.write('cluster: --instances must be a whole number >= 1 and --port a port number\n');
    return 2;
  }
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl && values.sqlite) databaseUrl = './data/cluster.sqlite';
  if (!databaseUrl) {
    databaseUrl = (await postgresAnswers(LOCAL_POSTGRES_URL)) ? LOCAL_POSTGRES_URL : './data/cluster.sqlite';
    if (databaseUrl !== LOCAL_POSTGRES_URL) process.stderr.write('cluster: no PostgreSQL answers on 127.0.0.1:5432; using SQLite\n');
  }
  process.stdout.write(`cluster: migrating ${databaseUrl.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@')} once\n`);
  const cluster = await startCluster({ databaseUrl, instances, basePort, echo: true });
  process.stdout.write(`cluster: ${instances} instance(s) ready:\n${cluster.urls.map((u) => `  ${u}`).join('\n')}\n`);
  process.stdout.write('cluster: a demo key comes from `DATABASE_URL=… prospect-hub demo`; Ctrl-C or SIGTERM stops every instance\n');
  let stopping = false;
  const forward = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`cluster: ${signal}: stopping every instance gracefully\n`);
    for (const instance of cluster.instances) instance.child.kill(signal);
  };
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGINT', () => forward('SIGINT'));
  const codes = await Promise.all(cluster.instances.map((i) => i.exited));
  process.stdout.write(`cluster: instances exited with ${codes.join(', ')}\n`);
  return codes.every((c) => c === 0) ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`cluster: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
