import { createIdGenerator, idTime, newId } from './prefixed-id';

describe('prefixed ids', () => {
  it('carry their prefix, encode the creation time and sort by it', () => {
    const ids = createIdGenerator();
    const early = ids.next('evt', Date.parse('2026-01-01T00:00:00.000Z'));
    const later = ids.next('evt', Date.parse('2026-01-01T00:00:00.001Z'));
    expect(early.id).toMatch(/^evt_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(idTime(early.id)).toBe(Date.parse('2026-01-01T00:00:00.000Z'));
    expect(later.id > early.id).toBe(true);
  });

  it('are strictly increasing within one millisecond and when the clock steps back', () => {
    const ids = createIdGenerator();
    const now = Date.now();
    const generated = [ids.next('del', now), ...Array.from({ length: 1000 }, () => ids.next('del', now)), ids.next('del', now - 5_000)];
    const sorted = [...generated.map((g) => g.id)].sort();
    expect(generated.map((g) => g.id)).toEqual(sorted);
    expect(new Set(sorted).size).toBe(generated.length);
    expect(generated.at(-1)!.timeMs).toBe(now);
  });

  it('differ between generators in the same millisecond', () => {
    const now = Date.now();
    expect(createIdGenerator().next('wh', now).id).not.toBe(createIdGenerator().next('wh', now).id);
  });

  it('from the process generator are unique and ordered', () => {
    const ids = Array.from({ length: 500 }, () => newId('org'));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('read the time of ids written in upper case, and none from ids of other shapes', () => {
    expect(idTime('evt_01KD0000000000000000000000')).toBe(idTime('evt_01kd0000000000000000000000'));
    expect(idTime('wh_3hK9aZ0qLm2Xc7Vb1Nd4Tr')).toBeUndefined();
    expect(idTime('evt_short')).toBeUndefined();
  });
});
