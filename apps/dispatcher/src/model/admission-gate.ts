import type { DeliveryTask } from './delivery-task';

/**
 * What a lane's run answers to: the admission step that let the task in (admission/admission.ts).
 * The run passes its inactive-webhook gate once more before the attempt (a change may land while
 * the task waits in its lane), and tells it when the task is settled.
 */
export interface AdmissionGate<T> {
  /** Settles the task without an attempt when its webhook is not active (resolves once recorded); null when it may be attempted. */
  settleIfInactive(task: DeliveryTask, configStatus: string): Promise<void> | null;
  /** The task's outcome is durable (`recorded`), or it was settled without an attempt. */
  settled(item: T, recorded: boolean): void;
}
