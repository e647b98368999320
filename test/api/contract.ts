import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, type TestContext } from 'node:test';
import type { Database, Engine } from '../../src/store/database.js';
import { IMPORT_CODES, CAMPAIGN_CODES } from '../../src/schemas/import.js';
import type { ActivityEventRow, ProspectRow } from '../../src/store/schema.js';
import { startServer, type TestResponse, type TestServer } from '../support/server.js';
import type { Tenant } from '../support/tenant.js';

/** Shared helpers of the contract tests over real HTTP (contract §1–§3). */

/**
 * One server for the whole describe block (each test still makes its own tenant): call at describe
 * level, read the server inside tests. Closed and dropped after the block.
 */
export function sharedServer(engine: Engine, env: Record<string, string> = {}): () => TestServer {
  let server: TestServer | undefined;
  const cleanups: (() => unknown)[] = [];
  const context = { after: (fn: () => unknown) => void cleanups.push(fn) } as unknown as Pick<TestContext, 'after'>;
  before(async () => {
    server = await startServer(context, engine, env);
  });
  after(async () => {
    for (const fn of cleanups) await fn();
  });
  return () => {
    if (!server) throw new Error('the shared server is not started');
    return server;
  };
}

export const IMPORT_PATH = '/prospects/addProspectFromIntegration';

/** The codes the contract marks reserved: no request of these tests may produce them. */
const RESERVED_IMPORT_CODES = new Set(['profile_deleted', 'server_error', 'unknown_error']);

export interface ImportOptions {
  key?: string;
  headers?: Record<string, string>;
  dryRun?: boolean;
}

/** Posts an import and checks what every 200 answer must satisfy: one result per prospect, closed code sets. */
export async function postImport(server: TestServer, tenant: Tenant, body: Record<string, any>, options: ImportOptions = {}): Promise<any[]> {
  const answer = await server.request(IMPORT_PATH + (options.dryRun ? '?dryRun=true' : ''), {
    key: options.key ?? tenant.key,
    body,
    headers: options.headers,
  });
  assert.equal(answer.status, 200, `import answered ${answer.status}: ${answer.text}`);
  const result = answer.body.result as any[];
  assert.ok(Array.isArray(result));
  assert.equal(result.length, body.prospects.length, 'result.length === prospects.length');
  for (const item of result) {
    assert.ok((IMPORT_CODES as readonly string[]).includes(item.importCode), `unknown importCode ${item.importCode}`);
    assert.ok(!RESERVED_IMPORT_CODES.has(item.importCode), `reserved importCode ${item.importCode} produced`);
    if ('addToCampaignCode' in item) {
      assert.ok((CAMPAIGN_CODES as readonly string[]).includes(item.addToCampaignCode), `unknown addToCampaignCode ${item.addToCampaignCode}`);
      assert.notEqual(item.addToCampaignCode, 'unknown_error');
    }
  }
  return result;
}

/** The full answer (for warnings, dryRun, activityId). */
export async function postImportAnswer(server: TestServer, tenant: Tenant, body: Record<string, any>, options: ImportOptions = {}): Promise<TestResponse> {
  return server.request(IMPORT_PATH + (options.dryRun ? '?dryRun=true' : ''), { key: options.key ?? tenant.key, body, headers: options.headers });
}

export function prospectBody(listId: string, prospects: Record<string, any>[], extra: Record<string, unknown> = {}) {
  return { prospectListId: listId, origin: { name: 'example' }, prospects, ...extra };
}

export function randomSlug(prefix = 'p'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export function profileUrl(slug: string): string {
  return `https://www.linkedin.com/in/${slug}`;
}

/** 24 lowercase hex characters that name nothing. */
export function unknownId(): string {
  return randomBytes(12).toString('hex');
}

export function assertObjectId(value: unknown): void {
  assert.match(String(value), /^[0-9a-f]{24}$/);
}

export async function prospectRows(database: Database, userId: string): Promise<ProspectRow[]> {
  return database.db.selectFrom('prospects').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

export async function activityRows(database: Database, userId: string): Promise<ActivityEventRow[]> {
  return database.db.selectFrom('activity_events').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

export async function enrolmentRows(database: Database, userId: string) {
  return database.db.selectFrom('enrolments').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

/** totalProspects of every list of the caller, by list id, as the compatible endpoint reports it. */
export async function listTotals(server: TestServer, tenant: Tenant): Promise<Record<string, number>> {
  const answer = await server.request('/prospectLists/getProspectLists', { key: tenant.key });
  assert.equal(answer.status, 200);
  return Object.fromEntries((answer.body as any[]).map((l) => [l._id, l.totalProspects]));
}

/**
 * Contract §2 "Counts": every list's totalProspects and the user's CRM count equal a real count of rows.
 * Returns the per-list totals.
 */
export async function assertCountsExact(server: TestServer, tenant: Tenant): Promise<Record<string, number>> {
  const totals = await listTotals(server, tenant);
  const rows = await prospectRows(server.database, tenant.user.id);
  for (const list of tenant.lists) {
    assert.equal(totals[list.id], rows.filter((r) => r.list_id === list.id).length, `totalProspects of ${list.name}`);
  }
  const user = await server.database.db.selectFrom('users').select('prospect_count').where('id', '=', tenant.user.id).executeTakeFirstOrThrow();
  assert.equal(Number(user.prospect_count), rows.length, 'the CRM count');
  return totals;
}

/** Contract §1 "Errors of the whole request": the exact RFC 7807 shape with the Waalaxy code. */
export function assertProblem(answer: TestResponse, status: number, code: string, path?: string): any {
  assert.equal(answer.status, status, `expected ${status} ${code}, got ${answer.status}: ${answer.text}`);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = answer.body;
  assert.ok(body && typeof body === 'object', 'a JSON problem body');
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  for (const field of ['type', 'title', 'detail', 'instance', 'message', 'requestId']) {
    assert.equal(typeof body[field], 'string', `problem.${field} is a string`);
    assert.notEqual(body[field], '', `problem.${field} is not empty`);
  }
  assert.equal(body.message, body.detail, 'message repeats detail');
  assert.equal(body.requestId, answer.headers.get('x-request-id'), 'requestId matches the x-request-id header');
  if (path !== undefined) assert.equal(body.instance, path);
  // Nothing internal leaks.
  assert.doesNotMatch(answer.text, /\bat .+\.(ts|js):\d+/);
  return body;
}
