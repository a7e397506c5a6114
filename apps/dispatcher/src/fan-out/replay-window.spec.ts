import { ReplayWindow } from './replay-window';

const T = Date.parse('2026-12-07T12:00:00Z');

describe('which events the fan-out looks up before sending (it writes no delivery row ahead)', () => {
  it('an event published before the partition was assigned, or shortly after, may have been fanned out by the previous owner', () => {
    const window = new ReplayWindow();
    window.assigned([0, 1], T);
    expect(window.mayBeReplay(0, T - 60_000)).toBe(true);
    expect(window.mayBeReplay(0, T + 5_000)).toBe(true);
    expect(window.mayBeReplay(1, T + 60_000)).toBe(false);
  });

  it('a partition kept across a rebalance keeps its window; one assigned again starts a new one', () => {
    const window = new ReplayWindow();
    window.assigned([0, 1], T);
    window.assigned([0], T + 60_000);
    window.assigned([0, 1], T + 120_000);
    expect(window.mayBeReplay(0, T + 90_000)).toBe(false);
    expect(window.mayBeReplay(1, T + 90_000)).toBe(true);
  });

  it('a partition not known to be assigned is always looked up', () => {
    const window = new ReplayWindow();
    expect(window.mayBeReplay(3, T)).toBe(true);
    window.assigned([3], T);
    window.assigned([], T + 1_000);
    expect(window.mayBeReplay(3, T + 600_000)).toBe(true);
  });
});
