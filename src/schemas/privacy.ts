import { Type, type Static } from '@sinclair/typebox';
import { PageOf } from './page.js';

// Erasure, do-not-contact and access (docs/v1.md#privacy-erasure-do-not-contact-access).

const ProspectId = Type.String({ minLength: 1, maxLength: 64, description: 'any prospect of the person in your CRM' });
const PersonUrl = Type.String({ minLength: 1, maxLength: 2048, description: 'any LinkedIn URL of the person (every shape of docs/api.md#linkedin-urls)' });

/** Exactly one of the two (checked by personRefOf: a union would answer both errors at once). */
export const ErasureRequest = Type.Object(
  { prospectId: Type.Optional(ProspectId), url: Type.Optional(PersonUrl) },
  { additionalProperties: false, examples: [{ url: 'https://www.linkedin.com/in/jane-doe' }, { prospectId: '656f1c2a9b1e8a0012345679' }] },
);
export type ErasureRequest = Static<typeof ErasureRequest>;

export const ErasureAnswer = Type.Object(
  {
    erased: Type.Object({
      prospects: Type.Integer({ description: 'copies of the person deleted from your CRM' }),
      enrolments: Type.Integer(),
      activityItems: Type.Integer({ description: 'their items in the activity feed, redacted (codes kept)' }),
      idempotencyAnswers: Type.Integer({ description: 'stored Idempotency-Key answers redacted or deleted' }),
      notes: Type.Integer({ description: 'notes on their copies, deleted with them, and notes on other prospects that named them, redacted' }),
    }),
    tombstones: Type.Integer({ description: 'salted hashes kept so a later import answers profile_deleted' }),
  },
  { examples: [{ erased: { prospects: 2, enrolments: 1, activityItems: 3, idempotencyAnswers: 1, notes: 1 }, tombstones: 1 }] },
);
export type ErasureAnswer = Static<typeof ErasureAnswer>;

/** One entry of the audit log (docs/v1.md#privacy-erasure-do-not-contact-access): what was done, and counts; never whom. */
export const AuditEntry = Type.Object(
  {
    id: Type.String(),
    action: Type.Literal('person.erased'),
    counts: Type.Record(Type.String(), Type.Integer(), { description: 'the erasure answer\'s counts, with its tombstones' }),
    createdAt: Type.String(),
  },
  { examples: [{ id: '6750a1f2c3d4e5f6a7b8c9d0', action: 'person.erased', counts: { prospects: 2, enrolments: 1, activityItems: 3, idempotencyAnswers: 1, tombstones: 1 }, createdAt: '2026-12-03T08:00:00.000Z' }] },
);
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = PageOf(AuditEntry);
export type AuditPage = Static<typeof AuditPage>;

export const DoNotContactRequest = Type.Object({ doNotContact: Type.Boolean() }, { additionalProperties: false, examples: [{ doNotContact: true }] });
export type DoNotContactRequest = Static<typeof DoNotContactRequest>;

export const ProspectDoNotContact = Type.Object(
  {
    doNotContact: Type.Boolean(),
    prospects: Type.Integer({ description: 'copies of the person the mark applies to' }),
  },
  { examples: [{ doNotContact: true, prospects: 2 }] },
);
export type ProspectDoNotContact = Static<typeof ProspectDoNotContact>;

export const ListDoNotContact = Type.Object({ listId: Type.String(), doNotContact: Type.Boolean() }, { examples: [{ listId: '656f1c2a9b1e8a0012345678', doNotContact: true }] });
export type ListDoNotContact = Static<typeof ListDoNotContact>;

export const DoNotContactLists = Type.Object({ listIds: Type.Array(Type.String()) }, { examples: [{ listIds: ['656f1c2a9b1e8a0012345678'] }] });
export type DoNotContactLists = Static<typeof DoNotContactLists>;

export const PersonExportQuery = Type.Object({ url: Type.Optional(PersonUrl), prospectId: Type.Optional(ProspectId) }, { additionalProperties: false });

const ExportedCopy = Type.Object({
  id: Type.String(),
  listId: Type.String(),
  listName: Type.Union([Type.String(), Type.Null()]),
  linkedinUrl: Type.String(),
  profile: Type.Object({}, { additionalProperties: true }),
  customVariables: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
  origin: Type.String(),
  duplicateOf: Type.Union([Type.String(), Type.Null()]),
  doNotContact: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  enrolments: Type.Array(
    Type.Object({
      campaignId: Type.String(),
      campaignName: Type.String(),
      active: Type.Boolean(),
      createdAt: Type.String(),
      steps: Type.Array(Type.Object({ type: Type.String(), note: Type.Union([Type.String(), Type.Null()]), occurredAt: Type.String() }), { description: "what the campaign's executor reported, notes included" }),
    }),
  ),
  moves: Type.Array(Type.Object({ fromListId: Type.String(), toListId: Type.String(), createdAt: Type.String() })),
  tags: Type.Array(Type.String()),
  notes: Type.Array(Type.Object({ body: Type.String(), authorName: Type.String(), createdAt: Type.String(), updatedAt: Type.String() })),
  imports: Type.Array(
    Type.Object({
      activityId: Type.String(),
      listId: Type.String(),
      importCode: Type.String(),
      addToCampaignCode: Type.Union([Type.String(), Type.Null()]),
      createdAt: Type.String(),
    }),
  ),
});

export const PersonExport = Type.Object(
  {
    identity: Type.Object({ kind: Type.String(), value: Type.String(), linkedinUrl: Type.String() }),
    copies: Type.Array(ExportedCopy),
  },
  {
    examples: [
      {
        identity: { kind: 'publicIdentifier', value: 'jane-doe', linkedinUrl: 'https://www.linkedin.com/in/jane-doe' },
        copies: [
          {
            id: '656f1c2a9b1e8a0012345679',
            listId: '656f1c2a9b1e8a0012345678',
            listName: 'Leads',
            linkedinUrl: 'https://www.linkedin.com/in/jane-doe',
            profile: { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com' },
            customVariables: [{ label: 'source', value: 'fair' }],
            origin: 'n8n',
            duplicateOf: null,
            doNotContact: false,
            createdAt: '2026-12-02T10:00:00.000Z',
            updatedAt: '2026-12-02T10:00:00.000Z',
            enrolments: [{ campaignId: '656f1c2a9b1e8a001234567a', campaignName: 'Outreach', active: true, createdAt: '2026-12-02T10:00:00.000Z', steps: [{ type: 'invitation_sent', note: null, occurredAt: '2026-12-02T11:00:00.000Z' }] }],
            moves: [],
            tags: ['VIP'],
            notes: [{ body: 'Met at the fair.', authorName: 'Ada', createdAt: '2026-12-02T11:00:00.000Z', updatedAt: '2026-12-02T11:00:00.000Z' }],
            imports: [{ activityId: '656f1c2a9b1e8a001234567b', listId: '656f1c2a9b1e8a0012345678', importCode: 'success', addToCampaignCode: 'success', createdAt: '2026-12-02T10:00:00.000Z' }],
          },
        ],
      },
    ],
  },
);
export type PersonExport = Static<typeof PersonExport>;
