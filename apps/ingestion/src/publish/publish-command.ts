import type { Event } from '../events/event';

/** One event a caller asks to publish (before validation). */
export interface PublishCommand {
  orgId: string;
  type: string;
  /** The data object, JSON-encoded. */
  dataJson: string;
  /** '' for none. */
  idempotencyKey: string;
  isTest: boolean;
  /** '' for none. */
  targetWebhookId: string;
}

/** The outcome of one publish: the event (first one for a reused key) or why it was refused. */
export type PublishOutcome = { event: Event; duplicate: boolean } | { error: Error };
