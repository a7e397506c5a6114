import { INTERVAL_RANGE_SECONDS, LIMIT_INVALID, PAGE_LIMIT, parseInterval, parsePageLimit, parseTimestamp, requirePageLimit } from './parameters';

describe('parseTimestamp', () => {
  it.each(['2026-01-01T14:30:02Z', '2026-01-01T14:30:02.123456Z', '2026-02-28T23:59:59+02:00', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z'])(
    'accepts %s',
    (text) => expect(parseTimestamp(text)?.toISOString()).toBe(new Date(text).toISOString()),
  );

  it.each([
    '-271821-04-20T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '275760-09-13T00:00:00Z',
    'Tue, 01 Jan 2030 00:00:00 GMT',
    '2026-02-31T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:00:00',
    '2026-01-01',
    '1969-12-31T23:59:59Z',
    '2026-01-01T00:00:00+25:00',
    '',
    '2026-01-01T00:00:00Z\u0000',
  ])('refuses %j', (text) => expect(parseTimestamp(text)).toBeUndefined());
});

describe('parseInterval', () => {
  it('reads a number and a unit as seconds', () => {
    expect(parseInterval('5m')).toBe(300);
    expect(parseInterval('1h')).toBe(3600);
    expect(parseInterval('366d')).toBe(INTERVAL_RANGE_SECONDS.max);
  });

  it.each(['24856d', '367d', '0s', '1w', '-1h', '1.5h', ' 1h', '99999999999s'])('refuses %j', (text) => expect(parseInterval(text)).toBeUndefined());
});

describe('parsePageLimit', () => {
  it('defaults 0 and accepts the range', () => {
    expect(parsePageLimit(0)).toBe(PAGE_LIMIT.default);
    expect(parsePageLimit(1)).toBe(1);
    expect(parsePageLimit(100)).toBe(100);
  });

  it.each([-1, 101, 1.5, Number.NaN, 2 ** 31])('refuses %p', (limit) => expect(parsePageLimit(limit)).toBeUndefined());
});

describe('requirePageLimit', () => {
  it('passes a page size in range through, the default for 0', () => {
    expect(requirePageLimit(0)).toBe(PAGE_LIMIT.default);
    expect(requirePageLimit(50, 50)).toBe(50);
  });

  it.each([-1, 101, 1.5, Number.NaN])('refuses %p as limit_invalid on param limit', (limit) => {
    expect(() => requirePageLimit(limit)).toThrow(expect.objectContaining({ kind: 'input', code: LIMIT_INVALID, param: 'limit' }));
  });

  it('refuses a page size over a list’s own lower maximum', () => {
    expect(() => requirePageLimit(51, 50)).toThrow(expect.objectContaining({ code: LIMIT_INVALID }));
  });
});
