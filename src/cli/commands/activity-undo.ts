import { ApiProblem } from '../../problems.js';
import { requireUser, UserFacingError } from '../../services/accounts.js';
import { undoImports, type UndoResult } from '../../services/undo-import.js';
import { requireString, type Command } from '../command.js';

// Undo of one import (docs/v1.md#undo-an-import), for an operator acting on a user's behalf.

export const activityUndo: Command = {
  name: 'activity undo',
  summary: 'Undo an import (by its activity id) where nothing changed it since; --dry-run only says what it would do',
  usage: 'activity undo --user EMAIL --id ACTIVITY_ID [--dry-run]',
  options: { user: { type: 'string' }, id: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  async run({ database, values, config }) {
    const opened = await database();
    const user = await requireUser(opened.db, requireString(values, 'user'));
    const id = requireString(values, 'id');
    try {
      return { id, ...(await undoImports(opened, user.id, [id], { dryRun: values['dry-run'] === true, windowDays: config.undoWindowDays })) };
    } catch (error) {
      if (error instanceof ApiProblem && error.status < 500) throw new UserFacingError(error.detail);
      throw error;
    }
  },
  human: ({ dryRun, counts, notUndone }: UndoResult) =>
    [
      `${dryRun ? 'would undo' : 'undone'}: ${counts.removed} prospect(s) removed, ${counts.movedBack} moved back, ${counts.restored} restored, ${counts.unenrolled} enrolment(s) removed; ${counts.notUndone} change(s) left as they are`,
      ...notUndone.map((r) => `  #${r.position === null ? '-' : r.position + 1} ${r.prospectId} ${r.change}: ${r.message}`),
    ].join('\n'),
};
