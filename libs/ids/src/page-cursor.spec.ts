import { decodeCursor, encodeCursor, isTimeIdKey } from './page-cursor';

const isSequence = (key: readonly unknown[]): key is readonly [number] => key.length === 1 && Number.isSafeInteger(key[0]);

describe('page cursors', () => {
  it('round-trip the direction and the key, and are URL-safe', () => {
    const cursor = { direction: 'prev', key: ['2026-01-01T00:00:00.123Z', 'wh_01kd'] } as const;
    const raw = encodeCursor(cursor);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw, isTimeIdKey)).toEqual(cursor);
    expect(decodeCursor(encodeCursor({ direction: 'next', key: [42] }), isSequence)).toEqual({ direction: 'next', key: [42] });
  });

  it('refuse anything this API did not hand out with cursor_invalid', () => {
    const refused = [
      'not a cursor',
      Buffer.from('{"d":"n","s":3}').toString('base64url'),
      Buffer.from('["x",1]').toString('base64url'),
      encodeCursor({ direction: 'next', key: ['not a time', 'wh_1'] }),
      encodeCursor({ direction: 'next', key: [42] }),
    ];
    for (const raw of refused) {
      expect(() => decodeCursor(raw, isTimeIdKey)).toThrow(expect.objectContaining({ code: 'cursor_invalid', param: 'cursor' }));
    }
  });

  it('still read the events list cursors handed out before the formats were unified', () => {
    const earlier = Buffer.from(JSON.stringify(['n', '2026-01-01T00:00:00.000Z', 'evt_01KD0000000000000000000000'])).toString('base64url');
    expect(decodeCursor(earlier, isTimeIdKey)).toEqual({ direction: 'next', key: ['2026-01-01T00:00:00.000Z', 'evt_01KD0000000000000000000000'] });
  });
});
