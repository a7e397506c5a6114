import type { FilterableEvent } from '@hookline/contract';
import { OPERATIONAL_PREFIX } from '../model/event-types';
import type { RoutingView, WebhookRoute } from './routing-view';

export interface RoutableEvent {
  orgId: string;
  type: string;
  /** The type's catalog group when ingestion accepted the event ('' when unknown). */
  group?: string;
  isTest: boolean;
  targetWebhookId: string;
  /** What payload filters read; absent fields read as empty. */
  id?: string;
  time?: string;
  source?: string;
  /** The event's data as JSON; parsed only when a matching webhook has a filter. */
  dataJson?: string;
}

/** The event as filters see it, its data parsed once however many filters read it. */
function filterableEvent(event: RoutableEvent): FilterableEvent {
  let data: unknown = {};
  try {
    if (event.dataJson) data = JSON.parse(event.dataJson);
  } catch {
    // Ingestion accepts only JSON data; anything else reads as no data.
  }
  return { id: event.id ?? '', type: event.type, time: event.time ?? '', source: event.source ?? '', group: event.group ?? '', isTest: event.isTest, data };
}

/**
 * Whether a webhook's filter accepts an event type. An entry is an exact type or a group
 * subscription `G.*`: every type of catalog group G (also types added to the group later) and
 * every type whose name starts with `G.` (`hookline.*`). No filter means every customer event, but NOT the
 * operational `hookline.*` ones: those reach only webhooks that name them, so an endpoint never
 * receives types it did not ask for, and a failing catch-all endpoint cannot feed itself
 * exhaustion events forever.
 */
export function filterAccepts(eventTypes: readonly string[], type: string, group = ''): boolean {
  if (eventTypes.length === 0) return !type.startsWith(OPERATIONAL_PREFIX);
  for (const entry of eventTypes) {
    if (entry === type || entry === '*') return true;
    if (!entry.endsWith('.*')) continue;
    const prefix = entry.slice(0, -1);
    if (type.startsWith(prefix) || (group !== '' && `${group}.` === prefix)) return true;
  }
  return false;
}

/**
 * Statuses whose webhooks get a delivery for every matching event. A paused webhook's are held
 * until it is resumed; a disabled webhook's are recorded failed without an attempt, so `recover`
 * can send them once it is enabled again. Only deleted webhooks stop receiving for good.
 */
const RECEIVING = new Set(['active', 'paused', 'disabled']);

/**
 * The webhooks an event goes to: active, paused and disabled ones whose event types and payload
 * filter accept it (admission decides what each gets, see RECEIVING); a test event only to its
 * target. A target the view does not know yet (created less than a moment ago: test events are
 * sent only to webhooks the registry just confirmed) is routed anyway; the attempt checks the
 * webhook's status and organization against the registry before sending.
 */
export function matchWebhooks(view: RoutingView, event: RoutableEvent): WebhookRoute[] {
  if (event.targetWebhookId) {
    const target = view.route(event.targetWebhookId);
    // A test event goes to its target whatever the target's payload filter says: it was asked for.
    if (!target) return [{ webhookId: event.targetWebhookId, orgId: event.orgId, status: 'active', eventTypes: [], version: 0 }];
    return target.orgId === event.orgId && target.status === 'active' ? [target] : [];
  }
  const matched: WebhookRoute[] = [];
  let filterable: FilterableEvent | undefined;
  for (const route of view.webhooksOf(event.orgId)) {
    if (!RECEIVING.has(route.status) || !filterAccepts(route.eventTypes, event.type, event.group)) continue;
    if (route.accepts && !route.accepts((filterable ??= filterableEvent(event)))) continue;
    matched.push(route);
  }
  return matched;
}
