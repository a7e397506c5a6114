import { z } from '@hookline/config';
import { listBody, pageQueryFields, pageRequest } from './pagination';

const query = z.strictObject(pageQueryFields);

describe('list pagination', () => {
  it('defaults the limit to 20 and passes the cursor through opaquely', () => {
    expect(query.parse({})).toEqual({ limit: 20 });
    expect(pageRequest(query.parse({ limit: '5', cursor: 'eyJpZCI6IndoXzEifQ' }))).toEqual({ limit: 5, cursor: 'eyJpZCI6IndoXzEifQ' });
    expect(pageRequest(query.parse({}))).toEqual({ limit: 20, cursor: '' });
  });

  it.each([['0'], ['101'], ['1.5'], ['ten']])('refuses limit=%s', (limit) => {
    expect(query.safeParse({ limit }).success).toBe(false);
  });

  it('refuses a cursor that no page could have produced', () => {
    expect(query.safeParse({ cursor: 'a b' }).success).toBe(false);
    expect(query.safeParse({ cursor: '' }).success).toBe(false);
    expect(query.safeParse({ cursor: 'x'.repeat(1025) }).success).toBe(false);
  });

  it('answers absent cursors as null', () => {
    expect(listBody([1, 2], { nextCursor: 'n1', prevCursor: '' })).toEqual({ object: 'list', data: [1, 2], next_cursor: 'n1', prev_cursor: null });
    expect(listBody([])).toEqual({ object: 'list', data: [], next_cursor: null, prev_cursor: null });
  });
});
