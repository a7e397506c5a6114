import { compileFilter, compileStoredFilter, FILTER_LIMITS, FilterError, parseFilter, type FilterableEvent } from './payload-filter';

const event = (overrides: Partial<FilterableEvent> & { data?: unknown } = {}): FilterableEvent => ({
  id: 'evt_1',
  type: 'transfer.completed',
  time: '2026-01-01T14:30:02Z',
  source: 'payments',
  group: 'transfer',
  isTest: false,
  data: { amount: 250, currency: 'USD', customer: { tier: 'gold', tags: ['vip'] }, note: null, items: [{ sku: 'A-1' }] },
  ...overrides,
});

const usd100 = event({ data: { amount: 100, currency: 'USD' } });
const eur50 = event({ type: 'transfer.failed', data: { amount: 50, currency: 'EUR' } });
const gbpBig = event({ id: 'evt_9', type: 'wallet.created', group: 'wallet', time: '2026-03-01T00:00:00Z', data: { amount: 5000, currency: 'GBP' } });
const textAmount = event({ data: { amount: '250', currency: 'USD' } });
const noData = event({ data: {} });

const events = { usd100, eur50, gbpBig, textAmount, noData, rich: event() };
type Name = keyof typeof events;

// Each filter, with exactly the events it accepts.
const table: [string, unknown, Name[]][] = [
  ['eq on data', { field: 'data.currency', eq: 'USD' }, ['usd100', 'textAmount', 'rich']],
  ['eq is type-strict', { field: 'data.amount', eq: 250 }, ['rich']],
  ['ne accepts a missing field', { field: 'data.currency', ne: 'USD' }, ['eur50', 'gbpBig', 'noData']],
  ['gt on numbers', { field: 'data.amount', gt: 100 }, ['gbpBig', 'rich']],
  ['gte on numbers', { field: 'data.amount', gte: 100 }, ['usd100', 'gbpBig', 'rich']],
  ['lt never matches a string against a number', { field: 'data.amount', lt: 1000 }, ['usd100', 'eur50', 'rich']],
  ['lte', { field: 'data.amount', lte: 50 }, ['eur50']],
  ['time ordered as RFC 3339 text', { field: 'time', gte: '2026-02-01T00:00:00Z' }, ['gbpBig']],
  ['timestamp is time', { field: 'timestamp', lt: '2026-02-01T00:00:00Z' }, ['usd100', 'eur50', 'textAmount', 'noData', 'rich']],
  ['in', { field: 'data.currency', in: ['EUR', 'GBP'] }, ['eur50', 'gbpBig']],
  ['nin accepts a missing field', { field: 'data.currency', nin: ['USD', 'EUR'] }, ['gbpBig', 'noData']],
  ['starts_with on the type', { field: 'type', starts_with: 'transfer.' }, ['usd100', 'eur50', 'textAmount', 'noData', 'rich']],
  ['group', { field: 'group', eq: 'wallet' }, ['gbpBig']],
  ['id', { field: 'id', eq: 'evt_9' }, ['gbpBig']],
  ['nested key', { field: 'data.customer.tier', eq: 'gold' }, ['rich']],
  ['array index', { field: 'data.items.0.sku', starts_with: 'A-' }, ['rich']],
  ['exists true counts a null value', { field: 'data.note', exists: true }, ['rich']],
  ['exists false', { field: 'data.currency', exists: false }, ['noData']],
  ['eq null', { field: 'data.note', eq: null }, ['rich']],
  ['is_test', { field: 'is_test', eq: false }, ['usd100', 'eur50', 'gbpBig', 'textAmount', 'noData', 'rich']],
  [
    'and',
    { and: [{ field: 'data.amount', gte: 100 }, { field: 'data.currency', in: ['USD', 'EUR'] }] },
    ['usd100', 'rich'],
  ],
  ['or', { or: [{ field: 'data.currency', eq: 'EUR' }, { field: 'type', eq: 'wallet.created' }] }, ['eur50', 'gbpBig']],
  ['not', { not: { field: 'data.currency', eq: 'USD' } }, ['eur50', 'gbpBig', 'noData']],
  [
    'nested boolean',
    { or: [{ and: [{ field: 'group', eq: 'transfer' }, { not: { field: 'data.amount', lt: 100 } }] }, { field: 'data.currency', eq: 'GBP' }] },
    ['usd100', 'textAmount', 'noData', 'gbpBig', 'rich'],
  ],
  ['a prototype key is not a field', { field: 'data.constructor', exists: true }, []],
];

