import type { Kafka } from 'kafkajs';

/**
 * Deletes a consumer group, best effort: for per-instance groups (each instance reads a whole
 * feed), useless once their instance stops. The broker may still see the member for a moment;
 * an empty group then expires on its own.
 */
export async function deleteConsumerGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // Best effort, see above.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
