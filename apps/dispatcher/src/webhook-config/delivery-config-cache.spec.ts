import { registryV1 } from '@hookline/proto';
import { DeliveryConfigCache } from './delivery-config-cache';

/** A registry that answers only when told to, counting the requests it holds. */
function heldRegistry() {
  const held: { webhookId: string; answer: () => void }[] = [];
  let mostHeld = 0;
  const registry = {
    getDeliveryConfig: (request: { webhookId: string }) =>
      new Promise<registryV1.DeliveryConfig>((resolve) => {
        held.push({ webhookId: request.webhookId, answer: () => resolve(registryV1.DeliveryConfig.fromPartial({ webhookId: request.webhookId, orgId: 'org_1', status: 'active', rateLimitRps: 5 })) });
        mostHeld = Math.max(mostHeld, held.length);
      }),
  };
  return { registry, held, mostHeld: () => mostHeld };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('DeliveryConfigCache', () => {
  it('asks the registry for at most its limit of configs at once; the others wait their turn and all arrive', async () => {
    const { registry, held, mostHeld } = heldRegistry();
    const cache = new DeliveryConfigCache(registry as never, 3);
    const configs = Array.from({ length: 10 }, (_, i) => cache.get(`wh_${i}`));
    await flush();
    expect(held).toHaveLength(3);
    while (held.length > 0) {
      held.shift()!.answer();
      await flush();
    }
    const answered = await Promise.all(configs);
    expect(answered.map((config) => config.webhookId)).toEqual(Array.from({ length: 10 }, (_, i) => `wh_${i}`));
    expect(answered[0].rateLimitRps).toBe(5);
    expect(mostHeld()).toBe(3);
  });

  it('shares one request between concurrent misses of a webhook, shows it without waiting once it has arrived, and asks again after invalidate', async () => {
    const { registry, held } = heldRegistry();
    const cache = new DeliveryConfigCache(registry as never, 3);
    const first = cache.get('wh_a');
    const second = cache.get('wh_a');
    await flush();
    expect(held).toHaveLength(1);
    expect(cache.peek('wh_a')).toBeUndefined();
    held.shift()!.answer();
    expect(await first).toBe(await second);
    expect(cache.peek('wh_a')).toBe(await first);
    cache.invalidate('wh_a');
    expect(cache.peek('wh_a')).toBeUndefined();
    void cache.get('wh_a');
    await flush();
    expect(held).toHaveLength(1);
  });
});
