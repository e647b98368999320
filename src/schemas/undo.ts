import { Type, type Static } from '@sinclair/typebox';

// Undo of an import (docs/v1.md#undo-an-import): what it did is reverted where nothing changed it
// since; what could not be is listed with the reason.

export const UNDO_CHANGES = ['created', 'moved', 'updated', 'enrolled'] as const;
export type UndoChange = (typeof UNDO_CHANGES)[number];

export const UNDO_REASONS = [
  'prospect_deleted',
  'prospect_changed',
  'enrolled_since',
  'list_deleted',
  'already_in_list',
  'enrolment_removed',
  'enrolment_changed',
] as const;
export type UndoReason = (typeof UNDO_REASONS)[number];

export const UndoCounts = Type.Object({
  removed: Type.Integer({ description: 'prospects the import created, now deleted' }),
  movedBack: Type.Integer({ description: 'prospects the import moved, back in their list' }),
  restored: Type.Integer({ description: 'prospects whose profile fields or variables the import changed, back to their values before' }),
  unenrolled: Type.Integer({ description: 'enrolments the import made, now removed' }),
  notUndone: Type.Integer({ description: 'changes that could not be undone (the rows of notUndone)' }),
});
export type UndoCounts = Static<typeof UndoCounts>;

export const NotUndone = Type.Object({
  activityId: Type.String(),
  position: Type.Union([Type.Integer(), Type.Null()], { description: "the prospect's place in the import (its outcomes' position); null once erased" }),
  prospectId: Type.String(),
  change: Type.Union(
    UNDO_CHANGES.map((c) => Type.Literal(c)),
    { description: 'what the import did to the prospect' },
  ),
  reason: Type.Union(
    UNDO_REASONS.map((r) => Type.Literal(r)),
    { description: 'why it was left as it is' },
  ),
  message: Type.String(),
});
export type NotUndone = Static<typeof NotUndone>;

export const UndoAnswer = Type.Object(
  {
    activityId: Type.String(),
    dryRun: Type.Boolean(),
    revertedAt: Type.Union([Type.String(), Type.Null()], { description: 'when the undo was made; null for a dry run' }),
    counts: UndoCounts,
    notUndone: Type.Array(NotUndone),
  },
  {
    examples: [
      {
        activityId: '6750b3d4e4b0f1a2b3c4d700',
        dryRun: false,
        revertedAt: '2026-12-03T09:00:00.000Z',
        counts: { removed: 980, movedBack: 12, restored: 5, unenrolled: 990, notUndone: 1 },
        notUndone: [
          {
            activityId: '6750b3d4e4b0f1a2b3c4d700',
            position: 17,
            prospectId: '6750a1c2e4b0f1a2b3c4d600',
            change: 'created',
            reason: 'prospect_changed',
            message: 'the prospect was changed after the import; it was kept',
          },
        ],
      },
    ],
  },
);
export type UndoAnswer = Static<typeof UndoAnswer>;

/** POST /v1/imports/:id/undo: the undo of every import request an import job wrote, as one. */
export const JobUndoAnswer = Type.Object(
  {
    jobId: Type.String(),
    dryRun: Type.Boolean(),
    revertedAt: Type.Union([Type.String(), Type.Null()], { description: 'when the undo was made; null for a dry run' }),
    counts: UndoCounts,
    notUndone: Type.Array(NotUndone, { description: 'each names the activity entry (one per chunk of the job) and the position in it' }),
  },
  {
    examples: [
      {
        jobId: '6750b3d4e4b0f1a2b3c4d900',
        dryRun: false,
        revertedAt: '2026-12-03T09:00:00.000Z',
        counts: { removed: 249_980, movedBack: 12, restored: 5, unenrolled: 0, notUndone: 1 },
        notUndone: [
          {
            activityId: '6750b3d4e4b0f1a2b3c4d701',
            position: 17,
            prospectId: '6750a1c2e4b0f1a2b3c4d600',
            change: 'created',
            reason: 'prospect_changed',
            message: 'the prospect was changed after the import; it was kept',
          },
        ],
      },
    ],
  },
);
export type JobUndoAnswer = Static<typeof JobUndoAnswer>;

export const UndoQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ description: 'true: answer what would be undone, change nothing' })),
});
export type UndoQuery = Static<typeof UndoQuery>;
