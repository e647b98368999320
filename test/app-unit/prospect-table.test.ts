import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CHOICES, moveColumn, readChoices, toggleColumn, validChoices } from '../../app/src/prospects-table/columns.js';
import { activeFilterCount, dayEndBound, dayOfEndBound, dayOfStartBound, dayStartBound, filterFromSearch, searchOfFilter } from '../../app/src/prospects-table/filters.js';
import { setFormatLocale } from '../../app/src/format.js';
import { en } from '../../app/src/i18n/en.js';
import { fr } from '../../app/src/i18n/fr.js';
import { describeDelete, describeEnrol, describeMove, describeTag, describeUntag } from '../../app/src/prospects-table/outcome.js';
import { MAX_OFFSET, deepestJump, pageCount, pageRequest, remember } from '../../app/src/prospects-table/paging.js';
import { MAX_OFFSET as SERVER_MAX_OFFSET } from '../../src/schemas/prospects.js';

// The prospect table's pure parts (app/src/prospects-table): filters in the URL, paging by cursor or
// offset, column choices, and bulk outcomes in words.

test('a filter travels through the URL unchanged; unknown values are dropped', () => {
  const filter = { q: 'léa', listId: 'L1', hasEmail: false, enrolment: 'none' as const, company: 'Acme', variable: 'source', variableValue: 'fair', createdAfter: '2026-01-01T00:00:00.000Z', tag: 'Fair 2026' };
  assert.deepEqual(filterFromSearch(new URLSearchParams(searchOfFilter(filter).toString())), filter);
  assert.deepEqual(filterFromSearch(new URLSearchParams('hasEmail=maybe&enrolment=sometimes&q=%20%20&variableValue=x&page=3')), {});
  assert.equal(activeFilterCount(filter), 6, 'the search and the list are not counted; a variable and its value count once');
});

test('a day picked becomes exclusive bounds that read back as the same day', () => {
  const after = dayStartBound('2026-03-29')!;
  const before = dayEndBound('2026-03-29')!;
  assert.ok(Date.parse(after) < Date.parse(before));
  assert.equal(dayOfStartBound(after), '2026-03-29');
  assert.equal(dayOfEndBound(before), '2026-03-29');
  assert.equal(dayStartBound('not a day'), undefined);
});

test('pages go by the cursor seen, else by offset; a new filter or page size forgets the cursors', () => {
  const filter = { listId: 'L1' };
  let memory = remember({ key: '', cursors: new Map() }, filter, 50, 1, 'c2');
  assert.equal(pageRequest(filter, 1, 50, memory), 'listId=L1&limit=50');
  assert.equal(pageRequest(filter, 2, 50, memory), 'listId=L1&limit=50&cursor=c2');
  assert.equal(pageRequest(filter, 7, 50, memory), 'listId=L1&limit=50&offset=300');
  assert.equal(pageRequest(filter, 2, 25, memory), 'listId=L1&limit=25&offset=25');
  memory = remember(memory, { listId: 'L2' }, 50, 1, null);
  assert.equal(pageRequest(filter, 2, 50, memory), 'listId=L1&limit=50&offset=50');
  assert.equal(pageCount(0, 50), 1);
  assert.equal(pageCount(100_000, 50), 2000);
  assert.equal(pageCount(101, 50), 3);
  assert.equal(MAX_OFFSET, SERVER_MAX_OFFSET, 'the app caps a jump where the server does');
  assert.equal(deepestJump(50), 2001);
});

test('column choices: toggled, moved, validated from storage', () => {
  assert.deepEqual(toggleColumn(['company', 'email'], 'email'), ['company']);
  assert.deepEqual(toggleColumn(['company'], 'var:source'), ['company', 'var:source']);
  assert.deepEqual(moveColumn(['a', 'b', 'c'], 'c', -1), ['a', 'c', 'b']);
  assert.deepEqual(moveColumn(['a', 'b'], 'a', -1), ['a', 'b']);
  assert.deepEqual(validChoices({ columns: ['company', 'nonsense', 'var:', 'var:x', 'company'], pageSize: 7 }), { columns: ['company', 'var:x'], pageSize: 50 });
  assert.deepEqual(readChoices({ getItem: () => '{not json' }, 'u1'), DEFAULT_CHOICES);
  assert.deepEqual(readChoices({ getItem: () => JSON.stringify({ columns: ['email'], pageSize: 25 }) }, 'u1'), { columns: ['email'], pageSize: 25 });
});

