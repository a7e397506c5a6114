import type { DeliveryTask } from '../model/delivery-task';
import { RecentKeys } from './recent-keys';

/** How many recorded attempts are remembered (a few seconds of full throughput). */
const RECENT_KEYS = 50_000;

const taskKey = (task: DeliveryTask) => `${task.deliveryId}#${task.attempt}`;

/**
 * Which delivery attempts are admitted and not yet settled, or were just recorded, so that one
 * attempt is not sent twice when it arrives twice.
 * - Admitted: after a restart the same pending delivery can come twice (its task replayed from
 *   the topic, and again from the fan-out replaying its event): the second is settled at once.
 * - Recently recorded: the fan-out's replay can find a delivery still pending just before its
 *   topic task's attempt is recorded, and hand it over just after.
 */
export class DuplicateGuard {
  private readonly admitted = new Set<string>();
  private readonly recentlyRecorded = new RecentKeys(RECENT_KEYS);

  /** Takes the task's attempt; false when it is admitted already or was just recorded. */
  admit(task: DeliveryTask): boolean {
    const key = taskKey(task);
    if (this.admitted.has(key) || this.recentlyRecorded.has(key)) return false;
    this.admitted.add(key);
    return true;
  }

  /** The attempt is settled (`recorded`: its attempt row is committed) or dropped unsent. */
  release(task: DeliveryTask, recorded = false): void {
    const key = taskKey(task);
    this.admitted.delete(key);
    if (recorded) this.recentlyRecorded.add(key);
  }
}
