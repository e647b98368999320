import { newId } from '../ids.js';
import type { Db } from './db.js';
import type { SavedViewRow } from './schema.js';
import { nowIso } from './time.js';

/** Saved views of the prospect table (docs/v1.md#saved-views): every function takes the owner's id. */

export interface ViewFields {
  name: string;
  /** JSON of the filter and of the table's choices, as the route validated them. */
  filter: string;
  tableSettings: string;
}

export function pageOfViews(db: Db, userId: string, afterId: string | undefined, limit: number): Promise<SavedViewRow[]> {
  let query = db.selectFrom('saved_views').selectAll().where('user_id', '=', userId);
  if (afterId !== undefined) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

export function findView(db: Db, userId: string, id: string): Promise<SavedViewRow | undefined> {
  return db.selectFrom('saved_views').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

/** The user's view of that name other than `exceptId`, if any: names are unique per user. */
export function viewNamed(db: Db, userId: string, name: string, exceptId?: string): Promise<SavedViewRow | undefined> {
  let query = db.selectFrom('saved_views').selectAll().where('user_id', '=', userId).where('name', '=', name);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export function insertView(db: Db, userId: string, fields: ViewFields): Promise<SavedViewRow> {
  const now = nowIso();
  return db
    .insertInto('saved_views')
    .values({ id: newId(), user_id: userId, name: fields.name, filter: fields.filter, table_settings: fields.tableSettings, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateView(db: Db, userId: string, id: string, changes: Partial<ViewFields>): Promise<SavedViewRow | undefined> {
  await db
    .updateTable('saved_views')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.filter !== undefined ? { filter: changes.filter } : {}),
      ...(changes.tableSettings !== undefined ? { table_settings: changes.tableSettings } : {}),
      updated_at: nowIso(),
    })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .execute();
  return findView(db, userId, id);
}

export async function deleteView(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('saved_views').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
