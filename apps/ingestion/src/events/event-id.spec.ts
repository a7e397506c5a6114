import { createEventIdGenerator, eventIdTime } from './event-id';

describe('event ids', () => {
  it('encode the acceptance time and sort by it', () => {
    const ids = createEventIdGenerator();
    const early = ids.next(Date.parse('2026-01-01T00:00:00.000Z'));
    const later = ids.next(Date.parse('2026-01-01T00:00:00.001Z'));
    expect(early.id).toMatch(/^evt_[0-9A-Z]{26}$/);
    expect(eventIdTime(early.id)).toBe(Date.parse('2026-01-01T00:00:00.000Z'));
    expect(later.id > early.id).toBe(true);
  });

  it('are strictly increasing within one millisecond and when the clock steps back', () => {
    const ids = createEventIdGenerator();
    const now = Date.now();
    const generated = [ids.next(now), ...Array.from({ length: 1000 }, () => ids.next(now)), ids.next(now - 5_000)];
    const sorted = [...generated.map((g) => g.id)].sort();
    expect(generated.map((g) => g.id)).toEqual(sorted);
    expect(new Set(sorted).size).toBe(generated.length);
    expect(generated.at(-1)!.timeMs).toBe(now);
  });

  it('differ between generators in the same millisecond', () => {
    const now = Date.now();
    expect(createEventIdGenerator().next(now).id).not.toBe(createEventIdGenerator().next(now).id);
  });
});
