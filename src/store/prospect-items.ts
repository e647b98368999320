import { sql, type RawBuilder } from 'kysely';
import type { LinkedInIdentity } from '../engine/linkedin-url.js';
import type { Db } from './db.js';
import { isPostgres, runSql } from './dialect.js';
import { IDENTITY_COLUMNS } from './prospects.js';
import type { ProspectRow } from './schema.js';

/**
 * The rows behind /v1 prospect items (docs/v1.md#prospects): each with its tag names and the
 * campaign it travels now, read by the same statement as the row. On PostgreSQL every statement
 * is a round trip, and these two were one more step per page or look-up, the look-up's copies
 * another (docs/benchmarks.md "/v1 reads"); on SQLite they are fewer statements to step through.
 */
export interface ProspectItemRow extends Pick<ProspectRow, (typeof ITEM_COLUMNS)[number]> {
  /** JSON array of tag names, in name order. */
  item_tags: string;
  /** JSON object { id, name, state } of the active enrolment's campaign, or null. */
  item_campaign: string | null;
}

/** The columns an item shows (src/services/prospect-views.ts), and its owner for the item columns' tests. */
export const ITEM_COLUMNS = [
  'id',
  'user_id',
  'list_id',
  'first_name',
  'last_name',
  'public_identifier',
  'member_id',
  'sales_member_id',
  'linkedin_url',
  'occupation',
  'company_name',
  'email',
  'origin',
  'duplicate_of',
  'custom_variables',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ProspectRow)[];

const itemColumnsText = new Map<string, string>();

/**
 * Every column of an item, as SQL over the prospect row aliased `alias`: the listed ITEM_COLUMNS, then
 * the two derived ones. Listed, never `*`, so a text using them stays a named statement on
 * PostgreSQL (postgres-prepared.ts). The tests on user_id compare with the row's own owner: a tag or
 * an enrolment can only belong to its prospect's CRM, and this says so.
 */
function itemColumnsSql(db: Db, alias: string): string {
  const key = `${isPostgres(db) ? 'pg' : 'sqlite'}:${alias}`;
  let text = itemColumnsText.get(key);
  if (text === undefined) {
    const [tagArray, campaignObject] = isPostgres(db)
      ? [`coalesce(json_agg(t.name order by t.name_key)::text, '[]')`, `json_build_object('id', c.id, 'name', c.name, 'state', c.state)::text`]
      : [`json_group_array(t.name order by t.name_key)`, `json_object('id', c.id, 'name', c.name, 'state', c.state)`];
    text =
      ITEM_COLUMNS.map((column) => `${alias}.${column}, `).join('') +
      `(select ${tagArray} from prospect_tags pt join tags t on t.id = pt.tag_id where pt.prospect_id = ${alias}.id and pt.user_id = ${alias}.user_id) as item_tags, ` +
      `(select ${campaignObject} from enrolments e join campaigns c on c.id = e.campaign_id where e.prospect_id = ${alias}.id and e.user_id = ${alias}.user_id and e.active = 1) as item_campaign`;
    itemColumnsText.set(key, text);
  }
  return text;
}

/** Every column of an item, for a query builder's select over `alias`. */
export function itemColumns(db: Db, alias: string): RawBuilder<ProspectItemRow> {
  return sql.raw(itemColumnsSql(db, alias));
}

/**
 * Every copy of one person in one CRM, in one statement: the original through its partial unique
 * index, then the permitted copies pointing at it (in no order).
 */
export function itemsOfPerson(db: Db, userId: string, identity: LinkedInIdentity): Promise<ProspectItemRow[]> {
  const column = IDENTITY_COLUMNS[identity.kind];
  const original = `user_id = ? and ${column} = ? and ${column} is not null and duplicate_of is null`;
  // The copies by their index on duplicate_of, not a walk of the CRM's user_id index (besideKey).
  const owner = isPostgres(db) ? 'user_id' : '+user_id';
  const columns = ITEM_COLUMNS.join(', ');
  return runSql<ProspectItemRow>(
    db,
    `select ${itemColumnsSql(db, 'p')} from (` +
      `select ${columns} from prospects where ${original} ` +
      `union all select ${columns} from prospects where ${owner} = ? and duplicate_of in (select id from prospects where ${original})` +
      `) p`,
    [userId, identity.value, userId, userId, identity.value],
  );
}
