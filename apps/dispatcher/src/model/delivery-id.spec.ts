import fc from 'fast-check';
import { newId } from '@hookline/ids';
import { deliveryIdFor } from './delivery-id';

describe('delivery ids derived from (event, webhook)', () => {
  it('are the same on every derivation: a replayed event gets the webhook-id its first fan-out had', () => {
    const eventId = newId('evt');
    expect(deliveryIdFor(eventId, 'wh_a')).toBe(deliveryIdFor(eventId, 'wh_a'));
    expect(deliveryIdFor(eventId, 'wh_a')).toMatch(/^del_[0-9a-z]{36}$/);
  });

  it('differ for every webhook of one event and for every event of one webhook', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 2, maxLength: 20 }), (webhooks) => {
        const eventId = newId('evt');
        expect(new Set(webhooks.map((webhook) => deliveryIdFor(eventId, webhook))).size).toBe(webhooks.length);
      }),
    );
    const events = Array.from({ length: 100 }, () => newId('evt'));
    expect(new Set(events.map((eventId) => deliveryIdFor(eventId, 'wh_a'))).size).toBe(100);
  });

  it('sort as their events do, so a paused webhook gets its held deliveries in publish order', () => {
    const events = Array.from({ length: 50 }, () => newId('evt'));
    const ids = events.map((eventId, n) => deliveryIdFor(eventId, `wh_${n % 3}`));
    expect([...ids].sort()).toEqual(ids);
  });

  it('still derive a stable id from an event id of another shape', () => {
    fc.assert(fc.property(fc.string(), (eventId) => expect(deliveryIdFor(eventId, 'wh_a')).toBe(deliveryIdFor(eventId, 'wh_a'))));
    expect(deliveryIdFor('evt_short', 'wh_a')).toMatch(/^del_[0-9a-z]{36}$/);
  });
});
