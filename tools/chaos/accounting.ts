// Counts, after a scenario, what the receiver got against what the platform acknowledged.
import { testKafkaSecurity } from '@hookline/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Receiver } from '../bench/receiver';

export interface Delivered {
  /** Acknowledged events × webhooks. */
  expected: number;
  received: number;
  lost: number;
  /** A few lost (path, event) pairs, for the report. */
  lostSample: string[];
  /** Requests that repeated a webhook-id already received (at-least-once redeliveries). */
  duplicated: number;
  /** (event, webhook) pairs that arrived under more than one webhook-id (must be 0). */
  duplicatedWithNewId: number;
  /** First arrival (ms) of each pair. */
  arrivals: Map<string, { at: number; conflicts: number }>;
}

const pairKey = (path: string, eventId: string) => `${path} ${eventId}`;

/**
 * Waits until every acknowledged event has reached every webhook path, or until nothing new
 * arrived for `idleMs` (or `timeoutMs` passed): whatever is missing then is lost.
 */
export async function awaitDeliveries(receiver: Receiver, acknowledged: Iterable<string>, paths: string[], { timeoutMs = 180_000, idleMs = 45_000 } = {}): Promise<Delivered> {
  const expectedKeys: string[] = [];
  for (const eventId of acknowledged) for (const path of paths) expectedKeys.push(pairKey(path, eventId));
  const deadline = Date.now() + timeoutMs;
  let lastCount = -1;
  let lastProgress = Date.now();
  let arrivals = await receiver.takePairs();
  for (;;) {
    const missing = expectedKeys.filter((key) => !arrivals.has(key)).length;
    if (missing === 0) break;
    if (arrivals.size !== lastCount) {
      lastCount = arrivals.size;
      lastProgress = Date.now();
    }
    if (Date.now() - lastProgress > idleMs || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 1_000));
    arrivals = await receiver.takePairs();
  }
  const lostKeys = expectedKeys.filter((key) => !arrivals.has(key));
  let duplicatedWithNewId = 0;
  for (const { conflicts } of arrivals.values()) duplicatedWithNewId += conflicts;
  return {
    expected: expectedKeys.length,
    received: expectedKeys.length - lostKeys.length,
    lost: lostKeys.length,
    lostSample: lostKeys.slice(0, 5),
    duplicated: receiver.stats.duplicates,
    duplicatedWithNewId,
    arrivals,
  };
}

/**
 * Seconds from `liftedAtMs` (the fault ended) until the first delivery of an event acknowledged
 * after it: publishing and delivering both work again. Null when none arrived.
 */
export function recoverySeconds(liftedAtMs: number, acknowledged: Map<string, number>, arrivals: Map<string, { at: number }>): number | null {
  let first = Infinity;
  for (const [key, { at }] of arrivals) {
    const eventId = key.slice(key.indexOf(' ') + 1);
    const ackedAt = acknowledged.get(eventId);
    if (ackedAt !== undefined && ackedAt >= liftedAtMs && at < first) first = at;
  }
  // An answer may reach the publisher after the delivery reached the endpoint: never below 0.
  return Number.isFinite(first) ? Math.max(0, first - liftedAtMs) / 1000 : null;
}

/**
 * The sum of a topic's end offsets: how many records the broker stored. Retried for a minute:
 * right after a restart the broker may not lead its partitions yet.
 */
export async function topicEndOffsets(brokers: string, topic: string): Promise<number> {
  const kafka = new Kafka({ clientId: 'chaos-offsets', brokers: brokers.split(','), ...testKafkaSecurity(brokers), logLevel: logLevel.NOTHING });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((sum, p) => sum + Number(p.high), 0);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 1_000));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