const text = (segments: (string | { text: string })[]) => segments.map((s) => (typeof s === 'string' ? s : s.text)).join('');

test('bulk outcomes read as sentences, in the colour of how they went, holders linked', () => {
  const words = en.prospectsTable.outcome;
  const enrol = describeEnrol(
    { action: 'enrol', selected: 5000, counts: { success: 4950, already_in_campaign: 50, not_found: 0 }, alreadyIn: [{ campaign: { id: 'c9', name: 'Q1', state: 'paused' }, count: 50 }] },
    { id: 'c1', name: 'Spring' },
    words,
  );
  assert.equal(text(enrol.segments), 'Enrolled 4,950 prospects in “Spring”; 50 already in campaign “Q1”.');
  assert.equal(enrol.tone, 'warning');
  assert.deepEqual(enrol.segments.filter((s) => typeof s !== 'string'), [{ text: '“Spring”', to: '/campaigns/c1' }, { text: '“Q1”', to: '/campaigns/c9' }]);
  const refused = describeEnrol({ action: 'enrol', selected: 2, counts: { prospect_does_not_match_preconditions: 2, not_found: 0 } }, { id: 'c1', name: 'Mail', requiresEmail: true }, words);
  assert.equal(refused.tone, 'error');
  assert.match(text(refused.segments), /^Nobody was enrolled in “Mail”; 2 not enrolled: the campaign needs an e-mail address/);
  assert.ok(!/already_in_campaign|prospect_does_not_match/.test(text(refused.segments) + text(enrol.segments)), 'never an API code');
  const moved = describeMove({ action: 'move', selected: 3, counts: { moved: 3, skipped: 0, not_found: 0 } }, 'List 2', words);
  assert.deepEqual(moved, { tone: 'success', segments: ['Moved 3 prospects to “List 2”', '.'] });
  assert.equal(describeMove({ action: 'move', selected: 2, counts: { moved: 0, skipped: 2, not_found: 0 } }, 'L', words).tone, 'warning');
  assert.equal(text(describeDelete({ action: 'delete', selected: 1, counts: { deleted: 1, not_found: 0 } }, words).segments), 'Deleted 1 prospect.');
  const tagged = describeTag({ action: 'tag', selected: 60, counts: { tagged: 55, unchanged: 5, not_found: 0 } }, 'VIP', words);
  assert.deepEqual([text(tagged.segments), tagged.tone], ['Tagged 55 prospects “VIP”; 5 already had it.', 'warning']);
  const untagged = describeUntag({ action: 'untag', selected: 3, counts: { untagged: 0, unchanged: 2, not_found: 1 } }, 'VIP', words);
  assert.deepEqual([text(untagged.segments), untagged.tone], ['Nobody lost “VIP”; 2 did not have it; 1 no longer exist.', 'error']);
});

test('bulk outcomes in French: French words, French numbers, « » around names, agreement with the count', () => {
  const words = fr.prospectsTable.outcome;
  setFormatLocale('fr-FR');
  try {
    const enrol = describeEnrol(
      { action: 'enrol', selected: 5000, counts: { success: 4950, already_in_campaign: 50, not_found: 0 }, alreadyIn: [{ campaign: { id: 'c9', name: 'T1', state: 'paused' }, count: 50 }] },
      { id: 'c1', name: 'Printemps' },
      words,
    );
    // fr-FR groups thousands with a narrow no-break space.
    assert.equal(text(enrol.segments).replace(/\u202f/g, ' '), '4 950 prospects inscrits dans « Printemps » ; 50 déjà dans la campagne « T1 ».');
    assert.deepEqual(enrol.segments.filter((s) => typeof s !== 'string'), [{ text: '« Printemps »', to: '/campaigns/c1' }, { text: '« T1 »', to: '/campaigns/c9' }]);
    assert.equal(text(describeDelete({ action: 'delete', selected: 1, counts: { deleted: 1, not_found: 0 } }, words).segments), '1 prospect supprimé.');
    const untagged = describeUntag({ action: 'untag', selected: 3, counts: { untagged: 0, unchanged: 2, not_found: 1 } }, 'VIP', words);
    assert.equal(text(untagged.segments), 'Personne n’a perdu « VIP » ; 2 ne l’avaient pas ; 1 n’existe plus.');
  } finally {
    setFormatLocale('en-US');
  }
});
