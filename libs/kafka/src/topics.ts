/** Kafka topic names; a prefix isolates test suites (and tenants of a shared cluster). */
export function topicNames(prefix = '') {
  return {
    events: `${prefix}hookline.events.v1`,
    deliveries: `${prefix}hookline.deliveries.v1`,
    webhookChanges: `${prefix}hookline.webhook-changes.v1`,
    audit: `${prefix}hookline.audit.v1`,
  };
}
export type TopicNames = ReturnType<typeof topicNames>;
