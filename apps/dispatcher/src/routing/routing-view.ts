import { compileStoredFilter, type CompiledFilter } from '@hookline/contract';

/** What the fan-out needs to know about one webhook; no secrets (those come with DeliveryConfig). */
export interface WebhookRoute {
  webhookId: string;
  orgId: string;
  /** pending_approval, active, paused, disabled, error, deleted */
  status: string;
  /** Empty = every customer event type (operational `hookline.*` types need an explicit entry). */
  eventTypes: string[];
  version: number;
  /** The payload filter as JSON; '' (or absent) = none. */
  filterJson?: string;
  /** The filter compiled, set by the view when it applies the route (once per version). */
  accepts?: CompiledFilter;
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

  /**
   * Applies a route if it is newer than the one known; returns whether it changed anything. Its
   * payload filter is compiled here, once per version (reused while the text is unchanged); a
   * filter that does not compile throws before anything changes.
   */
  apply(incoming: WebhookRoute): boolean {
    const known = this.byWebhook.get(incoming.webhookId);
    if (known && known.version > incoming.version) return false;
    if (known && known.version === incoming.version && known.status === incoming.status) return false;
    const filterJson = incoming.filterJson ?? '';
    const accepts = known && (known.filterJson ?? '') === filterJson ? known.accepts : compileStoredFilter(filterJson);
    const route: WebhookRoute = { ...incoming, filterJson, accepts };
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
