import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import fc from 'fast-check';
import { jsonDepth } from '../../src/http/plugins/json-body.js';
import { ImportRequest } from '../../src/schemas/import.js';
import { assertProblem, IMPORT_PATH, prospectRows } from '../support/compatible-api.js';
import { startServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl } from '../support/tenant.js';

// docs/limits.md: every limit holds, each with a precise problem (docs/limits.md lists them).

/** Every string and array reachable in a schema, with its JSON pointer. */
function walk(schema: TSchema, path: string, visit: (schema: TSchema, path: string) => void): void {
  visit(schema, path);
  for (const branch of (schema.anyOf as TSchema[] | undefined) ?? []) walk(branch, path, visit);
  if (schema.type === 'array' && schema.items) walk(schema.items as TSchema, `${path}/*`, visit);
  for (const [key, child] of Object.entries((schema.properties as Record<string, TSchema> | undefined) ?? {})) walk(child, `${path}/${key}`, visit);
}

describe('limits', () => {
  test('every string of the import request has a maxLength and every array a maxItems (prospects: MAX_BATCH)', () => {
    const unbounded: string[] = [];
    walk(ImportRequest, '', (schema, path) => {
      if (schema.type === 'string' && schema.maxLength === undefined && schema.const === undefined) unbounded.push(path);
      if (schema.type === 'array' && schema.maxItems === undefined && path !== '/prospects') unbounded.push(path);
    });
    assert.deepEqual(unbounded, []);
  });

  test('jsonDepth counts nesting and ignores brackets inside strings', () => {
    assert.equal(jsonDepth('{"a":[1,{"b":"[[[[{{"}]}'), 3);
    assert.equal(jsonDepth('"\\"[["'), 0);
    assert.equal(jsonDepth('[]'), 1);
    assert.equal(jsonDepth('["\\\\",[["\\\\\\"]"]]]'), 3);
  });

  test('jsonDepth agrees with the depth of any JSON value, whatever its strings hold', () => {
    const depthOf = (value: unknown): number =>
      value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
    // Strings made of the characters that could fool a scanner: quotes, backslashes, brackets.
    const tricky = fc.string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', 'a', 'é', '😀') });
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(tricky, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(fc.property(value, (v) => jsonDepth(JSON.stringify(v)) === depthOf(v)), { numRuns: 2000 });
  });

  test('each limit answers its problem and imports nothing', async (t) => {
    const server = await startServer(t, 'sqlite', { BODY_LIMIT_BYTES: String(64 * 1024), MAX_BATCH: '10' });
    const tenant = await createTenant(server.database);
    const post = (body: unknown, rawBody?: string) =>
      server.request(IMPORT_PATH, rawBody === undefined ? { key: tenant.key, body } : { key: tenant.key, rawBody, headers: { 'content-type': 'application/json' } });
    const prospect = (extra: Record<string, unknown>) => ({ ...importBody(tenant.listId, []), prospects: [{ url: uniqueProfileUrl(), ...extra }] });

    assertProblem(await post(importBody(tenant.listId, [uniqueProfileUrl()], { padding: 'x'.repeat(70 * 1024) })), 413, 'V000413-001');
    assertProblem(await post(importBody(tenant.listId, Array.from({ length: 11 }, () => uniqueProfileUrl()))), 400, 'V000400-002');

    const deep = `{"prospectListId":"x","origin":{"name":"a"},"prospects":[{"url":"u","extra":${'['.repeat(40)}${']'.repeat(40)}}]}`;
    const tooDeep = assertProblem(await post(undefined, deep), 400, 'V000400-001');
    assert.match(tooDeep.detail, /nested 43 levels deep; at most 32/);
    assertProblem(await post(undefined, '{"__proto__":{"admin":true},"prospects":[]}'), 400, 'V000400-001');
    assertProblem(await post(undefined, '{"constructor":{"prototype":{"admin":true}}}'), 400, 'V000400-001');
    assertProblem(await post(undefined, ''), 400, 'V000400-001');

    const fieldLimits: [Record<string, unknown>, string][] = [
      [{ customVariables: Array.from({ length: 51 }, (_, i) => ({ label: `l${i}`, value: 'v' })) }, '/prospects/0/customVariables'],
      [{ customVariables: [{ label: 'l'.repeat(101), value: 'v' }] }, '/prospects/0/customVariables/0/label'],
      [{ customProfile: { phoneNumbers: Array.from({ length: 11 }, () => ({ number: '1', type: 'work' })) } }, '/prospects/0/customProfile/phoneNumbers'],
      [{ customProfile: { phoneNumbers: [{ number: '1'.repeat(51), type: 'work' }] } }, '/prospects/0/customProfile/phoneNumbers/0/number'],
      [{ customProfile: { firstName: 'n'.repeat(201) } }, '/prospects/0/customProfile/firstName'],
      [{ customProfile: { email: `${'e'.repeat(320)}@x.io` } }, '/prospects/0/customProfile/email'],
      [{ customProfile: { occupation: 'o'.repeat(501) } }, '/prospects/0/customProfile/occupation'],
      [{ customProfile: { company: { name: 'c'.repeat(201) } } }, '/prospects/0/customProfile/company/name'],
    ];
    for (const [extra, path] of fieldLimits) {
      const problem = assertProblem(await post(prospect(extra)), 400, 'V000400-001');
      assert.ok(problem.errors.some((e: { path: string }) => e.path === path), `${path} in ${JSON.stringify(problem.errors)}`);
    }
    const longUrl = assertProblem(await post(importBody(tenant.listId, [`https://www.linkedin.com/in/${'a'.repeat(2100)}`])), 400, 'V000400-001');
    assert.equal(longUrl.errors[0].path, '/prospects/0/url');
    const longList = assertProblem(await post(importBody('l'.repeat(65), [uniqueProfileUrl()])), 400, 'V000400-001');
    assert.equal(longList.errors[0].path, '/prospectListId');
    assert.equal((await prospectRows(server.database, tenant.user.id)).length, 0);

    // At the limits, accepted.
    const atLimit = await post(
      prospect({
        customVariables: Array.from({ length: 50 }, (_, i) => ({ label: `l${i}`.padEnd(100, 'x'), value: 'v' })),
        customProfile: { firstName: 'n'.repeat(200), phoneNumbers: Array.from({ length: 10 }, () => ({ number: '1'.repeat(50), type: 'work' })) },
      }),
    );
    assert.equal(atLimit.status, 200, atLimit.text);
    const nested32 = `{"prospectListId":"${tenant.listId}","origin":{"name":"a"},"prospects":[{"url":"${uniqueProfileUrl()}","x":${'['.repeat(29)}${']'.repeat(29)}}]}`;
    assert.equal((await post(undefined, nested32)).status, 200, 'depth 32 is accepted');
  });
});
