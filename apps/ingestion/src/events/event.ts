/** An accepted event: what goes on the events topic, into the archive and back to callers. */
export interface Event {
  id: string;
  orgId: string;
  type: string;
  source: string;
  /** Acceptance time, server clock (RFC 3339 UTC with milliseconds). */
  time: string;
  isTest: boolean;
  /** The data object exactly as the publisher encoded it. */
  dataJson: string;
  /** Test events: the only webhook that may receive this event ('' for none). */
  targetWebhookId: string;
  /** '' when the publisher gave none. */
  idempotencyKey: string;
  /** The type's catalog group at acceptance (webhooks subscribe to `group.*`). */
  group: string;
}
