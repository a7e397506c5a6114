/** Kafka topic names; a prefix isolates test suites (and tenants of a shared cluster). */
export function topicNames(prefix = '') {
  return {
    events: `${prefix}hookline.events.v1`,
    deliveries: `${prefix}hookline.deliveries.v1`,
    webhookChanges: `${prefix}hookline.webhook-changes.v1`,
    /** Revocations and other changes of API keys and portal sessions (the gateway's credential cache follows it). */
    credentialChanges: `${prefix}hookline.credential-changes.v1`,
    audit: `${prefix}hookline.audit.v1`,
  };
}
export type TopicNames = ReturnType<typeof topicNames>;
