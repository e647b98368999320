import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The one envelope of every /v1 list (docs/v1.md#pagination): `data` in a stable order, and
 * `nextCursor`, opaque, to pass as `?cursor=` for the page after (null on the last page).
 */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'pass as ?cursor= for the next page; null on the last one' }),
  });

/** Most items one page may hold; `limit` above it is refused, not clipped. */
export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=`: spread into a list route's querystring schema (`Type.Object({...PageQueryFields, …})`). */
export const PageQueryFields = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50, description: `items per page, at most ${MAX_PAGE_SIZE}` })),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'the nextCursor of the previous page' })),
};
export type PageQuery = Static<ReturnType<typeof Type.Object<typeof PageQueryFields>>>;
