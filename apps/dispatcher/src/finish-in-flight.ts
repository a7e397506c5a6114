import type { RunningConsumer } from '@hookline/kafka';
import type { Admission } from './admission/admission';
import type { DeliveryOwnership } from './admission/ownership';
import type { AttemptRecorder } from './record/attempt-recorder';
import type { OperationalEvents } from './record/operational-events';

export interface InFlightWork {
  consumers: { changeFeed: RunningConsumer; fanOut: RunningConsumer; sender: RunningConsumer };
  ownership: DeliveryOwnership;
  admission: Pick<Admission, 'drain'>;
  recorder: AttemptRecorder;
  operational: OperationalEvents;
}

/**
 * The at-least-once half of a stop, in pipeline order, within one deadline: stop fetching on
 * every consumer → let in-flight work finish once → flush records and the operational events
 * they cause → commit what is durable. What is not durable by the deadline is replayed after a
 * restart.
 */
export async function finishInFlight({ consumers, ownership, admission, recorder, operational }: InFlightWork, deadline: number): Promise<void> {
  const left = () => Math.max(0, deadline - Date.now());
  const all = Object.values(consumers);
  for (const consumer of all) consumer.pause();
  ownership.setOwned([]);
  await withDeadline(Promise.all([consumers.fanOut.idle(), consumers.sender.idle()]), left());
  await admission.drain(left());
  await withDeadline(recorder.drain(), left());
  // Exhausted and disabled events of what was just recorded.
  await withDeadline(operational.idle(), left());
  await Promise.all(all.map((consumer) => consumer.commit()));
}

/** Waits for `work`, or `ms` at the most (the stop's deadline is shared by every step). */
async function withDeadline(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
