import { randomBytes } from 'node:crypto';

/**
 * 24-character lowercase hex ids laid out like a MongoDB ObjectId (docs/api.md#ids):
 * 4 bytes of seconds, 5 random bytes fixed per process, a 3-byte counter. Time-ordered ids keep
 * B-tree inserts at the right edge of the index, which random keys would not.
 */
const processPart = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

export function newId(now: number = Date.now()): string {
  counter = (counter + 1) & 0xffffff;
  const seconds = Math.floor(now / 1000).toString(16).padStart(8, '0');
  return seconds + processPart + counter.toString(16).padStart(6, '0');
}
