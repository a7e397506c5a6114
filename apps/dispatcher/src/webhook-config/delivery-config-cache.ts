import type { RegistryClient } from '../peers';
import { deliveryConfigFromProto, type DeliveryConfig } from './delivery-config';

/**
 * Most config requests in flight to the registry at once. Thousands of webhooks seen for the first
 * time together (a start, a burst over many endpoints) would otherwise all be asked for at once,
 * and most of them would time out in the registry's queue — each then postponing its delivery.
 * Requests beyond this wait their turn here; each one's deadline starts when it is sent.
 */
const MAX_FETCHES_IN_FLIGHT = 16;

/** A webhook's config: the request for it, and its value once it has arrived. */
interface Entry {
  config: Promise<DeliveryConfig>;
  value?: DeliveryConfig;
}

/**
 * Delivery configs by webhook, fetched from the registry on first use and again after `invalidate`
 * (the change feed reports a newer version (URL, auth, rotation, …), so a change applies to the next
 * attempt. Concurrent misses share one request.
 */
export class DeliveryConfigCache {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners: ((webhookId: string) => void)[] = [];
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly registry: Pick<RegistryClient, 'getDeliveryConfig'>,
    private readonly maxInFlight = MAX_FETCHES_IN_FLIGHT,
  ) {}

  /** Drops a webhook's config: the change feed reported a newer version of it. */
  invalidate(webhookId: string): void {
    this.entries.delete(webhookId);
    for (const listener of this.listeners) listener(webhookId);
  }

  /** Called when a webhook's config is dropped (signers and tokens built from it are stale). */
  onInvalidate(listener: (webhookId: string) => void): void {
    this.listeners.push(listener);
  }

  get(webhookId: string): Promise<DeliveryConfig> {
    const known = this.entries.get(webhookId);
    if (known) return known.config;
    const entry: Entry = { config: this.fetch(webhookId) };
    this.entries.set(webhookId, entry);
    entry.config.then(
      (value) => void (entry.value = value),
      // A failed fetch is not cached: the next attempt asks again.
      () => {
        if (this.entries.get(webhookId) === entry) this.entries.delete(webhookId);
      },
    );
    return entry.config;
  }

  /** The webhook's config if it has arrived (and not been invalidated since), without waiting. */
  peek(webhookId: string): DeliveryConfig | undefined {
    return this.entries.get(webhookId)?.value;
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
