import type { eventsV1 } from '@hookline/proto';
import { DELIVERY_EXHAUSTED, WEBHOOK_DISABLED } from '../model/event-types';

/** What a channel tells: one operational event, in words. */
export interface Notice {
  orgId: string;
  eventId: string;
  eventType: string;
  /** The webhook the notice is about (thresholds and dedupe are per webhook). */
  webhookId: string;
  /** Failing-state notices open a threshold window; a disabled webhook is told at once. */
  failing: boolean;
  title: string;
  text: string;
  facts: [string, string][];
  at: Date;
}

/** The notice of an operational event, or null for events no channel tells about. */
export function noticeFor(event: eventsV1.Event): Notice | null {
  if (event.isTest) return null;
  let data: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(event.dataJson);
    if (typeof parsed !== 'object' || parsed === null) return null;
    data = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const webhookId = text(data.webhook_id);
  if (!webhookId) return null;
  const base = { orgId: event.orgId, eventId: event.id, eventType: event.type, webhookId, at: new Date(event.time || Date.now()) };
  if (event.type === DELIVERY_EXHAUSTED) {
    return {
      ...base,
      failing: true,
      title: `Deliveries to webhook ${webhookId} are failing`,
      text: `Delivery ${text(data.delivery_id)} of event ${text(data.event_id)} (${text(data.event_type)}) failed after ${text(data.attempts)} attempts; it will not be retried unless you retry it.`,
      facts: [['webhook', webhookId], ['delivery', text(data.delivery_id)], ['event type', text(data.event_type)], ['attempts', text(data.attempts)]],
    };
  }
  if (event.type === WEBHOOK_DISABLED) {
    const reason = text(data.reason);
    return {
      ...base,
      failing: false,
      title: `Webhook ${webhookId} was disabled`,
      text: reason === 'gone' ? 'Its endpoint answered 410 Gone.' : 'It failed without a single success for too long. Fix the endpoint, then re-enable the webhook.',
      facts: [['webhook', webhookId], ['reason', reason]],
    };
  }
  return null;
}

/** Event data is the platform's own, but still printed only as plain bounded text. */
function text(value: unknown): string {
  const printable = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  return printable.replace(/[^\x20-\x7e]/g, '').slice(0, 200);
}
