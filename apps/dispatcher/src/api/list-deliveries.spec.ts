import { InputError } from '@hookline/errors';
import { decodeCursor, encodeCursor, isTimeIdKey } from '@hookline/ids';
import type { Pool } from 'pg';
import { listDeliveries } from './list-deliveries';

const ORG = 'org_cursor';

/** A delivery row as `selectDeliveries` reads it, created at `time` (microsecond ISO). */
function row(id: string, time: string) {
  return {
    id,
    org_id: ORG,
    webhook_id: 'wh_1',
    event_id: 'evt_1',
    event_type: 'transfer.completed',
    status: 'delivered',
    attempt_count: 1,
    last_attempt_at: null,
    next_attempt_at: null,
    response_status: 200,
    is_test: false,
    created_at: new Date(time),
    cursor_time: time,
  };
}

/** A pool answering every query with `rows`, remembering the parameters it was asked with. */
function poolReturning(rows: ReturnType<typeof row>[]) {
  const calls: { sql: string; params: unknown[] }[] = [];
  const pool = {
    query: async (sql: string, params: unknown[]) => {
      calls.push({ sql, params });
      return { rows };
    },
  } as unknown as Pool;
  return { pool, calls };
}

const NEWER = row('del_b', '2024-05-01T10:00:00.000002Z');
const OLDER = row('del_a', '2024-05-01T10:00:00.000001Z');
const OLDEST = row('del_0', '2024-05-01T09:00:00.000000Z');

describe('listDeliveries: pages of an org’s deliveries with the shared cursor format', () => {
  it('a first page that has older rows hands out a next cursor at its last delivery, and no previous one', async () => {
    const { pool } = poolReturning([NEWER, OLDER, OLDEST]);

    const page = await listDeliveries(pool, { orgId: ORG }, 2, '');

    expect(page.items.map((d) => d.id)).toEqual(['del_b', 'del_a']);
    expect(page.prevCursor).toBe('');
    expect(decodeCursor(page.nextCursor, isTimeIdKey)).toEqual({ direction: 'next', key: ['2024-05-01T10:00:00.000001Z', 'del_a'] });
  });

  it('a next cursor asks for rows older than its position, to the microsecond', async () => {
    const { pool, calls } = poolReturning([OLDEST]);
    const cursor = encodeCursor({ direction: 'next', key: ['2024-05-01T10:00:00.000001Z', 'del_a'] });

    const page = await listDeliveries(pool, { orgId: ORG }, 2, cursor);

    expect(calls[0].sql).toContain('(created_at, id) < (');
    expect(calls[0].params).toEqual([ORG, '2024-05-01T10:00:00.000001Z', 'del_a', 3]);
    expect(page.nextCursor).toBe('');
    expect(decodeCursor(page.prevCursor, isTimeIdKey)).toEqual({ direction: 'prev', key: ['2024-05-01T09:00:00.000000Z', 'del_0'] });
  });

  it('a previous cursor asks for newer rows and returns them newest first', async () => {
    // Going back the store reads oldest first from the position; the page shows newest first.
    const { pool, calls } = poolReturning([OLDER, NEWER]);
    const cursor = encodeCursor({ direction: 'prev', key: ['2024-05-01T09:00:00.000000Z', 'del_0'] });

    const page = await listDeliveries(pool, { orgId: ORG }, 2, cursor);

    expect(calls[0].sql).toContain('(created_at, id) > (');
    expect(page.items.map((d) => d.id)).toEqual(['del_b', 'del_a']);
    expect(page.prevCursor).toBe('');
    expect(decodeCursor(page.nextCursor, isTimeIdKey)).toEqual({ direction: 'next', key: ['2024-05-01T10:00:00.000001Z', 'del_a'] });
  });

  it('refuses a cursor in the dispatcher’s former format with cursor_invalid, like the other services', async () => {
    const { pool, calls } = poolReturning([]);
    const former = Buffer.from(JSON.stringify({ t: '2024-05-01T10:00:00.000001Z', i: 'del_a', d: 'n' })).toString('base64url');

    const refused = listDeliveries(pool, { orgId: ORG }, 2, former);

    await expect(refused).rejects.toBeInstanceOf(InputError);
    await expect(refused).rejects.toMatchObject({ code: 'cursor_invalid', param: 'cursor' });
    expect(calls).toHaveLength(0);
  });
});
