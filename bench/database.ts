import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createAccount } from '../src/services/accounts.js';
import { createApiKey } from '../src/store/api-keys.js';
import { createCampaign } from '../src/store/campaigns.js';
import { applyServerPragmas, openDatabase, postgresAnswers, type Database, type Engine } from '../src/store/database.js';
import { createList } from '../src/store/lists.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { SEED_PROFILE_JSON, profileUrl } from './payload.js';

/**
 * Fresh benchmark databases made by our own migrations (so every index is the real one), a tenant
 * created through the store, and fast seeding straight through SQL, all before the server starts.
 */

export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const postgresReachable = (): Promise<boolean> => postgresAnswers(PG_URL);

export interface BenchDatabase {
  engine: Engine;
  /** The DATABASE_URL handed to the server. */
  url: string;
  /** Raw SQL on the same database, outside the server (seeding, checks, the raw ceiling). */
  raw: RawConnection;
  drop(): Promise<void>;
}

export interface RawConnection {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export interface BenchTenant {
  userId: string;
  key: string;
  /** Target list first, then a second list (the "other" list of moves). */
  listIds: [string, string];
  campaignId: string;
}

/** A new, migrated database with one tenant whose CRM limit is out of reach. */
export async function freshBenchDatabase(engine: Engine): Promise<{ database: BenchDatabase; tenant: BenchTenant }> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-hub-bench-'));
    url = join(dir, 'bench.sqlite');
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    await adminQuery(`create schema ${schema}`);
    url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
    cleanup = () => adminQuery(`drop schema ${schema} cascade`);
  }

  const database = openDatabase(url, { poolSize: 2 });
  let tenant: BenchTenant;
  try {
    await migrateWithRetry(database);
    tenant = await createTenant(database.db);
  } finally {
    await database.close();
  }

  const raw = engine === 'sqlite' ? rawSqlite(url) : await rawPostgres(url);
  return {
    database: {
      engine,
      url,
      raw,
      drop: async () => {
        await raw.close().catch(() => {});
        await cleanup();
      },
    },
    tenant,
  };
}

/** A user whose CRM limit is out of reach, with an import key, two lists and a running campaign. */
async function createTenant(db: Database['db']): Promise<BenchTenant> {
  const user = await createAccount(db, { email: `bench-${randomBytes(4).toString('hex')}@example.test`, plan: 'business', crmLimit: 100_000_000 });
  const { secret } = await createApiKey(db, user.id, 'bench');
  const target = await createList(db, user.id, { name: 'Bench target' });
  const other = await createList(db, user.id, { name: 'Bench other' });
  const campaign = await createCampaign(db, user.id, { name: 'Bench campaign', state: 'running' });
  return { userId: user.id, key: secret, listIds: [target.id, other.id], campaignId: campaign.id };
}

/** More tenants in the same database (scenarios spread over several CRMs), made through the store. */
export async function addTenants(database: BenchDatabase, count: number): Promise<BenchTenant[]> {
  const handle = openDatabase(database.url, { poolSize: 2 });
  try {
    const tenants: BenchTenant[] = [];
    for (let n = 0; n < count; n++) tenants.push(await createTenant(handle.db));
    return tenants;
  } finally {
    await handle.close();
  }
}

/** The same pragmas as the server (src/store/database.ts), so the raw ceiling runs under equal terms. */
export function openSqliteLikeServer(path: string): SQLite.Database {
  const connection = new SQLite(path);
  applyServerPragmas(connection);
  return connection;
}

function rawSqlite(path: string): RawConnection & { sqlite: SQLite.Database } {
  const sqlite = openSqliteLikeServer(path);
  return {
    sqlite,
    query: async <T>(text: string, params: unknown[] = []) => sqlite.prepare(text).all(...params) as T[],
    exec: async (text: string, params: unknown[] = []) => {
      sqlite.prepare(text).run(...params);
    },
    close: async () => {
      sqlite.close();
    },
  };
}

async function rawPostgres(url: string): Promise<RawConnection & { client: pg.Client }> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: parsed.toString(), options: schema ? `-c search_path=${schema}` : undefined });
  await client.connect();
  return {
    client,
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
    exec: async (text: string, params: unknown[] = []) => {
      await client.query(text, params);
    },
    close: () => client.end(),
  };
}

export function sqliteOf(raw: RawConnection): SQLite.Database {
  const sqlite = (raw as { sqlite?: SQLite.Database }).sqlite;
  if (!sqlite) throw new Error('not a SQLite connection');
  return sqlite;
}

export function postgresOf(raw: RawConnection): pg.Client {
  const client = (raw as { client?: pg.Client }).client;
  if (!client) throw new Error('not a PostgreSQL connection');
  return client;
}

/** See startProspectHub: other people's schemas vanish while the migrator lists them. */
async function migrateWithRetry(database: Parameters<typeof migrateToLatest>[0]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(database);
      return;
    } catch (error) {
      if (attempt >= 3 || !/schema "[^"]+" does not exist/.test(String(error))) throw error;
    }
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The one dialect difference the raw SQL here meets: positional parameters. */
export function placeholder(engine: Engine): (n: number) => string {
  return engine === 'sqlite' ? () => '?' : (n) => `$${n}`;
}

export const PROSPECT_COLUMNS =
  'id, user_id, list_id, public_identifier, member_id, sales_member_id, linkedin_url, profile, first_name, last_name, occupation, email, company_name, custom_variables, origin, duplicate_of, created_at, updated_at';

