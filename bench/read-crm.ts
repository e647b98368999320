import { createApiKey } from '../src/store/api-keys.js';
import { openDatabase } from '../src/store/database.js';
import { createList } from '../src/store/lists.js';
import { SearchIndexer } from '../src/services/search-indexer.js';
import { normalizeSearch, searchTextOf } from '../src/store/prospect-search.js';
import { PROSPECT_COLUMNS, placeholder, settleAfterSeed, sqliteOf, type BenchDatabase, type BenchTenant } from './database.js';

/**
 * The CRM the /v1 read scenarios query: a million prospects of one user spread unevenly over seven
 * lists, about half with an e-mail, names and companies with accents, 90% identified by a public
 * identifier (a tenth of those with accents in it, percent-encoded in the stored URL as the import stores it)
 * and 10% by a member id (ACoAA…). Every text is
 * drawn from the small vocabularies below by the row number, so the scenarios know what is there
 * without asking the database.
 */

export const FIRST_NAMES = ['Élodie', 'Zoë', 'José', 'François', 'Anaïs', 'Søren', 'Łukasz', 'Chloé', 'Camille', 'Jürgen', 'Noémie', 'Björn', 'Inès', 'Mátyás', 'Léa', 'Raphaël', 'Mohammed', 'Wei', 'Olivia', 'Lucas', 'Aoife', 'Håkon', 'Ana'];
export const LAST_NAMES = ['Müller', 'Dubois', 'García', 'Núñez', 'Lefèvre', 'Østergaard', 'Çelik', 'Nowak', 'Durand', 'Schröder', 'Peña', 'Ferreira', 'Kovačević', 'Rossi', 'Smith', 'Moreau', 'Papadopoulos', 'Jovanović', "O'Brien"];
const COMPANY_STEMS = ['Société Générale', 'Nestlé', 'Zürich', 'Café Noir', 'Acme', 'Électricité du Nord', 'Björk', 'Mañana', 'Crédit Agricole', 'Ørsted', 'Škoda', 'Lumière', 'Dąbrowski', 'Nordlys', 'Fjällräven', 'Télécom Sud'];
const COMPANY_KINDS = ['Analytics', 'Robotics', 'Logistique', 'Studios'];
/** 61 companies (a prime, so names and companies pair in many ways). */
export const COMPANIES = Array.from({ length: 61 }, (_, n) => `${COMPANY_STEMS[n % COMPANY_STEMS.length]} ${COMPANY_KINDS[Math.floor(n / COMPANY_STEMS.length) % COMPANY_KINDS.length]}`);
const JOBS = ['Head of Growth', 'Directeur commercial', 'VP Sales', 'Fondatrice & CEO', 'Responsable marketing', 'Software Engineer', 'Account Executive'];
const CITIES = ['Lyon, France', 'München, Deutschland', 'Kraków, Polska', 'Lisboa, Portugal', 'Québec, Canada'];

/** Shares of the CRM per list, in percent (list 0 holds 40%, the last 3%). */
export const LIST_SHARES = [40, 20, 15, 10, 7, 5, 3];