describe('payload filter semantics (events × filters)', () => {
  it.each(table)('%s', (_name, filter, expected) => {
    const accepts = compileFilter(parseFilter(filter));
    const accepted = (Object.keys(events) as Name[]).filter((name) => accepts(events[name]));
    expect(accepted.sort()).toEqual([...expected].sort());
  });

  it('a stored filter compiles from its JSON text; an empty text is no filter', () => {
    expect(compileStoredFilter('')).toBeUndefined();
    expect(compileStoredFilter('{"field":"data.currency","eq":"EUR"}')!(eur50)).toBe(true);
    expect(compileStoredFilter('{"field":"data.currency","eq":"EUR"}')!(usd100)).toBe(false);
  });
});

describe('invalid filters name the part at fault', () => {
  const deep = (levels: number): unknown => (levels === 0 ? { field: 'type', eq: 'x' } : { not: deep(levels - 1) });
  const cases: [string, unknown, string, RegExp][] = [
    ['not an object', 'type=x', 'filter', /must be an object/],
    ['an array', [], 'filter', /must be an object/],
    ['no field', { eq: 1 }, 'filter', /must have "field"/],
    ['unknown operator', { field: 'type', like: 'x' }, 'filter.like', /unknown operator/],
    ['two operators', { field: 'type', eq: 'a', ne: 'b' }, 'filter', /exactly one operator/],
    ['no operator', { field: 'type' }, 'filter', /exactly one operator/],
    ['unknown envelope field', { field: 'colour', eq: 'red' }, 'filter.field', /unknown field/],
    ['key under a scalar field', { field: 'type.name', eq: 'x' }, 'filter.field', /unknown field/],
    ['empty data key', { field: 'data..amount', eq: 1 }, 'filter.field', /each key/],
    ['object operand', { field: 'data.a', eq: { b: 1 } }, 'filter.eq', /string, a number, a boolean or null/],
    ['gt on a boolean', { field: 'data.a', gt: true }, 'filter.gt', /number or a string/],
    ['empty in', { field: 'data.a', in: [] }, 'filter.in', /list of 1 to 100/],
    ['in with an object', { field: 'data.a', in: ['x', {}] }, 'filter.in[1]', /string, a number/],
    ['exists not boolean', { field: 'data.a', exists: 'yes' }, 'filter.exists', /true or false/],
    ['empty starts_with', { field: 'type', starts_with: '' }, 'filter.starts_with', /non-empty string/],
    ['bad item in and', { and: [{ field: 'type', eq: 'x' }, { field: 'type', gt: null }] }, 'filter.and[1].gt', /number or a string/],
    ['empty or', { or: [] }, 'filter.or', /non-empty list/],
    ['and beside a field', { and: [{ field: 'type', eq: 'x' }], field: 'type' }, 'filter', /only key/],
    ['too deep', deep(FILTER_LIMITS.maxDepth), 'filter' + '.not'.repeat(FILTER_LIMITS.maxDepth), /deeper than 8/],
    ['too many nodes', { or: Array.from({ length: 64 }, () => ({ field: 'type', eq: 'x' })) }, 'filter.or[63]', /more than 64/],
    ['a NUL in an operand', { field: 'type', eq: 'a\u0000b' }, 'filter.eq', /NUL character/],
    ['a lone surrogate in a list', { field: 'data.a', in: ['ok', '\ud800'] }, 'filter.in[1]', /unpaired UTF-16 surrogate/],
    ['too long a string', { field: 'type', eq: 'x'.repeat(257) }, 'filter.eq', /at most 256/],
    ['too big', { field: 'type', in: Array.from({ length: 100 }, () => 'y'.repeat(60)) }, 'filter', /at most 4096 bytes/],
  ];

  it.each(cases)('%s', (_name, filter, location, message) => {
    let error: unknown;
    try {
      parseFilter(filter);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FilterError);
    expect((error as FilterError).location).toBe(location);
    expect((error as FilterError).message).toMatch(message);
  });

  it('accepts a filter at the depth limit', () => {
    expect(() => parseFilter(deep(FILTER_LIMITS.maxDepth - 1))).not.toThrow();
  });
});