export interface SeedSeries {
  /** URL slug prefix: the seeded prospects are profileUrl(prefix, 0 … count-1). */
  prefix: string;
  count: number;
  listId: string;
  /** Distinguishes id ranges of several series in one database (1, 2, …). */
  tag: number;
}

const SEED_CHUNK = 250_000;

/**
 * Seeds prospects with set-based SQL (a recursive CTE on SQLite, generate_series on PostgreSQL), in
 * transactions of 250,000 rows, then brings the maintained counts up to date (docs/api.md#counts).
 * Ids are `tag` (8 hex) + the row number (16 hex): valid, unique, and older than any live id.
 */
export async function seedProspects(database: BenchDatabase, tenant: BenchTenant, series: SeedSeries): Promise<number> {
  const started = performance.now();
  const now = new Date().toISOString();
  const urlBase = profileUrl(series.prefix, 0).slice(0, -1);
  const slugBase = `${series.prefix}-`;
  const profile = JSON.parse(SEED_PROFILE_JSON) as { firstName: string; lastName: string; occupation: string; email: string; company: { name: string } };
  for (let from = 0; from < series.count; from += SEED_CHUNK) {
    const to = Math.min(series.count, from + SEED_CHUNK) - 1;
    if (database.engine === 'sqlite') {
      const sqlite = sqliteOf(database.raw);
      sqlite
        .prepare(
          `with recursive s(i) as (select cast(? as integer) union all select i + 1 from s where i < cast(? as integer))
           insert into prospects (${PROSPECT_COLUMNS})
           select printf('%08x%016x', ?, i), ?, ?, ? || i, null, null, ? || i, ?, ?, ?, ?, ?, ?, '[]', 'seed', null, ?, ? from s`,
        )
        .run(from, to, series.tag, tenant.userId, series.listId, slugBase, urlBase, SEED_PROFILE_JSON, profile.firstName, profile.lastName, profile.occupation, profile.email, profile.company.name, now, now);
    } else {
      await database.raw.exec(
        `insert into prospects (${PROSPECT_COLUMNS})
         select lpad(to_hex($1::int), 8, '0') || lpad(to_hex(i), 16, '0'), $2, $3, $4 || i, null, null, $5 || i, $6, $7, $8, $9, $10, $11, '[]', 'seed', null, $12, $12
         from generate_series($13::bigint, $14::bigint) as i`,
        [series.tag, tenant.userId, series.listId, slugBase, urlBase, SEED_PROFILE_JSON, profile.firstName, profile.lastName, profile.occupation, profile.email, profile.company.name, now, from, to],
      );
    }
  }
  const p = placeholder(database.engine);
  await database.raw.exec(`update prospect_lists set total_prospects = total_prospects + ${p(1)} where id = ${p(2)}`, [series.count, series.listId]);
  await database.raw.exec(`update users set prospect_count = prospect_count + ${p(1)} where id = ${p(2)}`, [series.count, tenant.userId]);
  await settleAfterSeed(database);
  return (performance.now() - started) / 1000;
}

/**
 * Leaves a seeded database as a CRM that has been in use for a while, not one just bulk-loaded, so
 * the measurements that follow do not pay for the seed. PostgreSQL: VACUUM (ANALYZE) does now what
 * the insert-triggered autovacuum of prospects would do in the middle of a measurement (a scan of the
 * whole table on one of the two cores, hint bits and the visibility map written), and a CHECKPOINT
 * writes the seed's dirty pages, which the next timed checkpoint would otherwise write under load.
 * SQLite: the WAL copied back into the database file and truncated.
 */
export async function settleAfterSeed(database: BenchDatabase): Promise<void> {
  if (database.engine === 'sqlite') {
    sqliteOf(database.raw).pragma('wal_checkpoint(TRUNCATE)');
    return;
  }
  await database.raw.exec('vacuum (analyze) prospects');
  await database.raw.exec('analyze');
  await database.raw.exec('checkpoint');
}

/** The figures every scenario checks after its run: exact counts, no doubles. */
export interface CrmCheck {
  prospects: number;
  userCount: number;
  listTotals: { id: string; stored: number; actual: number }[];
  enrolments: number;
  doubles: number;
}

export async function checkCrm(database: BenchDatabase, tenant: BenchTenant): Promise<CrmCheck> {
  const p = placeholder(database.engine);
  const one = async (text: string, params: unknown[]) => Number(Object.values((await database.raw.query(text, params))[0] ?? { n: 0 })[0]);
  const prospects = await one(`select count(*) as n from prospects where user_id = ${p(1)}`, [tenant.userId]);
  const userCount = await one(`select prospect_count as n from users where id = ${p(1)}`, [tenant.userId]);
  const lists = await database.raw.query<{ id: string; stored: number | string; actual: number | string }>(
    `select l.id, l.total_prospects as stored, (select count(*) from prospects p where p.list_id = l.id) as actual from prospect_lists l where l.user_id = ${p(1)}`,
    [tenant.userId],
  );
  const enrolments = await one(`select count(*) as n from enrolments where user_id = ${p(1)}`, [tenant.userId]);
  const doubles = await one(
    `select count(*) as n from (select public_identifier from prospects where user_id = ${p(1)} and duplicate_of is null and public_identifier is not null group by public_identifier having count(*) > 1) d`,
    [tenant.userId],
  );
  return {
    prospects,
    userCount,
    listTotals: lists.map((l) => ({ id: l.id, stored: Number(l.stored), actual: Number(l.actual) })),
    enrolments,
    doubles,
  };
}
