import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIRST_VIEW, nextPage, pageQuery, previousPage, restart } from '../../app/src/pages/list-prospects/view.js';

// The prospect table's paging (app/src/pages/list-prospects/view.ts): a page number travels with its
// cursor; the API pages forward only, so "previous" goes back along the cursors seen.

test('next and previous move from the page shown, with its cursor and number', () => {
  const two = nextPage(FIRST_VIEW, 'c50');
  assert.deepEqual(two, { ...FIRST_VIEW, cursors: ['c50'], pageNumber: 2 });
  const three = nextPage(two, 'c100');
  assert.deepEqual(previousPage(three), two, 'back to the page before, with its own cursor');
  assert.deepEqual(previousPage(two), FIRST_VIEW);
  assert.equal(previousPage(FIRST_VIEW).pageNumber, 1, 'never below page 1');
});

test('a new search starts again at page 1', () => {
  const three = nextPage(nextPage(FIRST_VIEW, 'a'), 'b');
  assert.deepEqual(restart(three, { query: 'jane' }), { ...FIRST_VIEW, query: 'jane' });
});

test('the query string names the list, page size, search and cursor', () => {
  assert.equal(pageQuery('L1', FIRST_VIEW), 'listId=L1&limit=50');
  assert.equal(pageQuery('L1', nextPage(restart(FIRST_VIEW, { query: 'a b' }), 'k/1')), 'listId=L1&limit=50&q=a+b&cursor=k%2F1');
});
