import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../app/src/api-error.js';
import { en } from '../../app/src/i18n/en.js';
import { fr } from '../../app/src/i18n/fr.js';
import { problemTooltip, problemWords } from '../../app/src/problem-words.js';
import { FIELD_RULES, PROBLEMS, type FieldError } from '../../src/problems.js';
import { disabledReasonText, readDisabledReason } from '../../src/webhooks/disabled-reason.js';

// A failure reads in the user's language (app/src/problem-words.ts): every problem code and field
// rule of the server has words in both catalogues; the server's English detail only in the tooltip.

const invalid = (errors: FieldError[]) => new ApiError(400, 'V000400-001', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });

test('every problem code of the server has its own sentence in each language', () => {
  for (const catalogue of [en, fr]) {
    for (const code of Object.keys(PROBLEMS)) {
      const text = problemWords(new ApiError(PROBLEMS[code as keyof typeof PROBLEMS].status, code, 'the server detail'), catalogue);
      assert.notEqual(text, 'the server detail', code);
      assert.ok(text.length > 10, code);
    }
  }
  assert.equal(problemWords(new ApiError(404, 'R000404-002', 'no prospect list "x"'), fr), 'Cette liste n’existe plus.');
  assert.equal(problemWords(new ApiError(418, 'X999999-999', 'a code this app does not know'), fr), 'a code this app does not know', 'an unknown code falls back to the server');
});

test('a field at fault is said by its rule, every rule in both languages; a page may say its own words for a code', () => {
  const samples: Record<(typeof FIELD_RULES)[number], FieldError> = {
    required: { path: '/name', message: 'is required', rule: 'required' },
    empty: { path: '/name', message: 'must not be empty or only spaces', rule: 'empty' },
    too_long: { path: '/name', message: 'must NOT have more than 100 characters', rule: 'too_long', limit: 100 },
    too_short: { path: '/password', message: 'must NOT have fewer than 8 characters', rule: 'too_short', limit: 8 },
    too_many: { path: '/tags', message: 'must NOT have more than 50 items', rule: 'too_many', limit: 50 },
    too_few: { path: '/ids', message: 'must NOT have fewer than 1 items', rule: 'too_few', limit: 1 },
    hidden_character: { path: '/name', message: 'must not contain … (U+202E)', rule: 'hidden_character', character: 'U+202E' },
  };
  for (const catalogue of [en, fr]) {
    const said = new Set(Object.values(samples).map((field) => problemWords(invalid([field]), catalogue)));
    assert.equal(said.size, FIELD_RULES.length, 'each rule says something of its own');
    for (const text of said) assert.ok(!text.includes('must'), `no server English: ${text}`);
  }
  assert.equal(problemWords(invalid([samples.too_long]), fr), 'C’est trop long : 100 caractères au plus.');
  assert.equal(problemWords(invalid([samples.hidden_character]), en), 'This contains an invisible or direction-changing character (U+202E); remove it.');
  assert.equal(problemWords(invalid([samples.empty, { ...samples.empty, path: '/other' }]), en), en.problems.rules.empty, 'the same rule twice is said once');
  assert.equal(problemWords(invalid([{ path: '/x', message: 'is odd' }]), fr), fr.problems.codes['V000400-001'], 'a fault without a rule: the general sentence');
  assert.equal(problemWords(new ApiError(403, 'A000403-070', 'wrong'), en, { 'A000403-070': 'Your page words' }), 'Your page words');
});

test("a name already taken names its holder; the server unreachable says so; the tooltip keeps the code and the server's detail", () => {
  const taken = new ApiError(409, 'R000409-060', 'a list is already named “Founders”', { existing: { id: 'l1', name: 'Founders' } });
  assert.equal(problemWords(taken, fr), 'Le nom est déjà pris par « Founders » ; choisissez-en un autre.');
  assert.equal(problemWords(taken, en), 'The name is taken by “Founders”; choose another.');
  assert.equal(problemTooltip(taken, en), 'Code R000409-060: a list is already named “Founders”');
  assert.equal(problemWords(new TypeError('Failed to fetch'), fr), fr.problems.offline);
  assert.equal(problemWords(new Error('an app sentence'), fr), 'an app sentence');
  assert.equal(problemTooltip(new Error('x'), en), undefined);
});

test("why the service disabled an endpoint reads back from the sentence it wrote", () => {
  for (const reason of [{ kind: 'gone' }, { kind: 'failing', hours: 120 }] as const) assert.deepEqual(readDisabledReason(disabledReasonText(reason)), reason);
  assert.equal(readDisabledReason('disabled by hand'), null);
});
