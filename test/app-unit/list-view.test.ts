import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIRST_VIEW, flipDirection, nextPage, pageQuery, previousPage, restart, sortBy } from '../../app/src/pages/list-prospects/view.js';

// The prospect table's paging (app/src/pages/list-prospects/view.ts): a page number travels with its cursor.

test('next and previous move from the page shown, with its cursor and number', () => {
  const two = nextPage(FIRST_VIEW, 'c50');
  assert.deepEqual(two, { ...FIRST_VIEW, cursor: { after: 'c50' }, pageNumber: 2 });
  const back = previousPage(two, 'c51');
  assert.deepEqual(back, { ...FIRST_VIEW, cursor: { before: 'c51' }, pageNumber: 1 });
  assert.equal(previousPage(FIRST_VIEW, 'x').pageNumber, 1, 'never below page 1');
});

test('a new search, sort or direction starts again at page 1', () => {
  const three = nextPage(nextPage(FIRST_VIEW, 'a'), 'b');
  assert.deepEqual(restart(three, { query: 'jane' }), { ...FIRST_VIEW, query: 'jane' });
  assert.deepEqual(sortBy(three, 'name'), { ...FIRST_VIEW, sort: 'name', dir: 'asc' });
  assert.deepEqual(sortBy(sortBy(three, 'name'), 'added'), FIRST_VIEW, 'date added sorts newest first');
  assert.deepEqual(flipDirection(three), { ...FIRST_VIEW, dir: 'asc' });
});

test('the query string names sort, direction, page size, search and cursor', () => {
  assert.equal(pageQuery(FIRST_VIEW), 'sort=added&dir=desc&limit=50');
  assert.equal(pageQuery(nextPage(restart(FIRST_VIEW, { query: 'a b' }), 'k/1')), 'sort=added&dir=desc&limit=50&q=a+b&after=k%2F1');
});
