import { searchQuery, searchTextOf } from '../src/store/prospect-search.js';
import { ascii, companyOf, firstNameOf, idOf, isMember, lastNameOf, memberIdOf, slugOf, type ReadCrm } from './read-crm.js';

/**
 * The /v1 read paths measured on the read CRM (bench/read-crm.ts), each with the p99 its target
 * allows at a fixed offered rate, or none when it is measured for reference.
 */

export interface ReadServer {
  url: string;
  key: string;
}

export interface ReadScenario {
  id: string;
  title: string;
  /** The target: p99 in ms at the fixed offered rate; null for a reference figure. */
  targetP99: number | null;
  /** The request paths, cycled through (built before the load; may ask the server, e.g. for cursors). */
  paths(crm: ReadCrm, server: ReadServer): Promise<string[]>;
  /** What is wrong with one answer to `path` (empty when it is right). */
  check(crm: ReadCrm, path: string, answer: unknown): string[];
  /**
   * Round trips to PostgreSQL the server makes one after another for one request (statements sent
   * side by side count once), counted from the server's statement log: the API key, then the read's
   * own. bench/read-floor.ts measures what that many cost on this machine.
   */
  postgresStages: number;
}

/** Deterministic spread of row numbers over the CRM (a full-period LCG step), so runs compare. */
function rows(crm: ReadCrm, n: number, keep: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let k = 1, i = 0; out.length < n && k < n * 20; k++) {
    i = (i + 7_919 * k + 104_729) % crm.count;
    if (keep(i)) out.push(i);
  }
  return out;
}

export async function getJson(server: ReadServer, path: string): Promise<{ status: number; body: unknown }> {
  const answer = await fetch(server.url + path, { headers: { authorization: `Bearer ${server.key}` } });
  return { status: answer.status, body: answer.headers.get('content-type')?.includes('json') ? await answer.json() : await answer.text() };
}

const PAGE_LIMIT = 100;

interface Page {
  data: { id: string; email?: string | null; [field: string]: unknown }[];
  nextCursor: string | null;
}

const isPage = (body: unknown): body is Page => typeof body === 'object' && body !== null && Array.isArray((body as Page).data);

function checkFilteredPage(_crm: ReadCrm, path: string, body: unknown): string[] {
  if (!isPage(body)) return ['not a page ({data, nextCursor})'];
  const listId = new URLSearchParams(path.split('?')[1]).get('listId');
  const problems: string[] = [];
  if (body.data.length !== PAGE_LIMIT) problems.push(`${body.data.length} prospects, expected ${PAGE_LIMIT}`);
  if (body.data.some((p) => !p.email)) problems.push('a prospect without an e-mail in a hasEmail=true page');
  if (body.data.some((p) => 'listId' in p && p.listId !== listId)) problems.push('a prospect of another list');
  if (new Set(body.data.map((p) => p.id)).size !== body.data.length) problems.push('the same prospect twice in one page');
  return problems;
}

const filterPath = (listId: string, cursor?: string) =>
  `/v1/prospects?listId=${listId}&hasEmail=true&limit=${PAGE_LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/** The URL shapes a look-up is asked with (docs/api.md#linkedin-urls), row by row. */
function lookupUrl(i: number): string {
  if (isMember(i)) return `https://www.linkedin.com/in/${memberIdOf(i)}/`;
  const slug = slugOf(i);
  switch (i % 4) {
    case 0:
      return `https://www.linkedin.com/in/${slug}/`;
    case 1:
      return `http://linkedin.com/in/${slug.replace(/^./, (c) => c.toUpperCase())}`;
    case 2:
      return `https://fr.linkedin.com/in/${encodeURIComponent(slug)}?originalSubdomain=fr`;
    default:
      return `linkedin.com/in/${slug}`;
  }
}

/**
 * Search words as a person types them, any case, with or without accents: a first name (~4% of the
 * CRM), a last name (~5%), a first and last name (~0.2%), a company's first word, and one person's
 * identifier (one row: the case where a scan must read everything to fill a page).
 */
export function searchTerms(): string[] {
  const terms: string[] = [];
  for (let n = 0; n < 42; n++) {
    const i = n * 131;
    const forms = [
      firstNameOf(i).toLowerCase(),
      ascii(lastNameOf(i)),
      lastNameOf(i).toUpperCase(),
      `${ascii(firstNameOf(i))} ${lastNameOf(i).toLowerCase()}`,
      companyOf(i).split(' ')[0]!.toLowerCase(),
      slugOf(i + 17),
    ];
    terms.push(forms[n % forms.length]!);
  }
  return terms;
}

/**
 * What a person pastes or types to find someone shown by a slug: the slug without its accents, its
 * tail, or the URL with its accents percent-encoded (and a trailing slash); members by their URL.
 */
export function slugAndUrlTerms(crm: ReadCrm): string[] {
  return rows(crm, 60, () => true).map((i, n) => {
    if (isMember(i)) return `https://www.linkedin.com/in/${memberIdOf(i)}`;
    const slug = slugOf(i);
    const forms = [ascii(slug), `${ascii(lastNameOf(i))}-${i}`, `https://www.linkedin.com/in/${encodeURIComponent(slug)}/`];
    return forms[n % forms.length]!;
  });
}

