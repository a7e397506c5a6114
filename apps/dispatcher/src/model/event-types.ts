/** Operational events Hookline itself publishes (DESIGN §4): ordinary events of types `hookline.*`. */
export const OPERATIONAL_PREFIX = 'hookline.';

/** A delivery failed for good after its last scheduled attempt. */
export const DELIVERY_EXHAUSTED = 'hookline.delivery.exhausted';
/** A webhook was disabled (its endpoint answered 410, or failed without a success for 5 days). */
export const WEBHOOK_DISABLED = 'hookline.webhook.disabled';
