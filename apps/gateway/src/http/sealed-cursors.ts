import type { CursorSeal } from '@hookline/ids';
import type { Actor } from '../auth/actor';
import type { RouteDefinition, RouteResult } from './route';

/**
 * Cursors clients hold are sealed by the gateway (a MAC with a key derived from the master key),
 * bound to the list and the organization they came from. A forged, altered or foreign cursor is a
 * 400 `cursor_invalid` here, before validation; the services only ever see cursors they wrote.
 */
export function cursorList(route: Pick<RouteDefinition, 'action'>, actor: Actor): string {
  return `${route.action} ${actor.orgId || actor.kind}`;
}

/** The query with its `cursor` (when one string) replaced by the inner cursor it seals. */
export function openCursor(query: Record<string, unknown>, seal: CursorSeal, list: string): Record<string, unknown> {
  if (typeof query.cursor !== 'string' || query.cursor === '') return query;
  return { ...query, cursor: seal.open(query.cursor, list) };
}

/** A list answer with its `next_cursor` / `prev_cursor` sealed for the list. */
export function sealCursors(result: RouteResult, seal: CursorSeal, list: string): RouteResult {
  const body = result.body as { object?: unknown; next_cursor?: unknown; prev_cursor?: unknown } | undefined;
  if (!body || body.object !== 'list') return result;
  const sealed = (cursor: unknown) => (typeof cursor === 'string' && cursor !== '' ? seal.seal(cursor, list) : cursor);
  return { ...result, body: { ...body, next_cursor: sealed(body.next_cursor), prev_cursor: sealed(body.prev_cursor) } };
}
