import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { eventMessageBody, messageBody } from '../../src/store/webhook-messages.js';

// The fan-out splices an event's stored JSON into the body instead of parsing and serialising it
// again (src/store/webhook-messages.ts): the bytes must be exactly those of messageBody().

test('eventMessageBody gives the bytes of messageBody for any stored JSON data', () => {
  fc.assert(
    fc.property(fc.string(), fc.date({ noInvalidDate: true }), fc.dictionary(fc.string(), fc.jsonValue()), (type, at, data) => {
      const row = { type, created_at: at.toISOString(), data: JSON.stringify(data) };
      assert.equal(eventMessageBody(row), messageBody(row.type, row.created_at, JSON.parse(row.data)));
    }),
  );
});
