const REFUSALS = new Set(['TOPIC_AUTHORIZATION_FAILED', 'GROUP_AUTHORIZATION_FAILED', 'CLUSTER_AUTHORIZATION_FAILED', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED']);

/** Whether the broker refused an operation by its ACLs (kafkajs may wrap the broker's error in others). */
export function isAccessRefusal(error: unknown): boolean {
  for (let e = error as { type?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.type && REFUSALS.has(e.type)) return true;
  }
  return false;
}
