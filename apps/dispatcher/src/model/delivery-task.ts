/**
 * One attempt of one delivery, as the pipeline (lanes → deliver → record) sees it. It crosses
 * the deliveries topic as `eventsV1.DeliveryTask`; the codec in admission/task-queue.ts is the only
 * place that knows that.
 */
export interface DeliveryTask {
  deliveryId: string;
  webhookId: string;
  orgId: string;
  eventId: string;
  eventType: string;
  /** The attempt number this task is for (1 = first attempt). */
  attempt: number;
  isTest: boolean;
  /** The event envelope JSON exactly as it will be POSTed (full payload). */
  envelopeJson: string;
  traceparent: string;
  /** Manual retries (RetryDelivery, recover) are not retried automatically. */
  manual: boolean;
  /** Unix millis when ingestion acknowledged the event (end-to-end latency); 0 = unknown. */
  publishedAtMs: number;
}
