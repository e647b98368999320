import { ApiProblem } from '../problems.js';
import type { Db } from '../store/db.js';

/**
 * Names of lists, campaigns and API keys are unique per user (docs/v1.md#names), compared as people
 * read them: after the display-name check (src/engine/display-name.ts: trimmed, nothing hidden), in
 * NFC and without regard to case, so "Founders" and " founders" are one name. A revoked key's name is
 * free again. A taken name is a 409 naming the field and the resource that holds it.
 */
export type NamedResource = 'list' | 'campaign' | 'key';

const WORD = { list: 'list', campaign: 'campaign', key: 'API key' } as const;

function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Refuses `name` when another of the user's resources of this kind has it (`exceptId`: the one being renamed). */
export async function refuseTakenName(db: Db, userId: string, resource: NamedResource, name: string, exceptId?: string): Promise<void> {
  const wanted = nameKey(name);
  const taken = (await namesOf(db, userId, resource)).find((row) => row.id !== exceptId && nameKey(row.name) === wanted);
  if (!taken) return;
  const message = `another ${WORD[resource]} of yours is already named “${taken.name}”; choose another name`;
  throw new ApiProblem('R000409-060', message, {
    field: 'name',
    existing: { id: taken.id, name: taken.name },
    errors: [{ path: '/name', message }],
  });
}

/** A user holds few of each: their names are read whole and compared here (SQLite's lower() knows ASCII only). */
function namesOf(db: Db, userId: string, resource: NamedResource): Promise<{ id: string; name: string }[]> {
  if (resource === 'list') return db.selectFrom('prospect_lists').select(['id', 'name']).where('user_id', '=', userId).execute();
  if (resource === 'campaign') return db.selectFrom('campaigns').select(['id', 'name']).where('user_id', '=', userId).execute();
  return db.selectFrom('api_keys').select(['id', 'name']).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
