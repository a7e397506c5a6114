import { RecentKeys } from './recent-keys';

describe('the keys of the last attempts recorded', () => {
  it('remembers the last `size` keys and forgets the oldest first', () => {
    const recent = new RecentKeys(2);
    recent.add('del_a#1');
    recent.add('del_b#1');
    expect([recent.has('del_a#1'), recent.has('del_b#1')]).toEqual([true, true]);
    recent.add('del_c#1');
    expect([recent.has('del_a#1'), recent.has('del_b#1'), recent.has('del_c#1')]).toEqual([false, true, true]);
    expect(recent.has('del_a#2')).toBe(false);
  });
});
