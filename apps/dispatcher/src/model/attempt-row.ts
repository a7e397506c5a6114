import type { DeliveryTask } from './delivery-task';

/** One attempt as it is recorded (the `attempt` table) and shown by the deliveries API. */
export interface AttemptRow {
  id: string;
  deliveryId: string;
  number: number;
  startedAt: Date;
  durationMs: number;
  requestHeaders: Record<string, string>;
  responseStatus: number | null;
  responseHeaders: Record<string, string>;
  responseBody: string;
  errorClass: string | null;
  errorMessage: string | null;
}

/** A delivery's state after an attempt, or after it was settled without one. */
export interface DeliveryUpdate {
  deliveryId: string;
  webhookId: string;
  orgId: string;
  status: 'pending' | 'delivered' | 'failed';
  attemptCount: number;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  responseStatus: number | null;
  /** Whether the endpoint answered 2xx (feeds the 5-days-failing rule); null = not an attempt. */
  succeeded: boolean | null;
  /** Held because its webhook is paused: not attempted until the webhook is resumed. */
  held?: boolean;
  /** What the row is created from: a delivery's first outcome is also its first write. */
  origin: DeliveryOrigin;
}

/**
 * The columns a delivery row is created with. The fan-out writes no row before the first
 * attempt, so whichever outcome is recorded first (an attempt, a deferral, a hold) creates it.
 */
export interface DeliveryOrigin {
  eventId: string;
  eventType: string;
  isTest: boolean;
  traceparent: string;
  publishedAt: Date | null;
  manual: boolean;
}

/** The origin of the task's delivery (not its envelope: ingestion's archive holds that). */
export function originOf(task: DeliveryTask): DeliveryOrigin {
  return {
    eventId: task.eventId,
    eventType: task.eventType,
    isTest: task.isTest,
    traceparent: task.traceparent,
    publishedAt: task.publishedAtMs > 0 ? new Date(task.publishedAtMs) : null,
    manual: task.manual,
  };
}
