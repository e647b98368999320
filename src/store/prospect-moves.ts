import { newId } from '../ids.js';
import type { Db } from './db.js';
import { insertRows, type ColumnList } from './dialect.js';

const COLUMNS = [
  ['id', 'text'],
  ['user_id', 'text'],
  ['prospect_id', 'text'],
  ['from_list_id', 'text'],
  ['to_list_id', 'text'],
  ['created_at', 'text'],
] as const satisfies ColumnList<'prospect_moves'>;

/** Records moves made in the web app, so a prospect's history shows them (the import's fast insert: a bulk move may record 100,000). */
export async function recordMoves(db: Db, userId: string, moves: readonly { prospectId: string; fromListId: string }[], toListId: string, at: string): Promise<void> {
  await insertRows(db, 'prospect_moves', COLUMNS, moves.map((m) => [newId(), userId, m.prospectId, m.fromListId, toListId, at]));
}

export function movesOfProspect(db: Db, userId: string, prospectId: string) {
  return db
    .selectFrom('prospect_moves')
    .select(['from_list_id', 'to_list_id', 'created_at'])
    .where('user_id', '=', userId)
    .where('prospect_id', '=', prospectId)
    .orderBy('id')
    .limit(200)
    .execute();
}
