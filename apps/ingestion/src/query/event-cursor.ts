import { InputError } from '@hookline/errors';
import type { EventPosition } from '../db/event-archive';

/** Where a page starts: strictly older (`next`) or newer (`prev`) than a known event. */
export interface EventCursor {
  direction: 'next' | 'prev';
  position: EventPosition;
}

/** Opaque to clients: base64url of the direction and the (time, id) keyset position. */
export function encodeCursor(cursor: EventCursor): string {
  return Buffer.from(JSON.stringify([cursor.direction === 'next' ? 'n' : 'p', cursor.position.time, cursor.position.id])).toString('base64url');
}

export function decodeCursor(raw: string): EventCursor {
  const invalid = () => new InputError('cursor is not one this API returned', { param: 'cursor', code: 'invalid_cursor' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [direction, time, id] = parsed as unknown[];
  if ((direction !== 'n' && direction !== 'p') || typeof time !== 'string' || typeof id !== 'string') throw invalid();
  if (Number.isNaN(Date.parse(time)) || !id.startsWith('evt_')) throw invalid();
  return { direction: direction === 'n' ? 'next' : 'prev', position: { time, id } };
}