/** Lowercase, without accents: what a slug or an e-mail address is made of. */
export const ascii = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ø/gi, 'o')
    .replace(/ł/gi, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The row-number arithmetic both engines share: which vocabulary entry row i takes. */
const pick = {
  first: (i: string) => `${i} % ${FIRST_NAMES.length}`,
  last: (i: string) => `(${i} / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}`,
  company: (i: string) => `(${i} * 7) % ${COMPANIES.length}`,
  job: (i: string) => `${i} % ${JOBS.length}`,
  city: (i: string) => `${i} % ${CITIES.length}`,
  list: (i: string) =>
    `case ${LIST_SHARES.map((_, k) => `when (${i} * 37) % 100 < ${LIST_SHARES.slice(0, k + 1).reduce((a, b) => a + b, 0)} then ${k}`).join(' ')} end`,
};

/** Row i has an e-mail when even; it is a member-id prospect when i % 10 = 9; its slug keeps accents when i % 10 = 3. */
export const isMember = (i: number) => i % 10 === 9;
export const memberIdOf = (i: number) => `ACoAAB${i.toString(16).padStart(16, '0')}`;
/** A name as it sits in an accented slug: lowercase NFC, spaces and apostrophes as hyphens. */
const accentedSlugPart = (name: string) => name.normalize('NFC').toLowerCase().replace(/[\s']+/g, '-');
export const firstNameOf = (i: number) => FIRST_NAMES[i % FIRST_NAMES.length]!;
export const lastNameOf = (i: number) => LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]!;
export function slugOf(i: number): string {
  const part = i % 10 === 3 ? accentedSlugPart : ascii;
  return `${part(firstNameOf(i))}-${part(lastNameOf(i))}-${i}`;
}
export const companyOf = (i: number) => COMPANIES[(i * 7) % COMPANIES.length]!;

export interface ReadCrm {
  count: number;
  /** The seven lists, largest first, with their sizes. */
  lists: { id: string; size: number }[];
  /** A key with the read scope, and write for the bulk move (the tenant's own key only imports). */
  readKey: string;
  /** Unix second of row 0's creation: row i's id is idOf(crm, i). */
  firstSecond: number;
  seedSeconds: number;
  /** Of which: the rows, then the indexes and the search table built over them. */
  rowSeconds: number;
  indexSeconds: number;
  /** SQLite: the search indexer catching up on every row, as after an upgrade (null on PostgreSQL). */
  searchIndexSeconds: number | null;
}

/** The id the seed gives row i (src/ids.ts's layout: creation second, process part, counter). */
export const idOf = (crm: Pick<ReadCrm, 'firstSecond'>, i: number): string =>
  (crm.firstSecond + i).toString(16).padStart(8, '0') + '0000000000' + (i % 16_777_216).toString(16).padStart(6, '0');

/** Lists and a read key through the store, as the app would make them. */
async function createListsAndKey(database: BenchDatabase, tenant: BenchTenant): Promise<{ listIds: string[]; readKey: string }> {
  const handle = openDatabase(database.url, { poolSize: 2 });
  try {
    const listIds: string[] = [];
    for (const [k] of LIST_SHARES.entries()) listIds.push((await createList(handle.db, tenant.userId, { name: `Read bench ${k + 1}` })).id);
    const { secret } = await createApiKey(handle.db, tenant.userId, 'bench reads', ['import', 'read', 'write']);
    return { listIds, readKey: secret };
  } finally {
    await handle.close();
  }
}

/**
 * The vocabularies as one JSON array, indexed by the SQL of `pick` (SQLite caches its parse). Every
 * derived form (slug parts, e-mail parts, the search text's normalization) is made here in
 * JavaScript, once per word: SQLite's lower() knows only ASCII.
 */
function vocabulary(listIds: string[]) {
  const norm = (words: string[]) => words.map(normalizeSearch);
  return [
    FIRST_NAMES, LAST_NAMES, COMPANIES, JOBS, CITIES, listIds,
    FIRST_NAMES.map(ascii), LAST_NAMES.map(ascii), COMPANIES.map(ascii),
    FIRST_NAMES.map(accentedSlugPart), LAST_NAMES.map(accentedSlugPart),
    norm(FIRST_NAMES), norm(LAST_NAMES), norm(COMPANIES),
    norm(FIRST_NAMES.map(accentedSlugPart)), norm(LAST_NAMES.map(accentedSlugPart)),
    FIRST_NAMES.map((n) => encodeURIComponent(accentedSlugPart(n))), LAST_NAMES.map((n) => encodeURIComponent(accentedSlugPart(n))),
  ];
}
const V = {
  first: 0, last: 1, company: 2, job: 3, city: 4, list: 5,
  firstAscii: 6, lastAscii: 7, companyAscii: 8,
  firstSlug: 9, lastSlug: 10,
  firstSearch: 11, lastSearch: 12, companySearch: 13, firstSlugSearch: 14, lastSlugSearch: 15,
  firstSlugEncoded: 16, lastSlugEncoded: 17,
} as const;

/** One SELECT that yields every prospect column for row numbers `from`…`to`, per engine. */
function rowsSql(engine: BenchDatabase['engine']): string {
  const sqlite = engine === 'sqlite';
  // SQLite: json_extract(@p1, '$[k][n]') on one bound JSON document; PostgreSQL: the same document as jsonb.
  const at = (k: number, index: string) => (sqlite ? `json_extract(@p1, '$[${k}][' || (${index}) || ']')` : `($1::jsonb -> ${k} ->> (${index})::int)`);
  // better-sqlite3 binds ?NNN by position only once each: SQLite gets named parameters instead.
  const p = (n: number) => (sqlite ? `@p${n}` : `$${n}`);
  const series = sqlite
    ? `with recursive s(i) as (select cast(${p(2)} as integer) union all select i + 1 from s where i < cast(${p(3)} as integer))`
    : `with s(i) as (select generate_series(${p(2)}::bigint, ${p(3)}::bigint))`;
  const hex = (value: string, width: number) => (sqlite ? `printf('%0${width}x', ${value})` : `lpad(to_hex(${value}), ${width}, '0')`);
  const stamp = sqlite
    ? `strftime('%Y-%m-%dT%H:%M:%fZ', ${p(5)}, 'unixepoch', '+' || i || ' seconds')`
    : `to_char(to_timestamp(${p(5)}::bigint + i) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const json = sqlite ? 'json_object' : 'json_build_object';
  const slug = (accented: [number, number], plain: [number, number]) =>
    `case when i % 10 = 3 then ${at(accented[0], pick.first('i'))} || '-' || ${at(accented[1], pick.last('i'))} else ${at(plain[0], pick.first('i'))} || '-' || ${at(plain[1], pick.last('i'))} end || '-' || i`;
  return `${series},
    r as (
      select i,
        ${at(V.first, pick.first('i'))} as first_name,
        ${at(V.last, pick.last('i'))} as last_name,
        ${at(V.company, pick.company('i'))} as company_name,
        ${at(V.job, pick.job('i'))} as job,
        ${at(V.city, pick.city('i'))} as city,
        ${at(V.list, pick.list('i'))} as list_id,
        case when i % 2 = 0 then ${at(V.firstAscii, pick.first('i'))} || '.' || ${at(V.lastAscii, pick.last('i'))} || '.' || i || '@' || ${at(V.companyAscii, pick.company('i'))} || '.com' end as email,
        case when i % 10 = 9 then null else ${slug([V.firstSlug, V.lastSlug], [V.firstAscii, V.lastAscii])} end as slug,
        case when i % 10 = 9 then null else ${slug([V.firstSlugSearch, V.lastSlugSearch], [V.firstAscii, V.lastAscii])} end as slug_search,
        case when i % 10 = 9 then null else ${slug([V.firstSlugEncoded, V.lastSlugEncoded], [V.firstAscii, V.lastAscii])} end as slug_in_url,
        ${at(V.firstSearch, pick.first('i'))} || ' ' || ${at(V.lastSearch, pick.last('i'))} || ' ' || ${at(V.companySearch, pick.company('i'))} as names_search,
        case when i % 10 = 9 then 'ACoAAB' || ${hex('i', 16)} end as member_id,
        ${stamp} as at
      from s
    )
    select ${hex(`${p(5)} + i`, 8)} || '0000000000' || ${hex('i % 16777216', 6)}, ${p(4)}, list_id, slug, member_id, null,
      'https://www.linkedin.com/in/' || coalesce(slug_in_url, member_id),
      ${json}('firstName', first_name, 'lastName', last_name, 'occupation', job || ' at ' || company_name, 'email', email, 'region', city, 'company', ${json}('name', company_name))${sqlite ? '' : '::text'},
      first_name, last_name, job || ' at ' || company_name, email, company_name, '[]', 'seed', null, at, at,
      names_search || ' ' || case when slug is null then lower(member_id) else slug_search end
    from r`;
}

interface Definition {
  name: string;
  sql: string;
}

/**
 * What the load would otherwise maintain row by row, whatever the migrations made: the prospects
 * table's secondary indexes (both engines) and, on SQLite, its triggers (they feed the FTS5 search
 * table, rebuilt in one pass afterwards).
 */
async function maintainedStructures(database: BenchDatabase): Promise<{ indexes: Definition[]; triggers: Definition[]; ftsTables: string[] }> {
  if (database.engine === 'sqlite') {
    const of = (type: string) => database.raw.query<Definition>(`select name, sql from sqlite_master where type = '${type}' and tbl_name = 'prospects' and sql is not null`);
    const fts = await database.raw.query<{ name: string }>(`select name from sqlite_master where type = 'table' and sql like '%using fts5%content=''prospects''%'`);
    return { indexes: await of('index'), triggers: await of('trigger'), ftsTables: fts.map((t) => t.name) };
  }
  const indexes = await database.raw.query<Definition>(
    `select i.indexname as name, i.indexdef as sql from pg_indexes i
     where i.tablename = 'prospects' and i.schemaname = current_schema()
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = (select oid from pg_namespace where nspname = current_schema()))`,
  );
  return { indexes, triggers: [], ftsTables: [] };
}

const SEED_CHUNK = 250_000;

/** SQLite's search index brought up to date through the store, as the server's indexer does when quiet; answers the seconds it took. */
async function catchUpSearchIndex(database: BenchDatabase): Promise<number> {
  const started = performance.now();
  const handle = openDatabase(database.url, { poolSize: 1 });
  try {
    await new SearchIndexer(handle, { warn: () => {} }).catchUp();
  } finally {
    await handle.close();
  }
  return (performance.now() - started) / 1000;
}

/** The seed's SQL must write the search text the service would (src/store/prospect-search.ts): a sample says so, or the run stops. */
async function checkSearchText(database: BenchDatabase): Promise<void> {
  const sample = await database.raw.query<{ first_name: string; last_name: string; company_name: string; public_identifier: string | null; linkedin_url: string; search_text: string }>(
    `select first_name, last_name, company_name, public_identifier, linkedin_url, search_text from prospects where id in (select id from prospects order by id limit 40)`,
  );
  for (const row of sample) {
    const expected = searchTextOf({ firstName: row.first_name, lastName: row.last_name, company: row.company_name, publicIdentifier: row.public_identifier, linkedinUrl: row.linkedin_url });
    if (row.search_text !== expected) throw new Error(`seeded search_text ${JSON.stringify(row.search_text)}, the service would write ${JSON.stringify(expected)}`);
  }
}

/**
 * Seeds the read CRM with set-based SQL (a recursive CTE on SQLite, generate_series on PostgreSQL,
 * 250,000 rows per statement) with the secondary indexes and the search table's triggers dropped,
 * and everything built again afterwards: a bulk build sorts once instead of inserting a million
 * times into each B-tree. They are the migrations' own, read from the catalogue, so the scenarios
 * query the real schema.
 */
export async function seedReadCrm(database: BenchDatabase, tenant: BenchTenant, count: number): Promise<ReadCrm> {
  const started = performance.now();
  const { listIds, readKey } = await createListsAndKey(database, tenant);
  const { indexes, triggers, ftsTables } = await maintainedStructures(database);
  for (const trigger of triggers) await database.raw.exec(`drop trigger ${trigger.name}`);
  for (const index of indexes) await database.raw.exec(`drop index ${index.name}`);
  const doc = JSON.stringify(vocabulary(listIds));
  // Row i was created i seconds after the first one, the last one a minute ago; ids follow (src/ids.ts).
  const firstSecond = Math.floor(Date.now() / 1000) - count - 60;
  const insert = `insert into prospects (${PROSPECT_COLUMNS}, search_text) ${rowsSql(database.engine)}`;
  const sqlite = database.engine === 'sqlite' ? sqliteOf(database.raw) : null;
  for (let from = 0; from < count; from += SEED_CHUNK) {
    const params = [doc, from, Math.min(count, from + SEED_CHUNK) - 1, tenant.userId, firstSecond];
    if (sqlite) sqlite.transaction(() => sqlite.prepare(insert).run(Object.fromEntries(params.map((value, k) => [`p${k + 1}`, value]))))();
    else await database.raw.exec(insert, params);
  }
  const rowsDone = performance.now();
  // A larger sort memory for the bulk builds (the GIN trigram index above all); this session only.
  if (database.engine === 'postgres') await database.raw.exec(`set maintenance_work_mem = '256MB'`);
  for (const index of indexes) await database.raw.exec(index.sql);
  for (const table of ftsTables) await database.raw.exec(`insert into ${table} (${table}) values ('rebuild')`);
  for (const trigger of triggers) await database.raw.exec(trigger.sql);
  const indexesDone = performance.now();

  await checkSearchText(database);
  const searchIndexSeconds = database.engine === 'sqlite' ? await catchUpSearchIndex(database) : null;

  const p = placeholder(database.engine);
  await database.raw.exec(`update prospect_lists set total_prospects = (select count(*) from prospects p where p.list_id = prospect_lists.id) where user_id = ${p(1)}`, [tenant.userId]);
  await database.raw.exec(`update users set prospect_count = (select count(*) from prospects p where p.user_id = users.id) where id = ${p(1)}`, [tenant.userId]);
  // The server never runs ANALYZE on SQLite, so neither does this.
  await settleAfterSeed(database);
  const sizes = await database.raw.query<{ id: string; n: number | string }>(`select id, total_prospects as n from prospect_lists where id in (${listIds.map((_, k) => p(k + 1)).join(', ')})`, listIds);
  const lists = listIds.map((id) => ({ id, size: Number(sizes.find((s) => s.id === id)?.n ?? 0) }));
  return {
    count,
    lists,
    readKey,
    firstSecond,
    seedSeconds: (performance.now() - started) / 1000,
    rowSeconds: (rowsDone - started) / 1000,
    indexSeconds: (indexesDone - rowsDone) / 1000,
    searchIndexSeconds,
  };
}