function checkSearch(_crm: ReadCrm, path: string, body: unknown): string[] {
  if (!isPage(body)) return ['not a page ({data, nextCursor})'];
  const q = searchQuery(new URLSearchParams(path.split('?')[1]).get('q') ?? '');
  if (body.data.length === 0) return [`no match for "${q}", a word the CRM holds`];
  const strays = body.data.filter(
    (p) => !searchTextOf({ firstName: p.firstName as string | null, lastName: p.lastName as string | null, company: p.company as string | null, linkedinUrl: p.linkedinUrl as string }).includes(q),
  );
  return strays.length > 0 ? [`${strays.length} prospects without "${q}"`] : [];
}

export const READ_SCENARIOS: ReadScenario[] = [
  {
    id: 'page-filter',
    postgresStages: 2, // key; the page with its tags and campaigns (src/store/prospect-items.ts)
    title: "A list's first page of 100 prospects with an e-mail",
    targetP99: 20,
    paths: async (crm) => crm.lists.map((l) => filterPath(l.id)),
    check: checkFilteredPage,
  },
  {
    id: 'page-filter-cursor',
    postgresStages: 2, // key; the page with its tags and campaigns (src/store/prospect-items.ts)
    title: 'The next pages (cursor), 2nd to 20th',
    targetP99: 20,
    async paths(crm, server) {
      const paths: string[] = [];
      for (const list of crm.lists) {
        let cursor: string | null | undefined;
        for (let page = 0; page < 20; page++) {
          const { status, body } = await getJson(server, filterPath(list.id, cursor ?? undefined));
          if (status !== 200 || !isPage(body) || !body.nextCursor) break;
          cursor = body.nextCursor;
          paths.push(filterPath(list.id, cursor));
        }
      }
      return paths;
    },
    check: checkFilteredPage,
  },
  {
    id: 'lookup',
    postgresStages: 2, // key; the person, copies, tags and campaigns in one statement
    title: 'Look-up by LinkedIn URL (five URL shapes, member ids)',
    targetP99: 5,
    paths: async (crm) => rows(crm, 2_000, () => true).map((i) => `/v1/prospects/lookup?url=${encodeURIComponent(lookupUrl(i))}`),
    check(crm, path, body) {
      const url = new URLSearchParams(path.split('?')[1]).get('url') ?? '';
      const i = rows(crm, 2_000, () => true).find((r) => lookupUrl(r) === url);
      return i !== undefined && JSON.stringify(body).includes(idOf(crm, i)) ? [] : [`the answer does not hold the prospect of ${url}`];
    },
  },
  {
    id: 'search',
    postgresStages: 2, // key; the search page with its tags and campaigns
    title: 'Text search, 100 per page (names, companies, identifiers; any case, with or without accents)',
    targetP99: 50,
    paths: async () => searchTerms().map((q) => `/v1/prospects?q=${encodeURIComponent(q)}&limit=${PAGE_LIMIT}`),
    check: checkSearch,
  },
  {
    id: 'search-slug-url',
    postgresStages: 2, // key; the search page with its tags and campaigns
    title: 'Search by slug or URL, accents ignored (a slug without its accents, its tail, a pasted URL with percent-encoded accents)',
    targetP99: 50,
    paths: async (crm) => slugAndUrlTerms(crm).map((q) => `/v1/prospects?q=${encodeURIComponent(q)}&limit=${PAGE_LIMIT}`),
    check: checkSearch,
  },
  {
    id: 'lists',
    postgresStages: 2, // key; lists
    title: 'GET /v1/lists (reference: the seven lists with exact counts)',
    targetP99: null,
    paths: async () => ['/v1/lists'],
    check: (crm, _path, body) => {
      const lists = (body as { data?: { id?: string; totalProspects?: number }[] }).data ?? [];
      return crm.lists.every((l) => lists.some((b) => b.id === l.id && b.totalProspects === l.size)) ? [] : ['the lists or their counts differ from the seed'];
    },
  },
  {
    id: 'prospect-by-id',
    postgresStages: 4, // key; the prospect; its history (five side by side); list names
    title: 'GET /v1/prospects/:id (reference: one prospect with its history)',
    targetP99: null,
    paths: async (crm) => rows(crm, 2_000, () => true).map((i) => `/v1/prospects/${idOf(crm, i)}`),
    check: (crm, path, body) => ((body as { id?: string }).id === path.split('/').at(-1) ? [] : ['another prospect answered']),
  },
];


/** The app's table at 100,000 prospects: its target is an answer within 150 ms. */
const APP_TARGET = 150;
export const APP_SCENARIOS: ReadScenario[] = READ_SCENARIOS.filter((s) => s.id === 'page-filter' || s.id === 'search-slug-url').map((s) => ({ ...s, targetP99: APP_TARGET }));
