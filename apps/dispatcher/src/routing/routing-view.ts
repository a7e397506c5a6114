/** What the fan-out needs to know about one webhook; no secrets (those come with DeliveryConfig). */
export interface WebhookRoute {
  webhookId: string;
  orgId: string;
  /** pending_approval, active, paused, disabled, error, deleted */
  status: string;
  /** Empty = every customer event type (operational `hookline.*` types need an explicit entry). */
  eventTypes: string[];
  version: number;
}

export type RouteListener = (route: WebhookRoute) => void;

/**
 * The in-memory org → webhooks map, fed by the registry's start-up snapshot and then its change
 * feed. A change older than what is known (by version) is ignored, so the snapshot and a feed
 * replayed from the beginning can be applied in any order. Deleted webhooks are kept as
 * tombstones so that a stale "created" cannot bring them back.
 */
export class RoutingView {
  private readonly byWebhook = new Map<string, WebhookRoute>();
  private readonly byOrg = new Map<string, Map<string, WebhookRoute>>();
  private readonly listeners: RouteListener[] = [];

  /** Applies a route if it is newer than the one known; returns whether it changed anything. */
  apply(route: WebhookRoute): boolean {
    const known = this.byWebhook.get(route.webhookId);
    if (known && known.version > route.version) return false;
    if (known && known.version === route.version && known.status === route.status) return false;
    this.byWebhook.set(route.webhookId, route);
    let org = this.byOrg.get(route.orgId);
    if (!org) this.byOrg.set(route.orgId, (org = new Map()));
    if (route.status === 'deleted') org.delete(route.webhookId);
    else org.set(route.webhookId, route);
    for (const listener of this.listeners) listener(route);
    return true;
  }

  onChange(listener: RouteListener): void {
    this.listeners.push(listener);
  }

  route(webhookId: string): WebhookRoute | undefined {
    return this.byWebhook.get(webhookId);
  }

  /** Live (not deleted) webhooks of an org, whatever their status. */
  webhooksOf(orgId: string): Iterable<WebhookRoute> {
    return this.byOrg.get(orgId)?.values() ?? [];
  }

  /** How many live webhooks an org has. */
  webhookCount(orgId: string): number {
    return this.byOrg.get(orgId)?.size ?? 0;
  }
}
