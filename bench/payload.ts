import { randomBytes } from 'node:crypto';

/**
 * Request bodies for the benchmark, built by string concatenation from pre-serialised pieces so the
 * load generator (which shares the machine with the server) spends as little CPU as possible.
 */

const FIRST = ['Camille', 'Louis', 'Sofia', 'Jonas', 'Amira', 'Lucas', 'Elena', 'Mateo'];
const LAST = ['Durand', 'Moreau', 'Rossi', 'Schmidt', 'Haddad', 'Martin', 'Novak', 'Silva'];
const JOBS = ['Head of Growth', 'VP Sales', 'Founder & CEO', 'Marketing Manager'];
const CITIES = ['Lyon, France', 'Berlin, Germany', 'Milan, Italy', 'Lisbon, Portugal'];

/** A realistic customProfile of roughly 300 bytes, varied by n. */
export function customProfile(n: number) {
  const first = FIRST[n % FIRST.length]!;
  const last = LAST[(n >> 3) % LAST.length]!;
  const company = `Acme ${['Analytics', 'Robotics', 'Logistics', 'Studios'][n % 4]}`;
  const slug = company.toLowerCase().replace(/\s+/g, '-');
  return {
    firstName: first,
    lastName: last,
    occupation: `${JOBS[n % JOBS.length]} at ${company}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}@${slug}.com`,
    region: CITIES[n % CITIES.length],
    phoneNumbers: [{ number: `+33 6 ${String(10_000_000 + (n % 89_999_999)).slice(0, 8)}`, type: 'mobile' }],
    company: { name: company, website: `https://${slug}.com` },
  };
}

const PROFILE_VARIANTS = 64;
const PROFILE_JSON = Array.from({ length: PROFILE_VARIANTS }, (_, n) => JSON.stringify(customProfile(n)));

/** The n-th profile as the request carries it (and as the server stores it: already normalised). */
export function profileJson(n: number): string {
  return PROFILE_JSON[n % PROFILE_VARIANTS]!;
}

/** The profile the seeded prospects carry, so a re-sent duplicate changes nothing. */
export const SEED_PROFILE_JSON = PROFILE_JSON[0]!;

export function profileBytes(): number {
  return Buffer.byteLength(SEED_PROFILE_JSON);
}

/** URL of the n-th prospect of a series; the prefix keeps series of one run apart. */
export function profileUrl(prefix: string, n: number): string {
  return `https://www.linkedin.com/in/${prefix}-${n}`;
}

export function newSeriesPrefix(label: string): string {
  return `${label}-${randomBytes(3).toString('hex')}`;
}

function item(url: string, profileJson: string): string {
  return `{"url":"${url}","customProfile":${profileJson}}`;
}

export interface BodyParts {
  listId: string;
  /** Extra top-level fields, e.g. {moveDuplicatesToOtherList: true}. */
  extra?: Record<string, unknown>;
}

/** Wraps pre-serialised items into an import request body. */
export function importBody(parts: BodyParts, items: string[]): string {
  const extra = parts.extra ? `,${JSON.stringify(parts.extra).slice(1, -1)}` : '';
  return `{"prospectListId":"${parts.listId}","origin":{"name":"bench"}${extra},"prospects":[${items.join(',')}]}`;
}

/** Where request bodies come from: next() is the next request's body. */
export interface BodyFactory {
  next(): string;
  /** How many more requests the underlying data allows, when it is finite. */
  remaining?(): number;
  /** The API key of the body next() made last, when requests go to several CRMs (each its own user). */
  key?(): string;
}

/** Batches of brand-new prospects: unique URLs on every call. */
export function newProspectBodies(parts: BodyParts, batch: number, prefix: string): BodyFactory {
  let n = 0;
  return {
    next: () => {
      const items: string[] = new Array(batch);
      for (let i = 0; i < batch; i++, n++) items[i] = item(profileUrl(prefix, n), PROFILE_JSON[n % PROFILE_VARIANTS]!);
      return importBody(parts, items);
    },
  };
}

/** Batches of brand-new prospects sent to several CRMs in turn, each request with its user's key. */
export function spreadBodies(crms: { key: string; listId: string }[], batch: number, prefix: string): BodyFactory {
  const each = crms.map((crm, k) => newProspectBodies({ listId: crm.listId }, batch, `${prefix}-${k}`));
  let turn = -1;
  return {
    next: () => each[(turn = (turn + 1) % crms.length)]!.next(),
    key: () => crms[Math.max(turn, 0)]!.key,
  };
}

/**
 * Batches where `existingShare` of the items name seeded prospects (seedPrefix-0 … seedPrefix-(seedCount-1))
 * and the rest are new. With `consume`, every seeded prospect is used once (moves); otherwise they cycle
 * (duplicates). Existing and new items alternate through the batch.
 */
export function mixedBodies(
  parts: BodyParts,
  batch: number,
  prefix: string,
  seed: { prefix: string; count: number; consume: boolean },
  existingShare = 0.5,
): BodyFactory {
  let fresh = 0;
  let used = 0;
  const everyNth = Math.round(1 / existingShare);
  const existingPerRequest = Math.ceil(batch / everyNth);
  return {
    next: () => {
      const items: string[] = new Array(batch);
      for (let i = 0; i < batch; i++) {
        if (i % everyNth === 0) {
          if (seed.consume && used >= seed.count) throw new Error(`seeded pool of ${seed.count} prospects exhausted`);
          items[i] = item(profileUrl(seed.prefix, seed.consume ? used : used % seed.count), SEED_PROFILE_JSON);
          used++;
        } else {
          items[i] = item(profileUrl(prefix, fresh), PROFILE_JSON[fresh % PROFILE_VARIANTS]!);
          fresh++;
        }
      }
      return importBody(parts, items);
    },
    remaining: () => (seed.consume ? Math.floor((seed.count - used) / existingPerRequest) : Infinity),
  };
}
