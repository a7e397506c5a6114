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
}
