import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/store/database.js';
import { IMPORT_CODES, CAMPAIGN_CODES } from '../../src/schemas/import.js';
import type { ActivityEventRow, EnrolmentRow, ProspectRow } from '../../src/store/schema.js';
import type { TestResponse, TestServer } from './server.js';
import type { Tenant } from './tenant.js';

// What the compatible-API tests share: the import call with the checks every answer must pass, the
// problem+json shape of a refused request, ids and URLs, and the rows read back.

export const IMPORT_PATH = '/prospects/addProspectFromIntegration';

/** The codes docs/api.md marks reserved: no request of these tests may produce them. */
const RESERVED_IMPORT_CODES = new Set(['server_error', 'unknown_error']);

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

export async function enrolmentRows(database: Database, userId: string): Promise<EnrolmentRow[]> {
  return database.db.selectFrom('enrolments').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

/** A refused request (docs/api.md#request-errors): the exact RFC 7807 shape with the Waalaxy code. */
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
