import { InputError } from '@hookline/errors';
import { pageOfAll } from './page-of-all';

const types = ['payout.paid', 'transfer.completed', 'hookline.delivery.exhausted', 'payout.failed', 'transfer.failed'].map((type) => ({ type }));
const key = (t: { type: string }) => t.type;

describe('pageOfAll', () => {
  it('walks the whole list forward and back with limit and the cursors it hands out', () => {
    const first = pageOfAll(types, { limit: 2 }, key);
    expect(first.data.map(key)).toEqual(['hookline.delivery.exhausted', 'payout.failed']);
    expect(first.prev_cursor).toBeNull();
    const second = pageOfAll(types, { limit: 2, cursor: first.next_cursor! }, key);
    expect(second.data.map(key)).toEqual(['payout.paid', 'transfer.completed']);
    const third = pageOfAll(types, { limit: 2, cursor: second.next_cursor! }, key);
    expect(third.data.map(key)).toEqual(['transfer.failed']);
    expect(third.next_cursor).toBeNull();
    const back = pageOfAll(types, { limit: 2, cursor: third.prev_cursor! }, key);
    expect(back.data.map(key)).toEqual(['payout.paid', 'transfer.completed']);
    expect(pageOfAll(types, { limit: 2, cursor: back.prev_cursor! }, key).data).toEqual(first.data);
  });

  it('a limit larger than the list is one page without cursors', () => {
    expect(pageOfAll(types, { limit: 100 }, key)).toMatchObject({ object: 'list', next_cursor: null, prev_cursor: null });
    expect(pageOfAll(types, { limit: 100 }, key).data).toHaveLength(5);
  });

  it('refuses a cursor it did not hand out with cursor_invalid', () => {
    const error = (() => {
      try {
        pageOfAll(types, { limit: 2, cursor: 'garbage' }, key);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'cursor_invalid', param: 'cursor' });
  });
});
