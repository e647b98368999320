import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_PAGE_SIZE } from '../../src/schemas/page.js';
import { sharedServer } from '../support/server.js';

// Every operation of lists, campaigns, enrolments, activity and account is in the OpenAPI document
// under 'API v1', with a summary, an example of its answer (and of its body), and, for a list,
// the page query with its documented maximum (docs/v1.md#pagination).

const RESOURCES = /^\/v1\/(lists|campaigns|activity|account)(\/|$)/;
const SKIP = /\/(prospects|export\.csv|do-not-contact)/; // other folders' operations under /v1/lists/:id

type Operation = {
  summary?: string;
  tags?: string[];
  parameters?: { in: string; name: string; schema: { maximum?: number } }[];
  requestBody?: { content: Record<string, { example?: unknown; examples?: unknown }> };
  responses: Record<string, { content?: Record<string, { example?: unknown; schema?: { properties?: Record<string, unknown> } }> }>;
};

describe('/v1 resources in the OpenAPI document', () => {
  const shared = sharedServer('sqlite');

  test('every operation has a summary, examples, and a list its page query', async () => {
    const document = (await shared().request('/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(document.paths)
      .filter(([path]) => RESOURCES.test(path) && !SKIP.test(path))
      .flatMap(([path, methods]) => Object.entries(methods).filter(([method]) => method !== 'head').map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));
    const names = operations.map((o) => o.name);
    for (const expected of [
      'GET /v1/lists', 'GET /v1/lists/{id}', 'POST /v1/lists', 'PATCH /v1/lists/{id}', 'DELETE /v1/lists/{id}',
      'GET /v1/campaigns', 'GET /v1/campaigns/{id}', 'POST /v1/campaigns', 'PATCH /v1/campaigns/{id}', 'POST /v1/campaigns/{id}/state',
      'GET /v1/campaigns/{id}/enrolments', 'POST /v1/campaigns/{id}/enrolments', 'DELETE /v1/campaigns/{id}/enrolments/{prospectId}',
      'GET /v1/activity', 'GET /v1/activity/{id}', 'GET /v1/activity/{id}/outcomes', 'GET /v1/account',
    ]) assert.ok(names.includes(expected), `${expected} is documented (have: ${names.join(', ')})`);
    for (const { name, op } of operations) {
      assert.ok(op.summary, `${name}: a summary`);
      assert.deepEqual(op.tags, ['API v1'], name);
      const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
      assert.ok(success, `${name}: a success answer`);
      const media = success[1].content?.['application/json'];
      assert.ok(media?.example !== undefined, `${name}: an example answer`);
      if (op.requestBody) assert.ok(op.requestBody.content['application/json']?.example !== undefined, `${name}: an example body`);
      if (media?.schema?.properties?.nextCursor) {
        const limit = op.parameters?.find((p) => p.in === 'query' && p.name === 'limit');
        assert.equal(limit?.schema.maximum, MAX_PAGE_SIZE, `${name}: the documented maximum page size`);
        assert.ok(op.parameters?.some((p) => p.in === 'query' && p.name === 'cursor'), `${name}: ?cursor=`);
      }
    }
  });
});
