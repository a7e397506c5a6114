/** A webhook's lifecycle states (DESIGN §4), declared once for the API, the registry and its metrics. */
export const WEBHOOK_STATUSES = ['pending_approval', 'active', 'paused', 'disabled', 'error', 'deleted'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];
