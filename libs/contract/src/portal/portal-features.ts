/** The dashboard features a customer-portal session may be limited to (empty list = all of them). */
export const PORTAL_FEATURES = ['webhooks', 'deliveries', 'events', 'approvals', 'settings', 'api_keys', 'audit_log'] as const;
export type PortalFeature = (typeof PORTAL_FEATURES)[number];
