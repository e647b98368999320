import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../support/server.js';

// Every /v1 operation is in the OpenAPI document with an example of what it answers (an answer
// without a body, such as 204, has nothing to show) and of the body it takes.

test('every /v1 operation documents an example answer and an example body', async (t) => {
  const server = await startServer(t, 'sqlite');
  const doc = (await server.request('/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
  const missing: string[] = [];
  let operations = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const [method, op] of Object.entries(ops)) {
      operations++;
      const name = `${method.toUpperCase()} ${path}`;
      const answers = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2') && status !== '204');
      if (answers.length > 0 && !answers.some(([, answer]) => /"examples?"/.test(JSON.stringify(answer)))) missing.push(`${name}: answer`);
      if (op.requestBody && !/"examples?"/.test(JSON.stringify(op.requestBody))) missing.push(`${name}: body`);
    }
  }
  assert.ok(operations >= 40, `the document lists the /v1 operations (${operations})`);
  assert.deepEqual(missing, []);
});

interface Operation {
  responses?: Record<string, unknown>;
  requestBody?: unknown;
}
