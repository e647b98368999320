import { newId } from '../ids.js';
import type { Db } from './db.js';
import { chunk } from './time.js';

/** Records moves made in the web app, so a prospect's history shows them. */
export async function recordMoves(db: Db, userId: string, moves: readonly { prospectId: string; fromListId: string }[], toListId: string, at: string): Promise<void> {
  for (const part of chunk(moves, 500)) {
    await db
      .insertInto('prospect_moves')
      .values(part.map((m) => ({ id: newId(), user_id: userId, prospect_id: m.prospectId, from_list_id: m.fromListId, to_list_id: toListId, created_at: at })))
      .execute();
  }
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
