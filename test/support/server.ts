import { after, before, type TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { openDatabase, type Database, type Engine } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { freshDatabase } from './engines.js';
import { assertWaalaxyShape } from './waalaxy-shapes.js';

export interface TestServer {
  app: FastifyInstance;
  database: Database;
  databaseUrl: string;
  baseUrl: string;
  config: Config;
  /** Real HTTP to the listening server. */
  request(path: string, init?: RequestOptions): Promise<TestResponse>;
}

export interface RequestOptions {
  method?: string;
  key?: string;
  body?: unknown;
  /** A raw body sent as is (with the content type given in headers). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/**
 * The real app on a fresh database of `engine`, listening on a loopback port; closed and dropped
 * when the test (or suite) ends.
 */
export async function startServer(t: Pick<TestContext, 'after'>, engine: Engine, env: Record<string, string> = {}): Promise<TestServer> {
  const fresh = await freshDatabase(engine);
  return listening(t, fresh.database, fresh.url, env, () => fresh.drop());
}

/** Where a test (or a suite, or a hand-made list) registers what to do when it ends. */
type AfterHook = { after(fn: () => Promise<void>): unknown };

/** The app on `database`, listening on a loopback port; closed, then `release`d, when the test ends. */
async function listening(t: AfterHook, database: Database, databaseUrl: string, env: Record<string, string>, release: () => Promise<void>): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, ...env });
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  t.after(async () => {
    await app.close();
    await release();
  });
  return { app, database, databaseUrl, baseUrl, config, request: (path, init) => send(baseUrl, path, init) };
}

/**
 * One server for the whole describe block (each test still makes its own tenant): call at describe
 * level, read the server inside tests. Closed and dropped after the block.
 */
export function sharedServer(engine: Engine, env: Record<string, string> = {}): () => TestServer {
  let server: TestServer | undefined;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    server = await startServer({ after: (fn: () => unknown) => void cleanups.push(fn) }, engine, env);
  });
  after(async () => {
    for (const fn of cleanups) await fn();
  });
  return () => {
    if (!server) throw new Error('the shared server is not started');
    return server;
  };
}

export async function send(baseUrl: string, path: string, init: RequestOptions = {}): Promise<TestResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key !== undefined) headers.authorization = `Bearer ${init.key}`;
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(baseUrl + path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const method = init.method ?? (body === undefined ? 'GET' : 'POST');
  assertWaalaxyShape(method, path, response.status, parsed);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/**
 * The real app on an EXISTING database (e.g. one the CLI created), listening on a loopback port;
 * closed (not dropped) when the test or suite ends.
 */
export async function startServerOn(t: AfterHook, databaseUrl: string, env: Record<string, string> = {}): Promise<TestServer> {
  const database = openDatabase(databaseUrl, { poolSize: 5 });
  await migrateToLatest(database);
  return listening(t, database, databaseUrl, env, () => database.close());
}
