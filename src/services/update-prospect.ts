import { mergeProfile, mergeVariables, normalizeProfile, normalizeVariables } from '../engine/profile.js';
import { ApiProblem } from '../problems.js';
import type { ProspectChanges } from '../schemas/prospects.js';
import { findProspect } from '../store/app-prospects.js';
import type { Database } from '../store/database.js';
import { stateOfRow, updateProspects } from '../store/prospects.js';
import { nowIso } from '../store/time.js';
import { recordEvent } from '../store/events.js';
import { inTransaction } from '../store/transaction.js';
import { lockCrm } from '../store/users.js';
import { moveOwned } from './manage-prospects.js';

/**
 * PATCH /v1/prospects/:id (docs/v1.md#prospects): profile fields and custom variables merged with the
 * import's rule (docs/api.md#profile-data: fill empty fields, or replace them with `overwrite`), then a
 * move to another list with the app's rule (a profile stays once per list: 409 when it is already
 * there). One transaction under the CRM lock: a refused move leaves the profile untouched too.
 */
export async function updateProspect(database: Database, userId: string, id: string, changes: ProspectChanges): Promise<void> {
  await inTransaction(database, async (trx) => {
    await lockCrm(trx, userId, null);
    const row = await findProspect(trx, userId, id);
    if (!row) throw new ApiProblem('R000404-001', `no prospect "${id}" in your CRM`);
    const state = stateOfRow(row);
    const overwrite = changes.overwrite ?? false;
    const profileChanged = mergeProfile(state.profile, normalizeProfile(changes.profile), overwrite);
    const variablesChanged = mergeVariables(state.variables, normalizeVariables(changes.customVariables), overwrite);
    if (profileChanged || variablesChanged) {
      await updateProspects(trx, userId, [state], nowIso());
      await recordEvent(trx, userId, 'prospect.updated', { prospectId: id, listId: row.list_id, origin: 'api' });
    }
    if (changes.listId !== undefined && changes.listId !== row.list_id) {
      const { moved } = await moveOwned(trx, userId, [id], changes.listId);
      if (moved === 0) throw new ApiProblem('R000409-001', 'this profile is already in that list (as this prospect or a copy of it)');
    }
  });
}
