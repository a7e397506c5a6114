import type { RegistryClient } from '../peers';
import { deliveryConfigFromProto, type DeliveryConfig } from './delivery-config';

/**
 * Delivery configs by webhook, fetched from the registry on first use and again after `invalidate`
 * (the change feed reports a newer version (URL, auth, rotation, …), so a change applies to the next
 * attempt. Concurrent misses share one request.
 */
export class DeliveryConfigCache {
  private readonly configs = new Map<string, Promise<DeliveryConfig>>();
  private readonly listeners: ((webhookId: string) => void)[] = [];

  constructor(private readonly registry: RegistryClient) {}

  /** Drops a webhook's config: the change feed reported a newer version of it. */
  invalidate(webhookId: string): void {
    this.configs.delete(webhookId);
    for (const listener of this.listeners) listener(webhookId);
  }

  /** Called when a webhook's config is dropped (signers and tokens built from it are stale). */
  onInvalidate(listener: (webhookId: string) => void): void {
    this.listeners.push(listener);
  }

  get(webhookId: string): Promise<DeliveryConfig> {
    let config = this.configs.get(webhookId);
    if (!config) {
      config = this.registry.getDeliveryConfig({ webhookId }, { deadlineMs: 3_000 }).then(deliveryConfigFromProto);
      this.configs.set(webhookId, config);
      // A failed fetch is not cached: the next attempt asks again.
      config.catch(() => {
        if (this.configs.get(webhookId) === config) this.configs.delete(webhookId);
      });
    }
    return config;
  }
}
