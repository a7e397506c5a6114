import { startConsumer, type Kafka, type RunningConsumer } from '@hookline/kafka';
import { shielded, type Logger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import type { Registry } from '@hookline/telemetry';
import { OPERATIONAL_PREFIX } from '../model/event-types';
import { noticeFor } from './notice';
import type { Notifier } from './notifier';

export interface NotifyConsumerOptions {
  topic: string;
  groupId: string;
  logger: Logger;
  metrics: Registry;
  progressIntervalMs: number;
  stuckAfterMs: number;
  /** How often notices held below a threshold are looked at. */
  dueCheckMs?: number;
}

/**
 * Reads the events topic in its own consumer group, so notifying never slows the fan-out, and
 * hands each operational event (`hookline.*`) to the notifier. The offset moves on once the
 * channels were told (or could not be reached: a notice is advisory and never retried forever);
 * undecodable records are the fan-out's to dead-letter, here they are only skipped.
 */
export async function startNotifyConsumer(kafka: Kafka, notifier: Notifier, options: NotifyConsumerOptions): Promise<{ consumer: RunningConsumer; stop(): void }> {
  const consumer = await startConsumer(kafka, {
    name: 'notify',
    groupId: options.groupId,
    topic: options.topic,
    logger: options.logger,
    metrics: options.metrics,
    progressIntervalMs: options.progressIntervalMs,
    stuckAfterMs: options.stuckAfterMs,
    handle: async (messages) => {
      for (const message of messages) {
        if (!message.value || message.value.length === 0) continue;
        let event: eventsV1.Event;
        try {
          event = eventsV1.Event.decode(message.value);
        } catch {
          continue;
        }
        if (!event.type.startsWith(OPERATIONAL_PREFIX)) continue;
        const notice = noticeFor(event);
        if (notice) await notifier.notify(notice);
      }
    },
  });
  const timer = setInterval(shielded(options.logger, 'held notices', () => notifier.tellDue()), options.dueCheckMs ?? 30_000);
  timer.unref();
  return { consumer, stop: () => clearInterval(timer) };
}
