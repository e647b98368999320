import { Type, type Static } from '@sinclair/typebox';
import { PageOf } from './page.js';

// Tags and notes on prospects (docs/v1.md#tags-and-notes).

const TagNameText = Type.String({ maxLength: 200, description: 'trimmed; 1-50 characters, no control, zero-width or bidi characters; case is ignored when comparing' });
export const TagNames = Type.Array(TagNameText, { maxItems: 50 });

export const ProspectTags = Type.Object(
  { tags: Type.Array(Type.String(), { description: "the prospect's tags, in name order (case ignored)" }) },
  { examples: [{ tags: ['Event 2026', 'VIP'] }] },
);
export type ProspectTags = Static<typeof ProspectTags>;

export const ProspectTagsReplace = Type.Object({ tags: TagNames }, { additionalProperties: false, examples: [{ tags: ['VIP', 'Event 2026'] }] });
export type ProspectTagsReplace = Static<typeof ProspectTagsReplace>;

export const ProspectTagsChange = Type.Object(
  { add: Type.Optional(TagNames), remove: Type.Optional(TagNames) },
  { additionalProperties: false, description: 'a name in both is added', examples: [{ add: ['VIP'], remove: ['Cold'] }] },
);
export type ProspectTagsChange = Static<typeof ProspectTagsChange>;

export const TagItem = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prospects: Type.Integer({ description: 'how many of your prospects carry it, exactly' }),
    createdAt: Type.String(),
  },
  { examples: [{ id: '6750a1f2c3d4e5f6a7b8c9c1', name: 'VIP', prospects: 42, createdAt: '2026-12-03T09:00:00.000Z' }] },
);
export type TagItem = Static<typeof TagItem>;

export const TagPage = PageOf(TagItem);
export type TagPage = Static<typeof TagPage>;

export const MAX_NOTE_LENGTH = 5000;

export const NoteAuthor = Type.Object({
  kind: Type.Union([Type.Literal('person'), Type.Literal('key')], { description: 'person: written in the web app; key: through an API key' }),
  name: Type.String({ description: "the person's or the key's name when the note was written" }),
});

export const Note = Type.Object(
  {
    id: Type.String(),
    prospectId: Type.String(),
    body: Type.String(),
    author: NoteAuthor,
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  {
    examples: [
      {
        id: '6750a1f2c3d4e5f6a7b8c9d5',
        prospectId: '6750a1f2c3d4e5f6a7b8c9d0',
        body: 'Met at the fair; call back in January.',
        author: { kind: 'person', name: 'Ada' },
        createdAt: '2026-12-03T09:00:00.000Z',
        updatedAt: '2026-12-03T09:00:00.000Z',
      },
    ],
  },
);
export type Note = Static<typeof Note>;

export const NotePage = PageOf(Note);
export type NotePage = Static<typeof NotePage>;

const NoteBody = Type.String({ maxLength: 20000, description: `trimmed; 1-${MAX_NOTE_LENGTH} characters, line breaks kept` });

export const NewNote = Type.Object({ body: NoteBody }, { additionalProperties: false, examples: [{ body: 'Met at the fair; call back in January.' }] });
export type NewNote = Static<typeof NewNote>;

export const NoteIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), noteId: Type.String({ minLength: 1, maxLength: 64 }) });
