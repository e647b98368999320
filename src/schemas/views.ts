import { Type, type Static } from '@sinclair/typebox';
import { PageOf } from './page.js';
import { ProspectFilter } from './prospects.js';

// /v1/views (docs/v1.md#saved-views): a user's saved views of the prospect table.

/** The table's choices a view keeps: the columns shown, in order, and the page size. */
export const TableSettings = Type.Object(
  {
    columns: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { maxItems: 60, description: 'column keys in order: built-in ones (name, company, …) or "var:<label>" for a custom variable' }),
    ),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type TableSettings = Static<typeof TableSettings>;

const EXAMPLE = {
  id: '6750a1f2c3d4e5f6a7b8c9f0',
  name: 'Paris founders with an email',
  filter: { listId: '6750a1f2c3d4e5f6a7b8c9aa', hasEmail: true, enrolment: 'none' },
  table: { columns: ['name', 'company', 'email', 'var:source'], pageSize: 50 },
  createdAt: '2026-12-03T09:00:00.000Z',
  updatedAt: '2026-12-03T09:00:00.000Z',
};

export const SavedView = Type.Object(
  { id: Type.String(), name: Type.String(), filter: ProspectFilter, table: TableSettings, createdAt: Type.String(), updatedAt: Type.String() },
  { examples: [EXAMPLE] },
);
export type SavedView = Static<typeof SavedView>;

export const SavedViewPage = PageOf(SavedView);
export type SavedViewPage = Static<typeof SavedViewPage>;

const Name = Type.String({ minLength: 1, maxLength: 100, description: 'trimmed; unique among your views' });

export const NewViewRequest = Type.Object(
  { name: Name, filter: ProspectFilter, table: Type.Optional(TableSettings) },
  { additionalProperties: false, examples: [{ name: EXAMPLE.name, filter: EXAMPLE.filter, table: EXAMPLE.table }] },
);
export type NewViewRequest = Static<typeof NewViewRequest>;

export const ViewChanges = Type.Object(
  { name: Type.Optional(Name), filter: Type.Optional(ProspectFilter), table: Type.Optional(TableSettings) },
  { additionalProperties: false, minProperties: 1, examples: [{ name: 'Paris founders' }] },
);
export type ViewChanges = Static<typeof ViewChanges>;
