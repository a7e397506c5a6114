import { PAGE_LIMIT } from '@hookline/contract';
import { z } from '@hookline/config';
import type { commonV1 } from '@hookline/proto';

export const DEFAULT_PAGE_LIMIT = PAGE_LIMIT.default;
export const MAX_PAGE_LIMIT = PAGE_LIMIT.max;

/** The query fields of every list route; spread into a route's query schema. */
export const pageQueryFields = {
  limit: z.coerce
    .number()
    .int()
    .min(PAGE_LIMIT.min)
    .max(MAX_PAGE_LIMIT)
    .default(DEFAULT_PAGE_LIMIT)
    .describe(`Page size, 1–${MAX_PAGE_LIMIT}.`),
  cursor: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[A-Za-z0-9_\-=.~]+$/, 'must be a cursor returned by a previous page')
    .optional()
    .describe('Opaque cursor from `next_cursor` or `prev_cursor` of a previous page.'),
};

export interface ListBody<T> {
  object: 'list';
  data: T[];
  next_cursor: string | null;
  prev_cursor: string | null;
}

/** The backing service's page request for a validated list query. */
export function pageRequest(query: { limit: number; cursor?: string }): commonV1.PageRequest {
  return { limit: query.limit, cursor: query.cursor ?? '' };
}

/** `{"object":"list","data":[…],"next_cursor","prev_cursor"}`; absent cursors are null. */
export function listBody<T>(data: T[], page?: commonV1.PageInfo): ListBody<T> {
  return { object: 'list', data, next_cursor: page?.nextCursor || null, prev_cursor: page?.prevCursor || null };
}

/** The OpenAPI shape of a list of `item`, named `<Item>List` when the item is named (`WebhookList`). */
export function listSchema(item: z.ZodType) {
  const list = z.object({
    object: z.literal('list'),
    data: z.array(item),
    next_cursor: z.string().nullable(),
    prev_cursor: z.string().nullable(),
  });
  const itemName = z.globalRegistry.get(item)?.id;
  if (!itemName) return list;
  // Several routes list the same resource: one named list schema for all of them.
  const name = `${itemName}List`;
  namedLists[name] ??= list.meta({ id: name });
  return namedLists[name];
}

const namedLists: Record<string, z.ZodType> = {};
