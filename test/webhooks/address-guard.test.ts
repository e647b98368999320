import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_WEBHOOK_SCHEDULE, parseSchedule } from '../../src/config.js';
import { isPrivateAddress } from '../../src/webhooks/address-guard.js';
import { nextAttemptDelay } from '../../src/webhooks/delivery-worker.js';
import { retryAfterMs } from '../../src/webhooks/send.js';

test('the SSRF guard refuses loopback, private, link-local, metadata and reserved addresses, and lets public ones through', () => {
  for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00:ec2::254', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not an address']) {
    assert.equal(isPrivateAddress(address), true, address);
  }
  for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) assert.equal(isPrivateAddress(address), false, address);
});

test('the default schedule retries for about three days, with jitter of at most 10%, and honours a longer Retry-After', () => {
  const schedule = parseSchedule(DEFAULT_WEBHOOK_SCHEDULE)!;
  assert.deepEqual(schedule.slice(0, 7), [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000]);
  const total = schedule.reduce((a, b) => a + b, 0) / 3_600_000;
  assert.ok(total > 60 && total < 80, `${total} hours`);
  assert.equal(nextAttemptDelay(schedule, 1, null, () => 0), 4_500);
  assert.equal(nextAttemptDelay(schedule, 1, null, () => 1), 5_500);
  assert.equal(nextAttemptDelay(schedule, 1, 60_000, () => 0.5), 60_000);
  assert.equal(nextAttemptDelay(schedule, schedule.length, null), null, 'the schedule is spent');
  assert.equal(retryAfterMs('120'), 120_000);
  assert.equal(retryAfterMs(new Date(Date.now() + 10_000).toUTCString(), Date.now()) !== null, true);
});
