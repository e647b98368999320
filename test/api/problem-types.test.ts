import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROBLEMS } from '../../src/problems.js';
import { startServer } from '../support/server.js';

// A problem's `type` is a link a person can open: /docs/problems#CODE lands on that code's row.

test('every problem type resolves to the catalogue page, with a row anchored by its code', async (t) => {
  const server = await startServer(t, 'sqlite');
  const problem = await server.request('/prospectLists/getProspectLists');
  assert.equal(problem.status, 401);
  const [path, anchor] = (problem.body.type as string).split('#');
  assert.equal(anchor, problem.body.code);
  const page = await server.request(path!, { headers: { accept: 'text/html' } });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  for (const [code, { status }] of Object.entries(PROBLEMS)) {
    assert.match(page.text, new RegExp(`<tr id="${code}"><td><code>${code}</code></td><td>${status}</td>`), code);
  }
});
