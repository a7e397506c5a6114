import { byKey } from './key-order';

describe('the key order of multi-row writes', () => {
  it('sorts by the first key, then the next, in code-unit order', () => {
    const rows = [
      { eventId: 'evt_b', webhookId: 'wh_a' },
      { eventId: 'evt_a', webhookId: 'wh_b' },
      { eventId: 'evt_a', webhookId: 'wh_B' },
      { eventId: 'evt_a', webhookId: 'wh_a' },
    ];
    const sorted = [...rows].sort(byKey((r) => r.eventId, (r) => r.webhookId));
    expect(sorted.map((r) => `${r.eventId}/${r.webhookId}`)).toEqual(['evt_a/wh_B', 'evt_a/wh_a', 'evt_a/wh_b', 'evt_b/wh_a']);
  });
});
