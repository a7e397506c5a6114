import { randomBytes } from 'node:crypto';
import { createCursorSeal } from './cursor-seal';
import { decodeCursor, encodeCursor, isTimeIdKey } from './page-cursor';

const seal = createCursorSeal(randomBytes(32));
const inner = encodeCursor({ direction: 'next', key: ['2026-01-01T00:00:00.123Z', 'wh_01kd'] });

describe('sealed cursors', () => {
  it('open to the inner cursor for the list they were sealed for', () => {
    const token = seal.seal(inner, 'webhook.list org_1');
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(seal.open(token, 'webhook.list org_1')).toBe(inner);
  });

  it('refuse a token that differs from a sealed one only in the spare bits of a last character', () => {
    for (let i = 0; i < 64; i++) {
      const token = seal.seal(`${inner}${i}`, 'webhook.list org_1');
      const [body, mac] = token.split('.');
      const spare = (text: string) => text.slice(0, -1) + String.fromCharCode(text.charCodeAt(text.length - 1) ^ 1);
      expect(() => seal.open(`${body}.${spare(mac)}`, 'webhook.list org_1')).toThrow(expect.objectContaining({ code: 'cursor_invalid' }));
      expect(() => seal.open(`${spare(body)}.${mac}`, 'webhook.list org_1')).toThrow(expect.objectContaining({ code: 'cursor_invalid' }));
    }
  });

  it('refuse forged, altered, foreign and other-list tokens with cursor_invalid', () => {
    const token = seal.seal(inner, 'webhook.list org_1');
    const [body, mac] = token.split('.');
    const forged = [
      inner,
      `${Buffer.from(JSON.stringify(['n', '1', 'x'])).toString('base64url')}.${mac}`,
      `${body.slice(0, -1)}${body.endsWith('A') ? 'B' : 'A'}.${mac}`,
      `${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `${body}\u0000.${mac}`,
      createCursorSeal(randomBytes(32)).seal(inner, 'webhook.list org_1'),
      '',
      '.',
    ];
    for (const raw of forged) expect(() => seal.open(raw, 'webhook.list org_1')).toThrow(expect.objectContaining({ code: 'cursor_invalid' }));
    expect(() => seal.open(token, 'webhook.list org_2')).toThrow(expect.objectContaining({ code: 'cursor_invalid' }));
    expect(() => seal.open(token, 'event.list org_1')).toThrow(expect.objectContaining({ code: 'cursor_invalid' }));
  });
});

describe('time and id keys', () => {
  it.each([
    ['n', '1', 'x'],
    ['n', '+275760-09-13T00:00:00.000Z', 'wh_1'],
    ['n', '-271821-04-20T00:00:00.000Z', 'wh_1'],
    ['n', 'Tue, 01 Jan 2030 00:00:00 GMT', 'wh_1'],
    ['n', '2026-01-01T00:00:00.000Z', 'wh_1\u0000'],
    ['n', '2026-01-01T00:00:00.000Z', ''],
  ])('refuse a key the services never write: %j', (...cursor) => {
    const raw = Buffer.from(JSON.stringify(cursor)).toString('base64url');
    expect(() => decodeCursor(raw, isTimeIdKey)).toThrow(expect.objectContaining({ code: 'cursor_invalid' }));
  });

  it('read the microsecond times the dispatcher writes', () => {
    const raw = encodeCursor({ direction: 'prev', key: ['2026-01-01T00:00:00.123456Z', 'del_01kd'] });
    expect(decodeCursor(raw, isTimeIdKey).key).toEqual(['2026-01-01T00:00:00.123456Z', 'del_01kd']);
  });

  it('refuse base64 with characters outside the alphabet', () => {
    const raw = encodeCursor({ direction: 'next', key: ['2026-01-01T00:00:00.123Z', 'wh_01kd'] });
    expect(() => decodeCursor(`${raw.slice(0, 4)}\u0000${raw.slice(4)}`, isTimeIdKey)).toThrow(expect.objectContaining({ code: 'cursor_invalid' }));
  });
});
