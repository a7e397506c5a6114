// @hookline/egress: which addresses Hookline may send webhooks to (DESIGN §4). The registry
// validates URLs at registration; the dispatcher checks every address again at connect time.
export { classifyAddress, type AddressClass } from './classify-address';
export { parseIpLiteral } from './ip-literal';
export { EMPTY_EGRESS_ALLOW_LIST, isAllowedAddress, parseEgressAllowList, type EgressAllowList } from './allow-list';
export { resolveHost, type HostResolver } from './resolve-host';
export { MAX_WEBHOOK_URL_LENGTH, validateWebhookUrl, type WebhookUrlOptions } from './validate-webhook-url';
export { isRelayTarget, validateWebhookTarget } from './relay-target';
export { EgressBlockedError } from './egress-blocked-error';
export { createGuardedLookup, guardConnector, type GuardedLookupOptions } from './guarded-lookup';
