import type { RegistryClient } from '../peers';
import { deliveryConfigFromProto, type DeliveryConfig } from './delivery-config';

/**
 * Most config requests in flight to the registry at once. Thousands of webhooks seen for the first
 * time together (a start, a burst over many endpoints) would otherwise all be asked for at once,
 * and most of them would time out in the registry's queue — each then postponing its delivery.
 * Requests beyond this wait their turn here; each one's deadline starts when it is sent.
 */
const MAX_FETCHES_IN_FLIGHT = 16;

/**
 * Delivery configs by webhook, fetched from the registry on first use and again after `invalidate`
 * (the change feed reports a newer version (URL, auth, rotation, …), so a change applies to the next
 * attempt. Concurrent misses share one request.
 */
export class DeliveryConfigCache {
  private readonly configs = new Map<string, Promise<DeliveryConfig>>();
  /** The configs fetched already, for callers that must not wait a turn of the event loop. */
  private readonly known = new Map<string, DeliveryConfig>();
  private readonly listeners: ((webhookId: string) => void)[] = [];
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly registry: Pick<RegistryClient, 'getDeliveryConfig'>,
    private readonly maxInFlight = MAX_FETCHES_IN_FLIGHT,
  ) {}

  /** Drops a webhook's config: the change feed reported a newer version of it. */
  invalidate(webhookId: string): void {
    this.configs.delete(webhookId);
    this.known.delete(webhookId);
    for (const listener of this.listeners) listener(webhookId);
  }

  /** Called when a webhook's config is dropped (signers and tokens built from it are stale). */
  onInvalidate(listener: (webhookId: string) => void): void {
    this.listeners.push(listener);
  }

  get(webhookId: string): Promise<DeliveryConfig> {
    let config = this.configs.get(webhookId);
    if (!config) {
      const fetched = this.fetch(webhookId);
      config = fetched;
      this.configs.set(webhookId, fetched);
      fetched.then(
        (value) => {
          if (this.configs.get(webhookId) === fetched) this.known.set(webhookId, value);
        },
        // A failed fetch is not cached: the next attempt asks again.
        () => {
          if (this.configs.get(webhookId) === fetched) this.configs.delete(webhookId);
        },
      );
    }
    return config;
  }

  /** The webhook's config if it has been fetched (and not invalidated since), without waiting. */
  peek(webhookId: string): DeliveryConfig | undefined {
    return this.known.get(webhookId);
  }

  /** Asks the registry once a request slot is free. */
  private async fetch(webhookId: string): Promise<DeliveryConfig> {
    await this.requestSlot();
    try {
      return deliveryConfigFromProto(await this.registry.getDeliveryConfig({ webhookId }, { deadlineMs: 3_000 }));
    } finally {
      // The slot passes straight to the next waiting request, if any.
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight--;
    }
  }

  private requestSlot(): Promise<void> {
    if (this.inFlight < this.maxInFlight) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
