import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectSeparator, parseCsv } from '../../app/src/import/parse-csv.js';

// The web app's CSV reader (app/src/import/parse-csv.ts), RFC 4180 plus what spreadsheets export.

test('quoted fields keep separators, doubled quotes and line breaks', () => {
  const rows = parseCsv('url,company,note\r\nhttps://x,"Roe, ""the"" Co","two\nlines"\r\n');
  assert.deepEqual(rows, [
    ['url', 'company', 'note'],
    ['https://x', 'Roe, "the" Co', 'two\nlines'],
  ]);
});

test('a BOM is dropped, LF and CRLF both end a row, blank rows are skipped, a last row needs no newline', () => {
  assert.deepEqual(parseCsv('\uFEFFa,b\n\n1,2\r\n ,\n3,4'), [
    ['a', 'b'],
    ['1', '2'],
    ['3', '4'],
  ]);
});

test('the separator is the one the header line uses most, outside quotes', () => {
  assert.equal(detectSeparator('url;first name;"a,b,c"\n1;2;3'), ';');
  assert.equal(detectSeparator('url\tname\n'), '\t');
  assert.equal(detectSeparator('url,name'), ',');
  assert.deepEqual(parseCsv('url;name\nhttps://x;Jane'), [
    ['url', 'name'],
    ['https://x', 'Jane'],
  ]);
});
