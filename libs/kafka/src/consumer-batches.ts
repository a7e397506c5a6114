import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Logger } from '@hookline/logging';
import { retryWithBackoff, sleep } from '@hookline/retry';
import type { ConsumerMetrics } from './consumer-metrics';
import type { ConsumerContext, ConsumerOptions } from './consumer-options';
import type { TopicOffsets } from './offset-tracker';
import { isRowFault } from './poison-rows';

/** Thrown inside a handler to unwind it when the consumer stops or the partition is lost. */
class NotActive extends Error {}
/** A group-membership failure inside a handler: kafkajs handles it (rejoin), never retried here. */
class MembershipLost extends Error {}

const RETRY = { initialMs: 100, maxMs: 10_000 };

const delay = (ms: number) => sleep(ms, { ref: false });
const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export interface BatchHandlingDeps {
  offsets: TopicOffsets;
  metrics: ConsumerMetrics;
  log: Logger;
  /** Whether this consumer still handles records (neither paused nor closed). */
  open: () => boolean;
}

export interface BatchHandling {
  /** kafkajs' `eachBatch`. */
  eachBatch(payload: EachBatchPayload): Promise<void>;
  /** Resolves once no handler runs. */
  idle(): Promise<void>;
}

/**
 * How a consumer handles what it fetches: in chunks, each retried with backoff until it succeeds
 * (never skipped); a record that can never succeed is dead-lettered so it does not stall its
 * partition. The fetch position moves as chunks are handed out; offsets are committed elsewhere,
 * once their outcome is durable.
 */
export function handleBatches(options: ConsumerOptions, { offsets, metrics, log, open }: BatchHandlingDeps): BatchHandling {
  const { name, topic } = options;
  let handling = 0;
  const idleWaiters: (() => void)[] = [];

  const storeDeadLetter = async (partition: number, message: KafkaMessage, error: unknown) => {
    if (!options.deadLetters) throw error;
    // Counted and logged once: a record set aside before (a retried chunk, a replay) is not new.
    if (!(await options.deadLetters.store({ consumer: name, topic, partition, message, error: describe(error) }))) return;
    metrics.deadLetters.inc({ consumer: name });
    metrics.handlerErrors.inc({ consumer: name, topic, kind: 'poison' });
    log.error({ err: error, topic, partition, offset: message.offset }, 'record can never succeed: dead-lettered');
  };
  // A record the database refuses, or one the handler cannot even process (a TypeError or
  // RangeError on its content), fails the same way every time: set aside, not retried forever.
  const isSetAside = (error: unknown) => isRowFault(error) && options.deadLetters !== undefined;

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
    const { partition } = batch;
    const tracker = offsets.of(partition);
    const active = () => isRunning() && !isStale() && open();
    const keepAlive = async () => {
      try {
        await heartbeat();
      } catch (error) {
        throw new MembershipLost('heartbeat failed', { cause: error });
      }
    };
    const context: ConsumerContext = {
      topic,
      partition,
      claim: (offset) => {
        tracker.begin(offset);
        return () => tracker.complete(offset);
      },
      deadLetter: (message, error) => storeDeadLetter(partition, message, error),
      heartbeat: keepAlive,
      until: async (ready) => {
        let settled = false;
        const done = ready.then(
          () => void (settled = true),
          () => void (settled = true),
        );
        while (!settled) {
          if (!active()) throw new NotActive();
          await Promise.race([done, delay(500)]);
          await keepAlive();
        }
        if (!active()) throw new NotActive();
      },
    };

    /** Handles a chunk until it succeeds; false when the consumer stopped first. */
    const handleChunk = async (messages: KafkaMessage[]): Promise<boolean> => {
      let chunk: KafkaMessage[] = [];
      try {
        return await retryWithBackoff(
          async () => {
            if (!active()) return false;
            // A handler that claims may have handed out part of the chunk before it failed.
            chunk = messages.filter((message) => !tracker.seen(message.offset));
            if (chunk.length === 0) return true;
            await options.handle(chunk, context);
            if (options.completion !== 'claimed') context.claim(chunk[chunk.length - 1].offset)();
            metrics.records.inc({ consumer: name, topic }, chunk.length);
            return true;
          },
          {
            ...RETRY,
            sleep: pauseFor,
            shouldRetry: (error) => !(error instanceof NotActive || error instanceof MembershipLost || isSetAside(error)),
            onRetry: (error, attempt) => {
              metrics.handlerErrors.inc({ consumer: name, topic, kind: 'transient' });
              // Logged on the first failure and then now and again, not on every retry of an outage.
              if (attempt % 30 === 1) log.error({ err: error, topic, partition, attempt }, 'handling records failed; retrying');
            },
          },
        );
      } catch (error) {
        if (error instanceof NotActive) return false;
        if (error instanceof MembershipLost) throw error.cause;
        if (!isSetAside(error)) throw error;
        if (chunk.length === 1) return setAside(chunk[0], error);
        // Which record? Halves, each handled the same way (handlers are idempotent): the good
        // ones pass, the bad one ends up alone and is set aside, in about 2·log2(n) tries.
        const middle = Math.ceil(chunk.length / 2);
        return (await handleChunk(chunk.slice(0, middle))) && handleChunk(chunk.slice(middle));
      }
    };
    /** Dead-letters one record, retrying while the dead-letter table itself is unreachable. */
    const setAside = (message: KafkaMessage, error: unknown): Promise<boolean> =>
      retryWithBackoff(
        async () => {
          if (!active()) return false;
          await storeDeadLetter(partition, message, error);
          context.claim(message.offset)();
          metrics.records.inc({ consumer: name, topic });
          return true;
        },
        {
          ...RETRY,
          sleep: pauseFor,
          onRetry: (storeError, attempt) => {
            if (attempt === 1) log.error({ err: storeError, topic, partition }, 'dead-lettering failed; retrying');
          },
        },
      );
    /** A wait between tries that keeps the membership alive and ends early when the consumer stops. */
    const pauseFor = async (ms: number): Promise<void> => {
      const until = Date.now() + ms;
      while (Date.now() < until && active()) {
        await delay(Math.min(500, until - Date.now()));
        await keepAlive();
      }
    };

    handling++;
    try {
      // Offsets handed out already (a refetch after a rejoin or restart) are on their way.
      const fresh = batch.messages.filter((message) => !tracker.seen(message.offset));
      const chunkSize = options.chunkSize ?? Math.max(1, fresh.length);
      for (let start = 0; start < fresh.length; start += chunkSize) {
        const chunk = fresh.slice(start, start + chunkSize);
        if (!(await handleChunk(chunk))) return;
        // Moves the fetch position only; the commit follows completion.
        resolveOffset(chunk[chunk.length - 1].offset);
        await keepAlive();
      }
      if (batch.messages.length > 0 && active()) resolveOffset(batch.messages[batch.messages.length - 1].offset);
    } finally {
      if (--handling === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  };


  return {
    eachBatch,
    idle: () => (handling === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
  };
}
